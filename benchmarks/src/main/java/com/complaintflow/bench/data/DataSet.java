package com.complaintflow.bench.data;

import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.CallDetails;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.Consent;
import com.complaintflow.schemas.avro.ContactPoints;
import com.complaintflow.schemas.avro.ThreadRefs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The benchmark's records, the same for every run with the same sizes and seed: a CRM of clients
 * (tiers, e-mail, phone, account id, language), agents in the four teams of the built-in routing
 * rules, and complaints from e-mail, web and phone. 85 % of complaints come from known clients
 * (by account id, e-mail or phone, as the channel would give them), 15 % from unknown contacts;
 * about one e-mail in five replies to the same client's previous e-mail (a follow-up).
 */
public final class DataSet {
  public static final List<String> TEAMS = List.of("billing", "logistics", "quality", "service");
  private static final String[] LANGUAGES = {"ru", "ru", "ru", "ru", "ru", "en", "en", "en", "bg", "bg"};
  private static final String[] FIRST = {"Ivan", "Maria", "Olga", "Petar", "Elena", "John", "Anna", "Dmitry",
      "Georgi", "Svetlana", "Nikolay", "Emma", "Yana", "Sergey", "Daria"};
  private static final String[] LAST = {"Petrov", "Ivanova", "Smirnov", "Georgiev", "Dimitrova", "Smith",
      "Kuznetsova", "Popov", "Nikolova", "Brown", "Volkov", "Todorov"};
  private static final UUID NAMESPACE = UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

  private final int clients;
  private final int agentsPerTeam;
  private final long seed;
  private final Instant start;

  public DataSet(int clients, int agentsPerTeam, long seed, Instant start) {
    this.clients = clients;
    this.agentsPerTeam = agentsPerTeam;
    this.seed = seed;
    this.start = start;
  }

  public int clientCount() {
    return clients;
  }

  static String clientId(int i) {
    return String.format("C-%07d", i);
  }

  static String email(int i) {
    return FIRST[i % FIRST.length].toLowerCase() + "." + LAST[(i / FIRST.length) % LAST.length].toLowerCase()
        + i + "@mail" + (i % 7) + ".example";
  }

  static String phone(int i) {
    return switch (i % 3) {
      case 0 -> String.format("+7495%07d", i % 10_000_000);
      case 1 -> String.format("+3592%07d", i % 10_000_000);
      default -> String.format("+4420%08d", i % 100_000_000);
    };
  }

  static String account(int i) {
    return String.format("ACC-%07d", i);
  }

  static String language(int i) {
    return LANGUAGES[Math.floorMod(i * 31 + 7, LANGUAGES.length)];
  }

  public Client client(int i) {
    int t = Math.floorMod(i * 2654435761L, 100) < 5 ? 0 : (i % 4 == 0 ? 1 : 2);
    return Client.newBuilder()
        .setClientId(clientId(i))
        .setTier(t == 0 ? ClientTier.A : t == 1 ? ClientTier.B : ClientTier.C)
        .setName(FIRST[i % FIRST.length] + " " + LAST[(i / FIRST.length) % LAST.length])
        .setEmails(List.of(email(i)))
        .setPhones(List.of(phone(i)))
        .setAccountIds(List.of(account(i)))
        .setAccountManagerId(t == 0 ? "AG-service-01" : null)
        .setLanguage(language(i))
        .setUpdatedAt(start)
        .build();
  }

  public List<Agent> agents() {
    List<Agent> out = new ArrayList<>();
    for (String team : TEAMS) {
      for (int a = 1; a <= agentsPerTeam; a++) {
        String id = String.format("AG-%s-%02d", team, a);
        List<String> languages = switch (a % 3) {
          case 0 -> List.of("ru", "en");
          case 1 -> List.of("bg", "en");
          default -> List.of();
        };
        out.add(Agent.newBuilder()
            .setAgentId(id)
            .setName("Agent " + team + " " + a)
            .setTeam(team)
            .setSkills(List.of())
            .setLanguages(languages)
            .setCapacity(20)
            .setStatus(AgentStatus.AVAILABLE)
            .setDeputyId(String.format("AG-%s-%02d", team, a % agentsPerTeam + 1))
            .setEmail(id.toLowerCase() + "@complaintflow.local")
            .setUpdatedAt(start)
            .build());
      }
    }
    return out;
  }

  /** Counts of what {@link #complaints} generated. */
  public record Summary(long complaints, long followUps, long unknownContacts) {}

