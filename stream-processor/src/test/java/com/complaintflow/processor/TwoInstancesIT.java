package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.processor.config.StreamsSettings;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ContactPoints;
import com.complaintflow.schemas.avro.ThreadRefs;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.schemas.topics.TopicName;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two application instances over a 6-partition complaints topic on a real broker and registry:
 * 2,000 complaints from 300 clients across 3 teams, one instance stopped and restarted mid-run.
 * Checked with a read_committed consumer: no duplicate case events, one owner per client, no
 * agent above capacity except by affinity, every complaint in exactly one case.
 */
class TwoInstancesIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();

  private static final int CLIENTS = 300;
  private static final int COMPLAINTS = 2000;
  private static final int CAPACITY = 15;
  private static final String[] TEAMS = {"billing", "logistics", "quality"};
  private static final String[] TEXTS = {
      "Счет выставлен дважды, верните оплату", "Invoice charged twice",
      "Доставка задерживается, курьер не приехал", "Parcel delivery is late",
      "Товар с браком, не работает", "The device is broken, defect"};

  @Test
  void twoInstancesKeepOwnersCapacityAndExactlyOnce() throws Exception {
    String app = "cf-it-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> values = new HashMap<>();
    values.put(ProcessorConfig.APPLICATION_ID_CONFIG, app);
    values.put(ProcessorConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    values.put(ProcessorConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
    values.put(ProcessorConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
    values.put(ProcessorConfig.INTERNAL_PARTITIONS_CONFIG, "6");
    values.put(ProcessorConfig.AGENT_CHECK_INTERVAL_CONFIG, "200");
    for (TopicName t : TopicName.values()) {
      String name = kafka.topic(t.defaultName().replace('.', '-'));
      values.put(t.configKey(), name);
      kafka.createTopic(name, t == TopicName.COMPLAINTS || t == TopicName.CASES ? 6 : 1,
          t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of());
    }
    ProcessorConfig base = new ProcessorConfig(values);
    TopicCatalog catalog = new TopicCatalog(base.catalogConfig());
    kafka.createTopic(ComplaintFlowTopology.teamCommandsTopic(base), 6);

    produceClientsAndAgents(catalog);
    List<Complaint> complaints = complaints();

    Path dirA = Files.createTempDirectory("cf-it-a");
    Path dirB = Files.createTempDirectory("cf-it-b");
    KafkaStreams a = start(values, dirA);
    KafkaStreams b = null;
    try (KafkaConsumer<String, CaseEvent> consumer = new KafkaConsumer<>(
        kafka.consumerProps("check-" + app), Serdes.String().deserializer(),
        catalog.cases().valueSerde().deserializer())) {
      consumer.subscribe(List.of(catalog.cases().name()));
      List<CaseEvent> events = new ArrayList<>();

      produce(catalog, complaints.subList(0, COMPLAINTS / 2));
      // the second instance joins once the first has registered the internal topics' schemas
      await(consumer, events, () -> complaintIds(events).size() >= 50, Duration.ofSeconds(90));
      b = start(values, dirB);
      await(consumer, events, () -> complaintIds(events).size() >= COMPLAINTS / 4, Duration.ofSeconds(90));
      b.close(Duration.ofSeconds(20));
      produce(catalog, complaints.subList(COMPLAINTS / 2, COMPLAINTS));
      await(consumer, events, () -> complaintIds(events).size() >= COMPLAINTS * 3 / 4, Duration.ofSeconds(90));
      b = start(values, dirB);
      await(consumer, events, () -> complaintIds(events).size() >= COMPLAINTS, Duration.ofSeconds(120));
      // let the last assignments arrive: stop when nothing new came for a while
      int before;
      do {
        before = events.size();
        await(consumer, events, () -> false, Duration.ofSeconds(3));
      } while (events.size() > before);

      verify(events, complaints);
    } finally {
      a.close(Duration.ofSeconds(20));
      if (b != null) {
        b.close(Duration.ofSeconds(20));
      }
    }
  }

  private void verify(List<CaseEvent> events, List<Complaint> complaints) {
    // exactly once: every (case, sequence) once, sequences contiguous from 1
    Set<String> ids = new HashSet<>();
    Map<String, Long> lastSeq = new HashMap<>();
    for (CaseEvent e : events) {
      assertTrue(ids.add(e.getEventId()), "duplicate case event " + e.getEventId());
      long expected = lastSeq.getOrDefault(e.getCaseId(), 0L) + 1;
      assertEquals(expected, e.getSequence(), "gap or reorder in " + e.getCaseId());
      lastSeq.put(e.getCaseId(), e.getSequence());
    }
    // every complaint in exactly one case
    Map<String, Integer> perComplaint = new HashMap<>();
    for (CaseEvent e : events) {
      String type = e.getType().name();
      if (type.equals("OPENED") || type.equals("FOLLOW_UP")) {
        perComplaint.merge(e.getComplaintId(), 1, Integer::sum);
      }
    }
    assertEquals(COMPLAINTS, perComplaint.size());
    perComplaint.forEach((id, n) -> assertEquals(1, n, "complaint " + id + " in " + n + " cases"));
    Set<String> sent = new HashSet<>();
    complaints.forEach(c -> sent.add(c.getComplaintId()));
    assertEquals(sent, perComplaint.keySet());

    // one owner per client; an agent's non-affinity cases (one per client) within capacity
    Map<String, Set<String>> ownersByClient = new HashMap<>();
    Map<String, Set<String>> clientsByAgent = new HashMap<>();
    int overCapacityByAffinity = 0;
    int followUps = 0;
    for (CaseEvent e : events) {
      if (e.getType().name().equals("ASSIGNED")) {
        ownersByClient.computeIfAbsent(e.getClientId(), k -> new HashSet<>()).add(e.getOwnerId());
        clientsByAgent.computeIfAbsent(e.getOwnerId(), k -> new HashSet<>()).add(e.getClientId());
        if (e.getAffinityOverCapacity()) {
          overCapacityByAffinity++;
        }
      }
      if (e.getType().name().equals("FOLLOW_UP")) {
        followUps++;
      }
    }
    ownersByClient.forEach((client, owners) -> assertEquals(1, owners.size(), client + " has owners " + owners));
    clientsByAgent.forEach((agent, clients) -> assertTrue(clients.size() <= CAPACITY,
        agent + " took " + clients.size() + " clients beyond capacity " + CAPACITY));
    // Capacity counts open cases, not clients: a client's second case (affinity, within capacity)
    // takes a second place with the same owner, so count the cases each agent holds.
    Map<String, Set<String>> casesByAgent = new HashMap<>();
    for (CaseEvent e : events) {
      if (e.getType().name().equals("ASSIGNED") && !e.getAffinityOverCapacity()) {
        casesByAgent.computeIfAbsent(e.getOwnerId(), k -> new HashSet<>()).add(e.getCaseId());
      }
    }
    Map<String, Integer> load = new java.util.TreeMap<>();
    casesByAgent.forEach((agent, cases) -> load.put(agent, cases.size()));
    int placesTaken = load.values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(placesTaken >= TEAMS.length * 4 * CAPACITY * 9 / 10,
        "most capacity used: " + placesTaken + " cases within capacity, " + ownersByClient.size()
            + " clients with an owner; " + load);
    assertTrue(overCapacityByAffinity > 0, "affinity over capacity is reported");
    assertTrue(followUps > 0, "email replies joined their cases");
    System.out.printf("two-instance run: events=%d clientsWithOwner=%d affinityOverCapacity=%d followUps=%d%n",
        events.size(), ownersByClient.size(), overCapacityByAffinity, followUps);
  }

  private static Set<String> complaintIds(List<CaseEvent> events) {
    Set<String> out = new HashSet<>();
    for (CaseEvent e : events) {
      if (e.getComplaintId() != null && (e.getType().name().equals("OPENED") || e.getType().name().equals("FOLLOW_UP"))) {
        out.add(e.getComplaintId());
      }
    }
    return out;
  }

  private static void await(KafkaConsumer<String, CaseEvent> consumer, List<CaseEvent> events,
      BooleanSupplier done, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, CaseEvent> r : consumer.poll(Duration.ofMillis(200))) {
        events.add(r.value());
      }
    }
  }

  private KafkaStreams start(Map<String, Object> values, Path stateDir) {
    Map<String, Object> own = new HashMap<>(values);
    own.put(ProcessorConfig.STATE_DIR_CONFIG, stateDir.toString());
    ProcessorConfig config = new ProcessorConfig(own);
    Properties props = StreamsSettings.of(config);
    props.put("consumer.session.timeout.ms", "10000");
    KafkaStreams streams = new KafkaStreams(
        ComplaintFlowTopology.build(config, new TopicCatalog(config.catalogConfig())), props);
    streams.setUncaughtExceptionHandler(e ->
        org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
    streams.start();
    return streams;
  }

  private void produceClientsAndAgents(TopicCatalog catalog) {
    Properties props = kafka.producerProps();
    try (KafkaProducer<String, Client> clients = new KafkaProducer<>(props, Serdes.String().serializer(),
        catalog.clients().valueSerde().serializer());
         KafkaProducer<String, Agent> agents = new KafkaProducer<>(props, Serdes.String().serializer(),
             catalog.agents().valueSerde().serializer())) {
      for (int i = 0; i < CLIENTS; i++) {
        String id = String.format("C-%03d", i);
        clients.send(new ProducerRecord<>(catalog.clients().name(), id, Client.newBuilder()
            .setClientId(id).setTier(ClientTier.values()[i % 3])
            .setEmails(List.of("client" + i + "@example.com"))
            .setPhones(List.of(String.format("+7495000%04d", i))).setAccountIds(List.of())
            .setLanguage("ru").build()));
      }
      for (String team : TEAMS) {
        for (int i = 0; i < 4; i++) {
          String id = team + "-" + i;
          agents.send(new ProducerRecord<>(catalog.agents().name(), id, Agent.newBuilder()
              .setAgentId(id).setTeam(team).setCapacity(CAPACITY).setStatus(AgentStatus.AVAILABLE)
              .setSkills(List.of()).setLanguages(List.of()).build()));
        }
      }
      clients.flush();
      agents.flush();
    }
  }

  /** Complaints from all clients, some by phone, some email replies to the client's last mail. */
  private static List<Complaint> complaints() {
    Random random = new Random(42);
    Map<Integer, String> lastMessage = new HashMap<>();
    List<Complaint> out = new ArrayList<>();
    Instant t = Instant.parse("2026-03-02T08:00:00Z");
    for (int n = 0; n < COMPLAINTS; n++) {
      int client = n < CLIENTS ? n : random.nextInt(CLIENTS);
      boolean phone = random.nextInt(5) == 0;
      String email = "client" + client + "@example.com";
      String messageId = "<m" + n + "@example.com>";
      ThreadRefs thread = null;
      if (!phone) {
        String reply = random.nextInt(4) == 0 ? lastMessage.get(client) : null;
        thread = ThreadRefs.newBuilder().setMessageId(messageId).setInReplyTo(reply)
            .setReferences(reply == null ? List.of() : List.of(reply)).build();
        lastMessage.put(client, messageId);
      }
      String phoneNumber = String.format("+7495000%04d", client);
      out.add(Complaint.newBuilder()
          .setComplaintId(UUID.nameUUIDFromBytes(("it-" + n).getBytes()).toString())
          .setChannel(phone ? Channel.PHONE : Channel.EMAIL)
          .setSourceSystem(phone ? "asterisk" : "imap:complaints")
          .setSourceId(phone ? "call-" + n : messageId)
          .setReceivedAt(t.plusSeconds(n))
          .setClientKey(phone ? phoneNumber : email)
          .setContact(ContactPoints.newBuilder().setEmail(phone ? null : email)
              .setPhone(phone ? phoneNumber : null).build())
          .setSubject("complaint " + n)
          .setBody(TEXTS[client % TEXTS.length])
          .setLanguage("ru")
          .setThread(thread)
          .build());
    }
    return out;
  }

  private void produce(TopicCatalog catalog, List<Complaint> complaints) {
    try (KafkaProducer<String, Complaint> producer = new KafkaProducer<>(kafka.producerProps(),
        Serdes.String().serializer(), catalog.complaints().valueSerde().serializer())) {
      for (Complaint c : complaints) {
        producer.send(new ProducerRecord<>(catalog.complaints().name(), c.getClientKey(), c));
      }
      producer.flush();
    }
  }
}
