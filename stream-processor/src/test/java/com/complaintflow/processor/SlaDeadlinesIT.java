package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.processor.config.StreamsSettings;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ContactPoints;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.schemas.topics.TopicName;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 500 cases with 2-second first-response and resolution targets (24x7) on a real broker and
 * registry: every breach alert (1,000) arrives once, and its broker append time (the alerts
 * topic uses LogAppendTime) is after its deadline. Prints the delay distribution from deadline
 * to append; no timing is asserted beyond "after the deadline".
 */
class SlaDeadlinesIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();

  private static final int CASES = 500;

  @Test
  void everyBreachAlertArrivesOnceAndAfterItsDeadline() throws Exception {
    String app = "cf-sla-it-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> values = new HashMap<>();
    values.put(ProcessorConfig.APPLICATION_ID_CONFIG, app);
    values.put(ProcessorConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    values.put(ProcessorConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
    values.put(ProcessorConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
    values.put(ProcessorConfig.INTERNAL_PARTITIONS_CONFIG, "3");
    values.put(ProcessorConfig.STATE_DIR_CONFIG, Files.createTempDirectory("cf-sla-it").toString());
    values.put("sla.policy.default.first-response", "2s");
    values.put("sla.policy.default.resolution", "2s");
    values.put("sla.warnings", "none");
    values.put("sla.unassigned.after", "1h");
    values.put("team.service.supervisors", "sup@example.com");
    for (TopicName t : TopicName.values()) {
      String name = kafka.topic(t.defaultName().replace('.', '-'));
      values.put(t.configKey(), name);
      Map<String, String> configs = new HashMap<>();
      if (t.compacted()) {
        configs.put("cleanup.policy", "compact");
      }
      if (t == TopicName.ALERTS) {
        configs.put("message.timestamp.type", "LogAppendTime");
      }
      kafka.createTopic(name, t == TopicName.COMPLAINTS || t == TopicName.ALERTS ? 3 : 1, configs);
    }
    ProcessorConfig config = new ProcessorConfig(values);
    TopicCatalog catalog = new TopicCatalog(config.catalogConfig());
    kafka.createTopic(ComplaintFlowTopology.teamCommandsTopic(config), 3);

    Properties props = StreamsSettings.of(config);
    KafkaStreams streams = new KafkaStreams(ComplaintFlowTopology.build(config, catalog), props);
    streams.start();
    try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(kafka.consumerProps("check-" + app),
        Serdes.String().deserializer(), catalog.alerts().valueSerde().deserializer())) {
      consumer.subscribe(List.of(catalog.alerts().name()));
      try (KafkaProducer<String, Complaint> producer = new KafkaProducer<>(kafka.producerProps(),
          Serdes.String().serializer(), catalog.complaints().valueSerde().serializer())) {
        // warm-up: one case end to end, so that start-up (rebalance, schema registration) is not
        // measured as alert delay
        producer.send(new ProducerRecord<>(catalog.complaints().name(), "warmup@example.com",
            complaint(app, -1, "warmup@example.com")));
        producer.flush();
        int warm = 0;
        long warmDeadline = System.currentTimeMillis() + 90_000;
        while (warm < 2 && System.currentTimeMillis() < warmDeadline) {
          warm += consumer.poll(Duration.ofMillis(200)).count();
        }
        assertEquals(2, warm, "warm-up case's two breach alerts");
        for (int i = 0; i < CASES; i++) {
          String email = "client" + i + "@example.com";
          producer.send(new ProducerRecord<>(catalog.complaints().name(), email, complaint(app, i, email)));
        }
        producer.flush();
      }

      List<ConsumerRecord<String, Alert>> alerts = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 120_000;
      while (alerts.size() < 2 * CASES && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(alerts::add);
      }
      // anything doubled would arrive within a few more punctuations
      long quiet = System.currentTimeMillis() + 3_000;
      while (System.currentTimeMillis() < quiet) {
        consumer.poll(Duration.ofMillis(200)).forEach(alerts::add);
      }

      Set<String> ids = new HashSet<>();
      Set<String> perCaseTarget = new HashSet<>();
      List<Long> delays = new ArrayList<>();
      List<Long> created = new ArrayList<>();
      for (ConsumerRecord<String, Alert> r : alerts) {
        Alert a = r.value();
        assertEquals("SLA_BREACH", a.getKind().name(), a.toString());
        assertEquals(TimestampType.LOG_APPEND_TIME, r.timestampType());
        assertTrue(ids.add(a.getAlertId()), "doubled alert " + a.getAlertId());
        assertTrue(perCaseTarget.add(a.getCaseId() + "/" + a.getTarget()), "doubled " + a.getCaseId());
        long delay = r.timestamp() - a.getDueAt().toEpochMilli();
        assertTrue(delay >= 0, "alert appended " + delay + " ms before its deadline: " + a.getCaseId());
        assertTrue(!a.getCreatedAt().isBefore(a.getDueAt()), "alert created before its deadline");
        delays.add(delay);
        created.add(a.getCreatedAt().toEpochMilli() - a.getDueAt().toEpochMilli());
      }
      assertEquals(2 * CASES, alerts.size(), "one first-response and one resolution breach per case");
      // the changelogs were created with small segments and an eager cleaner (restore reads
      // about the live data)
      try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
          Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        var resource = new org.apache.kafka.common.config.ConfigResource(
            org.apache.kafka.common.config.ConfigResource.Type.TOPIC,
            app + "-" + ComplaintFlowTopology.CASE_STORE + "-changelog");
        var topicConfig = admin.describeConfigs(List.of(resource)).all().get().get(resource);
        assertEquals(StreamsSettings.CHANGELOG_SEGMENT_BYTES, topicConfig.get("segment.bytes").value());
        assertEquals(StreamsSettings.CHANGELOG_MIN_CLEANABLE_DIRTY_RATIO,
            topicConfig.get("min.cleanable.dirty.ratio").value());
        assertEquals("compact", topicConfig.get("cleanup.policy").value());
      }
      delays.sort(Long::compare);
      System.out.printf("SLA breach alerts: n=%d delay deadline->append p50=%d ms p99=%d ms max=%d ms%n",
          delays.size(), delays.get(delays.size() / 2), delays.get((int) Math.ceil(delays.size() * 0.99) - 1),
          delays.get(delays.size() - 1));
      created.sort(Long::compare);
      System.out.printf("  of which deadline->alert built: p50=%d ms p99=%d ms max=%d ms%n",
          created.get(created.size() / 2), created.get((int) Math.ceil(created.size() * 0.99) - 1),
          created.get(created.size() - 1));
    } finally {
      streams.close(Duration.ofSeconds(20));
    }
  }

  private static Complaint complaint(String app, int i, String email) {
    return Complaint.newBuilder()
        .setComplaintId(UUID.nameUUIDFromBytes((app + i).getBytes()).toString())
        .setChannel(Channel.WEB).setSourceSystem("it").setSourceId("it-" + i)
        .setReceivedAt(Instant.now()).setClientKey(email)
        .setContact(ContactPoints.newBuilder().setEmail(email).build())
        .setBody("оператор нагрубил").setLanguage("ru").build();
  }
}
