package com.complaintflow.faults;

import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ContactPoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A seeded, realistic population for load under faults: clients with emails and phones (one in ten
 * A-tier), agents of one team, and complaints in the clients' words across the categories, some
 * reaching the processor by email address and some by phone number.
 */
final class Population {
  static final String TEAM = "service";

  private static final String[] FIRST = {"Ivan", "Maria", "Elena", "Georgi", "Olga", "Dmitry", "Anna", "Petar",
      "Svetlana", "Nikolai", "Emily", "James", "Yana", "Boris", "Irina", "Stefan"};
  private static final String[] LAST = {"Petrov", "Ivanova", "Smirnov", "Georgieva", "Kuznetsov", "Dimitrova",
      "Brown", "Popov", "Stoyanova", "Volkov", "Taylor", "Nikolova"};
  private static final String[] TEXTS = {
      "The washing machine I bought on order %s stopped spinning after two weeks and leaks water.",
      "My parcel for order %s was promised for Monday and still has not arrived, the tracking shows nothing.",
      "I was charged twice for order %s, please refund the second payment to my card.",
      "The operator on the hotline was rude and hung up on me when I asked about order %s.",
      "I returned the kettle from order %s a month ago and the refund has still not been paid.",
      "The screen of the phone from order %s has dead pixels out of the box, I want a replacement.",
      "Courier left order %s at the door in the rain, the box and the contents are soaked.",
      "Your invoice for order %s shows a price higher than on the website at the time of purchase.",
  };

  private final Random random;
  private final List<Client> clients = new ArrayList<>();

  Population(long seed, int clientCount) {
    this.random = new Random(seed);
    for (int i = 0; i < clientCount; i++) {
      String first = FIRST[random.nextInt(FIRST.length)];
      String last = LAST[random.nextInt(LAST.length)];
      String email = (first + "." + last + "." + i + "@mail.example").toLowerCase(Locale.ROOT);
      String phone = String.format(Locale.ROOT, "+35988%07d", i);
      clients.add(Client.newBuilder().setClientId(String.format(Locale.ROOT, "C-%05d", i))
          .setTier(i % 10 == 0 ? ClientTier.A : ClientTier.B).setName(first + " " + last)
          .setEmails(List.of(email)).setPhones(List.of(phone)).setLanguage(i % 3 == 0 ? "bg" : "en")
          .setUpdatedAt(Instant.now()).build());
    }
  }

  List<Client> clients() {
    return clients;
  }

  /** Agents of {@link #TEAM}, available, with room for every case of the run (no queue builds up). */
  static List<Agent> agents(int count, int capacity) {
    List<Agent> agents = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format(Locale.ROOT, "AG-%03d", i);
      agents.add(Agent.newBuilder().setAgentId(id).setName("Agent " + i).setTeam(TEAM).setCapacity(capacity)
          .setStatus(AgentStatus.AVAILABLE).setUpdatedAt(Instant.now()).build());
    }
    return agents;
  }

  /** The n-th complaint of a run: a random client, by email (web form or mail) or by phone (call). */
  Complaint complaint(String runId, int n) {
    Client client = clients.get(random.nextInt(clients.size()));
    String order = "ORD-" + (100_000 + random.nextInt(900_000));
    String text = String.format(Locale.ROOT, TEXTS[random.nextInt(TEXTS.length)], order);
    String id = runId + "-" + n;
    Channel channel = switch (n % 3) {
      case 0 -> Channel.WEB;
      case 1 -> Channel.EMAIL;
      default -> Channel.PHONE;
    };
    ContactPoints contact = channel == Channel.PHONE
        ? ContactPoints.newBuilder().setPhone(client.getPhones().get(0)).build()
        : ContactPoints.newBuilder().setEmail(client.getEmails().get(0)).setName(client.getName()).build();
    String clientKey = channel == Channel.PHONE ? client.getPhones().get(0) : client.getEmails().get(0);
    return Complaint.newBuilder().setComplaintId(id).setChannel(channel).setSourceSystem("fault-test")
        .setSourceId(id).setReceivedAt(Instant.now()).setClientKey(clientKey).setContact(contact)
        .setSubject("Complaint about order " + order).setBody(text).setOrderRef(order).build();
  }
}
