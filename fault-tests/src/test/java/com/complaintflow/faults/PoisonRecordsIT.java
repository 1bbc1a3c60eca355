package com.complaintflow.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseEventType;
import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.DeadAlert;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.schemas.topics.TopicName;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Poison on every input topic of the processor and the alert sink, with the services as their own
 * JVMs: bytes that are not Avro, the Confluent wire format with a schema id the registry never
 * issued, and valid records with impossible values. Each poison record must be accounted for with
 * its topic, partition and offset, and the valid records after it must still be processed.
 */
class PoisonRecordsIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();
  private static final Path dir = RunDirs.fresh("poison");

  private static GreenMail smtp;
  private static ServiceJvm processor;
  private static ServiceJvm sink;
  private static TopicCatalog catalog;
  private static final byte[] NOT_AVRO = "{\"this\":\"is json, not avro\"}".getBytes(StandardCharsets.UTF_8);
  /** Magic byte 0, then a schema id the registry never issued, then some bytes. */
  private static final byte[] UNKNOWN_SCHEMA = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654_321).putInt(42).array();

  @BeforeAll
  static void start() throws Exception {
    for (TopicName t : TopicName.values()) {
      kafka.createTopic(t.defaultName(), 2, t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of());
    }
    catalog = new TopicCatalog(Map.of("schema.registry.url", registry.url()));
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    Map<String, String> common = Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(), "schema.registry.url", registry.url());
    Map<String, String> p = new HashMap<>(common);
    p.put("application.id", "poison-processor");
    p.put("state.dir", dir.resolve("processor-state").toString());
    p.put("internal.topic.partitions", "2");
    p.put("internal.topic.replication.factor", "1");
    processor = new ServiceJvm("processor", ServiceJvm.PROCESSOR, dir.resolve("processor"), p).start();
    Map<String, String> s = new HashMap<>(common);
    s.put("group.id", "poison-sink");
    s.put("smtp.host", "127.0.0.1");
    s.put("smtp.port", Integer.toString(smtp.getSmtp().getPort()));
    s.put("smtp.security", "NONE");
    s.put("retry.initial.backoff.ms", "200");
    sink = new ServiceJvm("alert-sink", ServiceJvm.ALERT_SINK, dir.resolve("sink"), s).start();
  }

  @AfterAll
  static void stop() {
    if (processor != null) {
      processor.stop();
    }
    if (sink != null) {
      sink.stop();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void poisonOnEveryInputTopicIsRecordedWithItsCoordinatesAndTheRestIsProcessed() throws Exception {
    List<RecordMetadata> poison = new ArrayList<>();
    String marker = Records.uuid();
    try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), new ByteArraySerializer())) {
      for (String topic : List.of(catalog.complaints().name(), catalog.caseActions().name())) {
        poison.add(raw.send(new ProducerRecord<>(topic, "poison-a", NOT_AVRO)).get());
        poison.add(raw.send(new ProducerRecord<>(topic, "poison-b", UNKNOWN_SCHEMA)).get());
      }
      raw.send(new ProducerRecord<>(catalog.alerts().name(), "poison-a", NOT_AVRO)).get();
      raw.send(new ProducerRecord<>(catalog.alerts().name(), "poison-b", UNKNOWN_SCHEMA)).get();
    }

    // valid records with impossible values, then good ones behind them
    Serializer<Client> clients = catalog.clients().valueSerde().serializer();
    Serializer<Agent> agents = catalog.agents().valueSerde().serializer();
    Serializer<Complaint> complaints = catalog.complaints().valueSerde().serializer();
    Serializer<CaseAction> actions = catalog.caseActions().valueSerde().serializer();
    String goodEmail = "poison.client." + marker + "@example.com";
    try (KafkaProducer<String, Client> cp = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), clients);
         KafkaProducer<String, Agent> ap = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), agents);
         KafkaProducer<String, Complaint> kp = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), complaints);
         KafkaProducer<String, CaseAction> ac = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), actions)) {
      cp.send(new ProducerRecord<>(catalog.clients().name(), "", Client.newBuilder().setClientId("").setTier(ClientTier.A)
          .setEmails(List.of("", "not-an-email", "@")).setPhones(List.of("+", "abc")).build())).get();
      ap.send(new ProducerRecord<>(catalog.agents().name(), "AG-NEG", Records.agent("AG-NEG", "", -5))).get();
      ap.send(new ProducerRecord<>(catalog.agents().name(), "AG-1", Records.agent("AG-1", "service", 10))).get();
      kp.send(new ProducerRecord<>(catalog.complaints().name(), "", Records.complaint("", "", ""))).get();
      ac.send(new ProducerRecord<>(catalog.caseActions().name(), "C-0/CF-0", CaseAction.newBuilder().setActionId("")
          .setCaseId("C-0/CF-0").setType(CaseActionType.CLOSED).setActor("").setAt(Instant.EPOCH).setSatisfaction(99).build())).get();
      kp.send(new ProducerRecord<>(catalog.complaints().name(), goodEmail,
          Records.complaint("good-" + marker, goodEmail, "The kettle leaks."))).get();
    }
    try (var ap = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), catalog.alerts().valueSerde().serializer())) {
      ap.send(new ProducerRecord<>(catalog.alerts().name(), "C-1/CF-1",
          Records.alert("impossible-" + marker, "CF-1", List.of("not an address", "")))).get();
      ap.send(new ProducerRecord<>(catalog.alerts().name(), "C-2/CF-2",
          Records.alert("good-" + marker, "CF-2", List.of("supervisor@faults.test")))).get();
    }

    // the processor: every undecodable record on a reject topic with its coordinates
    List<RejectedInput> rejects = new ArrayList<>();
    BadInputCatalogIT.await("undeserializable rejects for all 4 poison records", Duration.ofSeconds(120), () -> {
      rejects.clear();
      for (String t : List.of(catalog.complaintsRejected().name(), catalog.caseActionsRejected().name())) {
        kafka.readAll(t, new StringDeserializer(), catalog.complaintsRejected().valueSerde().deserializer(),
            Integer.MAX_VALUE, Duration.ofSeconds(2)).forEach(r -> rejects.add(r.value()));
      }
      return poison.stream().allMatch(m -> rejects.stream().anyMatch(r -> isRejectOf(r, m)));
    });
    for (RecordMetadata m : poison) {
      RejectedInput r = rejects.stream().filter(x -> isRejectOf(x, m)).findFirst().orElseThrow();
      assertEquals("undeserializable", r.getReason(), m.toString());
      assertNotNull(r.getDetail());
    }
    // ... the good complaint behind the poison still opens a case, and the processor is still running
    CaseEvent opened = awaitCase("good-" + marker);
    assertEquals(CaseEventType.OPENED, opened.getType());
    assertTrue(processor.isAlive(), "processor still running");
    // the impossible action is refused on case-actions.rejected (unknown case), not applied
    assertTrue(rejects.stream().anyMatch(r -> "C-0/CF-0".equals(r.getSourceId()) || r.getReason().equals("unknown-case")),
        "impossible action refused: " + rejects);

    // the alert sink: the poison is skipped with its coordinates in the log, the impossible alert
    // is dead-lettered (invalid-address), the good alert is mailed
    BadInputCatalogIT.await("the good alert mailed", Duration.ofSeconds(60), () -> {
      for (MimeMessage m : smtp.getReceivedMessages()) {
        if (m.getHeader("X-ComplaintFlow-Alert-Id", null) != null
            && m.getHeader("X-ComplaintFlow-Alert-Id", null).equals("good-" + marker)) {
          return true;
        }
      }
      return false;
    });
    List<DeadAlert> dead = new ArrayList<>();
    BadInputCatalogIT.await("impossible alert dead-lettered", Duration.ofSeconds(60), () -> {
      dead.clear();
      kafka.readAll(catalog.alertsDead().name(), new StringDeserializer(), catalog.alertsDead().valueSerde().deserializer(),
          Integer.MAX_VALUE, Duration.ofSeconds(2)).forEach(r -> dead.add(r.value()));
      return dead.stream().anyMatch(d -> d.getAlert().getAlertId().equals("impossible-" + marker));
    });
    String sinkLog = sink.log();
    assertTrue(sinkLog.contains("event=alert-skipped reason=undecodable-alert topic=alerts partition="), sinkLog);
    assertTrue(sink.isAlive(), "alert sink still running");
  }

  /**
   * A complaint dated in the year 9999: stamping outputs with that time would make the broker
   * refuse them (message.timestamp.after.max.ms) and stop the stream thread on the same record
   * after every restart. The processor rejects it as {@code impossible-timestamp} instead, with its
   * topic, partition and offset, and goes on with the next complaint.
   */
  @Test
  void aComplaintFromTheFarFutureIsRejectedAndTheRestIsProcessed() throws Exception {
    String marker = Records.uuid();
    String email = "future." + marker + "@example.com";
    try (var kp = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), catalog.complaints().valueSerde().serializer())) {
      Complaint future = Records.complaint("future-" + marker, email, "from the future");
      future.setReceivedAt(Instant.parse("9999-12-31T23:59:59Z"));
      RecordMetadata m = kp.send(new ProducerRecord<>(catalog.complaints().name(), email, future)).get();
      kp.send(new ProducerRecord<>(catalog.complaints().name(), email, Records.complaint("after-future-" + marker, email, "x"))).get();
      awaitCase("after-future-" + marker);
      List<RejectedInput> rejects = new ArrayList<>();
      kafka.readAll(catalog.complaintsRejected().name(), new StringDeserializer(),
          catalog.complaintsRejected().valueSerde().deserializer(), Integer.MAX_VALUE, Duration.ofSeconds(3))
          .forEach(r -> rejects.add(r.value()));
      RejectedInput reject = rejects.stream().filter(r -> isRejectOf(r, m)).findFirst()
          .orElseThrow(() -> new AssertionError("no reject of the far-future complaint at " + m));
      assertEquals("impossible-timestamp", reject.getReason().toString());
    }
    assertTrue(processor.isAlive(), "processor still running");
  }

  @Test
  void poisonOnTheGlobalTopicsIsRecordedAndTheProcessorKeepsRunning() throws Exception {
    List<RecordMetadata> poison = new ArrayList<>();
    try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), new ByteArraySerializer())) {
      for (String topic : List.of(catalog.clients().name(), catalog.agents().name())) {
        poison.add(raw.send(new ProducerRecord<>(topic, "poison-a", NOT_AVRO)).get());
        poison.add(raw.send(new ProducerRecord<>(topic, "poison-b", UNKNOWN_SCHEMA)).get());
      }
    }
    String marker = Records.uuid();
    String email = "global.poison." + marker + "@example.com";
    try (var kp = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), catalog.complaints().valueSerde().serializer())) {
      kp.send(new ProducerRecord<>(catalog.complaints().name(), email, Records.complaint("after-global-" + marker, email, "x"))).get();
    }
    awaitCase("after-global-" + marker);
    List<RejectedInput> rejects = new ArrayList<>();
    kafka.readAll(catalog.complaintsRejected().name(), new StringDeserializer(), catalog.complaintsRejected().valueSerde().deserializer(),
        Integer.MAX_VALUE, Duration.ofSeconds(3)).forEach(r -> rejects.add(r.value()));
    for (RecordMetadata m : poison) {
      assertTrue(rejects.stream().anyMatch(r -> isRejectOf(r, m)), "reject of " + m);
    }
    assertTrue(processor.isAlive(), "processor still running");
  }

  private static boolean isRejectOf(RejectedInput r, RecordMetadata m) {
    return m.topic().equals(r.getTopic()) && r.getPartition() != null && r.getPartition() == m.partition()
        && r.getOffset() != null && r.getOffset() == m.offset();
  }

  private static CaseEvent awaitCase(String complaintId) throws Exception {
    CaseEvent[] found = new CaseEvent[1];
    BadInputCatalogIT.await("case of " + complaintId, Duration.ofSeconds(90), () -> {
      kafka.readAll(catalog.cases().name(), new StringDeserializer(), catalog.cases().valueSerde().deserializer(),
          Integer.MAX_VALUE, Duration.ofSeconds(2)).stream().map(r -> r.value())
          .filter(e -> complaintId.equals(e.getComplaintId())).findFirst().ifPresent(e -> found[0] = e);
      return found[0] != null;
    });
    return found[0];
  }
}