  /**
   * Generates {@code n} complaints in arrival order (one per {@code spacing} of simulated time)
   * and hands each to {@code sink} with its key; returns what was generated.
   */
  public Summary complaints(long n, Consumer<Complaint> sink) {
    Random random = new Random(seed);
    String[] lastMessageId = new String[clients];
    long followUps = 0;
    long unknown = 0;
    Duration spacing = Duration.ofDays(6).dividedBy(Math.max(1, n));
    for (long i = 0; i < n; i++) {
      Instant received = start.plus(spacing.multipliedBy(i));
      boolean known = random.nextInt(100) < 85;
      int c = random.nextInt(clients);
      int roll = random.nextInt(100);
      Channel channel = roll < 50 ? Channel.EMAIL : roll < 85 ? Channel.WEB : Channel.PHONE;
      String lang = known ? language(c) : LANGUAGES[random.nextInt(LANGUAGES.length)];
      Texts.Language texts = Texts.language(lang);
      int category = random.nextInt(5);
      ContactPoints.Builder contact = ContactPoints.newBuilder();
      String clientKey;
      String sourceId;
      String sourceSystem;
      ThreadRefs thread = null;
      CallDetails call = null;
      String name = known ? FIRST[c % FIRST.length] + " " + LAST[(c / FIRST.length) % LAST.length] : null;
      contact.setName(name);
      switch (channel) {
        case EMAIL -> {
          String address = known ? email(c) : "someone" + i + "@unknown" + (i % 13) + ".example";
          contact.setEmail(address);
          clientKey = address;
          sourceId = "<" + new UUID(random.nextLong(), random.nextLong()) + "@mail.example>";
          sourceSystem = "imap:complaints";
          String previous = known ? lastMessageId[c] : null;
          boolean reply = previous != null && random.nextInt(100) < 20;
          if (reply) {
            followUps++;
          }
          thread = ThreadRefs.newBuilder()
              .setMessageId(sourceId)
              .setInReplyTo(reply ? previous : null)
              .setReferences(reply ? List.of(previous) : List.of())
              .build();
          if (known) {
            lastMessageId[c] = sourceId;
          }
        }
        case WEB -> {
          boolean byAccount = known && random.nextBoolean();
          String address = known ? email(c) : "visitor" + i + "@unknown" + (i % 11) + ".example";
          contact.setEmail(address);
          if (byAccount) {
            contact.setAccountId(account(c));
          }
          clientKey = byAccount ? account(c) : address;
          sourceId = "web-" + new UUID(random.nextLong(), random.nextLong());
          sourceSystem = "web-api";
        }
        default -> {
          String number = known ? phone(c) : String.format("+7916%07d", i % 10_000_000);
          contact.setPhone(number);
          clientKey = number;
          sourceId = "CA" + Long.toHexString(random.nextLong()) + Long.toHexString(i);
          sourceSystem = "twilio";
          Instant started = received.minusSeconds(300 + random.nextInt(600));
          call = CallDetails.newBuilder()
              .setCallId(sourceId)
              .setCalledNumber("+74950000000")
              .setQueue("complaints")
              .setStartedAt(started)
              .setAnsweredAt(started.plusSeconds(20))
              .setEndedAt(received)
              .setDurationSeconds(Duration.between(started, received).toSeconds())
              .setDisposition("ANSWERED")
              .setHasNotes(true)
              .build();
        }
      }
      if (!known) {
        unknown++;
      }
      String subject = texts.subjects().get(random.nextInt(texts.subjects().size()));
      Complaint complaint = Complaint.newBuilder()
          .setComplaintId(UUID.nameUUIDFromBytes((NAMESPACE + channel.name() + ":" + sourceId)
              .getBytes(StandardCharsets.UTF_8)).toString())
          .setChannel(channel)
          .setSourceSystem(sourceSystem)
          .setSourceId(sourceId)
          .setReceivedAt(received)
          .setSentAt(received.minusSeconds(random.nextInt(120)))
          .setClientKey(clientKey)
          .setContact(contact.build())
          .setSubject(channel == Channel.PHONE ? null : subject)
          .setBody(Texts.body(texts, category, random))
          .setBodyTruncated(false)
          .setLanguage(lang)
          .setOrderRef(random.nextInt(3) == 0 ? null : "ORD-" + (100_000 + random.nextInt(900_000)))
          .setProductRef(random.nextInt(2) == 0 ? null : "SKU-" + random.nextInt(5000))
          .setAttachments(List.of())
          .setThread(thread)
          .setCall(call)
          .setConsent(Consent.newBuilder().setContactByEmail(true).setDataProcessing(true).build())
          .setAttributes(Map.of())
          .build();
      sink.accept(complaint);
    }
    return new Summary(n, followUps, unknown);
  }
}
