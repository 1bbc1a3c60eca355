package com.complaintflow.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.DeadAlert;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.schemas.topics.TopicName;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SMTP server goes away for two minutes in the middle of an alert burst and comes back on the
 * same port: the alert sink (own JVM) must keep every alert, dead-letter none, and deliver each
 * exactly once (counted by the deterministic Message-ID) once the server is back.
 */
@Tag("faults")
class SmtpOutageIT {
  private static final int ALERTS = 200;
  private static final Duration OUTAGE = Duration.ofMinutes(2);
  private static final String GROUP = "outage-sink";

  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();
  private static final Path dir = RunDirs.fresh("smtp-outage");

  private static TopicCatalog catalog;
  private static GreenMail smtp;
  private static ServiceJvm sink;

  @BeforeAll
  static void start() throws Exception {
    for (TopicName t : TopicName.values()) {
      kafka.createTopic(t.defaultName(), 2, t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of());
    }
    catalog = new TopicCatalog(Map.of("schema.registry.url", registry.url()));
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    Map<String, String> s = new HashMap<>();
    s.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    s.put("schema.registry.url", registry.url());
    s.put("group.id", GROUP);
    s.put("smtp.host", "127.0.0.1");
    s.put("smtp.port", Integer.toString(smtp.getSmtp().getPort()));
    s.put("smtp.security", "NONE");
    s.put("smtp.connect.timeout.ms", "2000");
    s.put("retry.initial.backoff.ms", "500");
    s.put("retry.max.backoff.ms", "10000");
    // one email per alert: the burst must not turn into digests, so each alert's own Message-ID counts
    s.put("storm.threshold", "100000");
    sink = new ServiceJvm("alert-sink", ServiceJvm.ALERT_SINK, dir.resolve("sink"), s).start();
  }

  @AfterAll
  static void stop() {
    if (sink != null) {
      sink.stop();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void everyAlertIsMailedExactlyOnceAfterTwoMinutesWithoutSmtp() throws Exception {
    int port = smtp.getSmtp().getPort();
    List<String> ids = new ArrayList<>();
    Managers before = null;
    try (var producer = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(),
        catalog.alerts().valueSerde().serializer())) {
      for (int i = 0; i < ALERTS; i++) {
        String id = "outage-" + i + "-" + Records.uuid();
        ids.add(id);
        Alert a = Records.alert(id, "CF-" + (1000 + i), List.of("supervisor-" + (i % 7) + "@faults.test"));
        producer.send(new ProducerRecord<>(catalog.alerts().name(), a.getCaseId(), a));
        if (i == 49) {
          producer.flush();
          // the burst is under way: the server goes down after the first mails went out
          await(Duration.ofSeconds(60), () -> smtp.getReceivedMessages().length >= 20, "first mails of the burst");
          // stop() gives the server a fresh store: keep the old one, which receives nothing after the stop
          before = smtp.getManagers();
          smtp.stop();
        }
      }
      producer.flush();
    }
    Map<String, Integer> copies = new TreeMap<>();
    for (StoredMessage m : before.getImapHostManager().getAllMessages()) {
      copies.merge(m.getMimeMessage().getMessageID(), 1, Integer::sum);
    }
    int beforeOutage = copies.values().stream().mapToInt(Integer::intValue).sum();

    // two minutes down: the sink stays up and dead-letters nothing
    try (TopicWatch<DeadAlert> dead = new TopicWatch<>(kafka.bootstrapServers(), catalog.alertsDead().name(),
        catalog.alertsDead().valueSerde().deserializer())) {
      long back = System.nanoTime() + OUTAGE.toNanos();
      while (System.nanoTime() < back) {
        assertTrue(sink.isAlive(), "the sink died while SMTP was down; log " + sink.logFile());
        assertEquals(List.of(), dead.poll(Duration.ofSeconds(1)), "dead letters while SMTP was down");
      }
      assertTrue(beforeOutage < ALERTS, "the outage hit the burst: " + beforeOutage + " mailed before it");

      smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
      await(Duration.ofMinutes(2), () -> {
        Map<String, Integer> after = new TreeMap<>();
        count(smtp.getReceivedMessages(), after);
        return beforeOutage + after.values().stream().mapToInt(Integer::intValue).sum() >= ALERTS;
      }, "every alert mailed after the server came back");
      // settled: the sink committed past every alert, so no retry is still to come
      await(Duration.ofMinutes(1), SmtpOutageIT::sinkCommittedEverything, "the sink's commit of the whole burst");
      assertEquals(List.of(), dead.poll(Duration.ofSeconds(2)), "dead letters");
    }
    count(smtp.getReceivedMessages(), copies);
    Map<String, Integer> expected = new TreeMap<>();
    ids.forEach(id -> expected.put("<" + id + "@complaintflow>", 1));
    assertEquals(expected, copies, "one mail per alert (Message-ID -> copies); " + beforeOutage + " before the outage");
    assertTrue(sink.log().contains("event=send-failed"), "the sink saw the outage");
  }

  private static void count(MimeMessage[] messages, Map<String, Integer> copies) throws MessagingException {
    for (MimeMessage m : messages) {
      copies.merge(m.getMessageID(), 1, Integer::sum);
    }
  }

  private static boolean sinkCommittedEverything() throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        kafka.admin().listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
    try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(
        kafka.consumerProps("outage-probe"), new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(catalog.alerts().name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata c = committed.get(tp);
        if (end.get(tp) > 0 && (c == null || c.offset() < end.get(tp))) {
          return false;
        }
      }
      return true;
    }
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  static void await(Duration timeout, Condition condition, String what) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.holds()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Thread.sleep(200);
    }
  }
}
