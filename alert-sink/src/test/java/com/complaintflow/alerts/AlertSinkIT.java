package com.complaintflow.alerts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.alerts.mail.AlertEmailComposer;
import com.complaintflow.alerts.mail.MailSender;
import com.complaintflow.alerts.mail.SmtpMailSender;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseEventType;
import com.complaintflow.schemas.avro.CaseStatus;
import com.complaintflow.schemas.avro.DeadAlert;
import com.complaintflow.schemas.avro.Severity;
import com.complaintflow.schemas.avro.SlaTarget;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink against a real broker, a real schema registry and a real SMTP server (GreenMail). */
class AlertSinkIT {
  @RegisterExtension
  static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension
  static final SchemaRegistryServer registry = new SchemaRegistryServer();

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String SUP = "sup@cf.test";

  private final List<AlertSinkService> sinks = new ArrayList<>();
  private GreenMail mail;
  private int smtpPort;
  private String alertsTopic;
  private String casesTopic;
  private String deadTopic;
  private String sentTopic;
  private String undecodableTopic;
  private String group;

  @BeforeEach
  void setUp() throws Exception {
    alertsTopic = kafka.newTopic("alerts", 3);
    casesTopic = kafka.newTopic("cases", 1);
    deadTopic = kafka.newTopic("alerts-dead", 1);
    sentTopic = kafka.topic("alerts-sent");
    undecodableTopic = kafka.topic("alerts-undecodable");
    group = kafka.topic("sink");
    try (ServerSocket socket = new ServerSocket(0)) {
      smtpPort = socket.getLocalPort();
    }
    mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
  }

  @AfterEach
  void tearDown() {
    sinks.forEach(AlertSinkService::close);
    mail.stop();
  }

  // 1. one email: recipients, subject, both parts, Message-ID, threading
  @Test
  void alertBecomesOneEmailWithRecipientsSubjectPartsMessageIdAndThreading() throws Exception {
    mail.start();
    Map<String, Object> config = config();
    config.put("team.billing.recipients", "lead@cf.test");
    startSink(config, Clock.systemUTC());
    Instant now = Instant.now();
    Alert breach = TestAlerts.breach("CF-12345", now, SUP, "head@cf.test").build();
    produce(breach);
    awaitTrue(() -> mail.getReceivedMessages().length == 3, "three recipients got the alert");

    for (String recipient : List.of(SUP, "head@cf.test", "lead@cf.test")) {
      List<MimeMessage> got = messagesFor(recipient);
      assertEquals(1, got.size(), recipient);
      MimeMessage m = got.get(0);
      assertEquals("[CF-12345] SLA breach: first response 12 min late (A-client, HIGH)", m.getSubject());
      assertEquals(Set.of(SUP, "head@cf.test", "lead@cf.test"), Arrays.stream(m.getRecipients(MimeMessage.RecipientType.TO))
          .map(a -> ((InternetAddress) a).getAddress()).collect(Collectors.toSet()));
      assertEquals("<k-CF-12345-SLA_BREACH-FIRST_RESPONSE-1@complaintflow>", m.getMessageID());
      assertArrayEquals(new String[] {"<case-k-CF-12345@complaintflow>"}, m.getHeader("In-Reply-To"));
      assertArrayEquals(new String[] {"<case-k-CF-12345@complaintflow>"}, m.getHeader("References"));
      MimeMultipart parts = (MimeMultipart) m.getContent();
      assertTrue(m.getContentType().startsWith("multipart/alternative"), m.getContentType());
      assertEquals(2, parts.getCount());
      assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
      assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
      assertTrue(((String) parts.getBodyPart(0).getContent()).contains("First response to CF-12345 is 12 min late"));
    }

    // a later alert of the same case threads under the same root, with its own Message-ID
    Alert escalation = TestAlerts.breach("CF-12345", Instant.now(), SUP).setKind(AlertKind.SLA_ESCALATION)
        .setLevel(2).setAlertId("k-CF-12345-SLA_ESCALATION-FIRST_RESPONSE-2").build();
    produce(escalation);
    awaitTrue(() -> messagesFor(SUP).size() == 2, "escalation arrived");
    MimeMessage second = messagesFor(SUP).get(1);
    assertEquals("<k-CF-12345-SLA_ESCALATION-FIRST_RESPONSE-2@complaintflow>", second.getMessageID());
    assertArrayEquals(new String[] {"<case-k-CF-12345@complaintflow>"}, second.getHeader("In-Reply-To"));
  }

  // 2. quiet hours: Saturday -> Monday opening; urgent at once; resolved meanwhile -> dropped
  @Test
  void quietHoursHoldUntilMondayOpeningWhileUrgentGoesAtOnce() throws Exception {
    mail.start();
    ZoneId moscow = ZoneId.of("Europe/Moscow");
    Instant saturday = ZonedDateTime.of(2026, 3, 14, 12, 0, 0, 0, moscow).toInstant();
    Instant mondayOpening = ZonedDateTime.of(2026, 3, 16, 9, 0, 0, 0, moscow).toInstant();
    MutableClock clock = new MutableClock(saturday);
    Map<String, Object> config = config();
    config.put("calendar.moscow.zone", "Europe/Moscow");
    config.put("calendar.moscow.hours.weekdays", "09:00-18:00");
    config.put("team.billing.calendar", "moscow");
    // resolved before the held alert would go out (read at start-up from the cases topic)
    produceCase(CaseEvent.newBuilder().setEventId("e1").setCaseId("k-CF-3").setCaseNumber("CF-3")
        .setType(CaseEventType.RESOLVED).setAt(saturday).setSequence(5).setStatus(CaseStatus.RESOLVED)
        .setClientId("client-1").build());
    AlertSinkService sink = startSink(config, clock);

    produce(TestAlerts.breach("CF-1", saturday, SUP).build());
    produce(TestAlerts.breach("CF-2", saturday, SUP).setKind(AlertKind.LEGAL_THREAT).setSeverity(Severity.CRITICAL)
        .setTarget(SlaTarget.NONE).setLevel(0).setLateByMillis(null).setAlertId("k-CF-2-LEGAL_THREAT-NONE-0")
        .setSummary("Client threatens to go to Rospotrebnadzor").build());
    produce(TestAlerts.breach("CF-3", saturday, SUP).build());

    awaitTrue(() -> mail.getReceivedMessages().length == 1 && sink.stats().held.get() == 2,
        "urgent alert sent, two held");
    assertEquals("<k-CF-2-LEGAL_THREAT-NONE-0@complaintflow>", mail.getReceivedMessages()[0].getMessageID());

    clock.set(mondayOpening.minusSeconds(1));
    long loops = sink.stats().loops.get();
    awaitTrue(() -> sink.stats().loops.get() > loops + 3, "sink ran a few rounds on Monday 08:59:59");
    assertEquals(1, mail.getReceivedMessages().length, "still held one second before opening");

    clock.set(mondayOpening);
    awaitTrue(() -> mail.getReceivedMessages().length == 2 && sink.stats().dropped.get() == 1,
        "held alert delivered at opening, resolved case's alert dropped");
    MimeMessage monday = mail.getReceivedMessages()[1];
    assertEquals("<k-CF-1-SLA_BREACH-FIRST_RESPONSE-1@complaintflow>", monday.getMessageID());
    assertEquals(mondayOpening, monday.getSentDate().toInstant());
    awaitTrue(() -> sink.stats().pending.get() == 0, "nothing pending");
    assertEquals(2, mail.getReceivedMessages().length);
  }

  // 3. 200 alerts for one supervisor within a minute -> digests listing every alert
  @Test
  void stormOf200AlertsArrivesAsDigestsListingEveryAlert() throws Exception {
    mail.start();
    MutableClock clock = new MutableClock(Instant.parse("2026-03-10T10:00:00Z"));
    Map<String, Object> config = config();
    config.put("storm.threshold", "10");
    config.put("storm.window.ms", "60000");
    AlertSinkService sink = startSink(config, clock);
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      alerts.add(TestAlerts.breach("CF-" + (1000 + i), clock.instant(), SUP).build());
    }
    produce(alerts.toArray(new Alert[0]));
    awaitTrue(() -> mail.getReceivedMessages().length == 10 && sink.stats().digested.get() == 190,
        "ten single emails, 190 alerts waiting in a digest");
    clock.advance(Duration.ofSeconds(61));
    awaitTrue(() -> mail.getReceivedMessages().length == 11, "digest sent");
    awaitTrue(() -> sink.stats().pending.get() == 0, "nothing pending");

    Set<String> listed = new HashSet<>();
    int digests = 0;
    for (MimeMessage m : mail.getReceivedMessages()) {
      String[] single = m.getHeader(AlertEmailComposer.ALERT_ID_HEADER);
      if (single != null) {
        assertTrue(listed.add(single[0]), "listed once: " + single[0]);
      } else {
        digests++;
        Matcher ids = Pattern.compile("alert id: (\\S+)").matcher(textPart(m));
        while (ids.find()) {
          assertTrue(listed.add(ids.group(1)), "listed once: " + ids.group(1));
        }
      }
    }
    assertEquals(1, digests);
    assertEquals(alerts.stream().map(Alert::getAlertId).collect(Collectors.toSet()), listed);
  }

  // 4. SMTP down for the first part of the run, then up: every alert exactly once
  @Test
  void smtpDownThenUpDeliversEveryAlertExactlyOnce() throws Exception {
    Map<String, Object> config = config();
    config.put("retry.initial.backoff.ms", "100");
    config.put("retry.max.backoff.ms", "500");
    AlertSinkService sink = startSink(config, Clock.systemUTC());
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      alerts.add(TestAlerts.breach("CF-" + (2000 + i), Instant.now(), SUP, "head@cf.test").build());
    }
    produce(alerts.toArray(new Alert[0]));
    awaitTrue(() -> sink.stats().transientFailures.get() >= 5, "sends failing while SMTP is down");
    mail.start();
    awaitTrue(() -> mail.getReceivedMessages().length >= 60 && sink.stats().pending.get() == 0,
        "all delivered after SMTP came up");
    assertEquals(0, sink.stats().deadLettered.get());
    assertExactlyOncePerRecipient(alerts, List.of(SUP, "head@cf.test"));
  }

  // 5. killed mid-batch and restarted: none twice, none missing
  @Test
  void sinkKilledMidBatchAndRestartedSendsEveryAlertOnce() throws Exception {
    mail.start();
    Map<String, Object> config = config();
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      alerts.add(TestAlerts.breach("CF-" + (3000 + i), Instant.now(), SUP).build());
    }
    produce(alerts.toArray(new Alert[0]));
    AlertSinkConfig sinkConfig = new AlertSinkConfig(config);
    SmtpMailSender smtp = new SmtpMailSender(sinkConfig);
    AtomicInteger calls = new AtomicInteger();
    MailSender dying = new MailSender() {
      @Override
      public Session session() {
        return smtp.session();
      }

      @Override
      public void send(MimeMessage message, InternetAddress recipient) throws MessagingException {
        if (calls.incrementAndGet() > 40) {
          throw new SimulatedCrash();
        }
        smtp.send(message, recipient);
      }

      @Override
      public void close() {
        smtp.close();
      }
    };
    AlertSinkService first = new AlertSinkService(sinkConfig, Clock.systemUTC(), dying).start();
    sinks.add(first);
    awaitTrue(() -> first.terminated().isDone(), "first sink died");
    assertTrue(first.terminated().isCompletedExceptionally());
    assertEquals(40, mail.getReceivedMessages().length);

    AlertSinkService second = startSink(config, Clock.systemUTC());
    awaitTrue(() -> mail.getReceivedMessages().length >= 100 && second.stats().pending.get() == 0
        && second.stats().accepted.get() + 40 >= 100, "restarted sink delivered the rest");
    assertExactlyOncePerRecipient(alerts, List.of(SUP));
    System.out.println("restart: replayed alerts already sent before the crash = "
        + second.stats().duplicatesSkipped.get());
  }

  // 6. hostile subject adds no header; <script> arrives escaped in the HTML part
  @Test
  void hostileTextAddsNoHeaderAndIsEscapedInHtml() throws Exception {
    mail.start();
    startSink(config(), Clock.systemUTC());
    Alert hostile = TestAlerts.breach("CF-666\r\nBcc: attacker@example.com", Instant.now(), SUP)
        .setKind(AlertKind.REPEAT_COMPLAINT).setTarget(SlaTarget.NONE).setLateByMillis(null)
        .setAlertId("k-CF-666-REPEAT").setSeverity(Severity.WARNING)
        .setSummary("Refund now\r\nBcc: attacker@example.com\r\n\r\n<script>alert('x')</script>").build();
    produce(hostile);
    awaitTrue(() -> mail.getReceivedMessages().length == 1, "alert arrived");
    MimeMessage m = mail.getReceivedMessages()[0];
    assertNull(m.getHeader("Bcc"));
    assertTrue(messagesFor("attacker@example.com").isEmpty());
    assertFalse(m.getSubject().contains("\r") || m.getSubject().contains("\n"), m.getSubject());
    assertEquals("[CF-666 Bcc: attacker@example.com] Repeat complaint: Refund now Bcc: attacker@example.com "
        + "<script>alert('x')</script> (A-client, WARNING)", m.getSubject());
    String headers = rawHeaders(m);
    assertFalse(Pattern.compile("(?mi)^bcc:").matcher(headers).find(), headers);
    String html = (String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent();
    assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
    assertFalse(html.contains("<script>"), html);
  }

  // permanent failure: a malformed recipient goes to alerts.dead with the reason, the rest continue
  @Test
  void invalidRecipientIsDeadLetteredWhileOthersGetTheAlert() throws Exception {
    mail.start();
    AlertSinkService sink = startSink(config(), Clock.systemUTC());
    produce(TestAlerts.breach("CF-777", Instant.now(), "broken address@", SUP).build());
    awaitTrue(() -> mail.getReceivedMessages().length == 1 && sink.stats().deadLettered.get() == 1, "one sent, one dead");
    TopicCatalog catalog = new TopicCatalog(config());
    List<ConsumerRecord<String, DeadAlert>> dead = kafka.readAll(deadTopic, new StringDeserializer(),
        catalog.alertsDead().valueSerde().deserializer(), 1, WAIT);
    assertEquals(1, dead.size());
    assertEquals("invalid-address", dead.get(0).value().getReason());
    assertEquals(List.of("broken address@"), dead.get(0).value().getFailedRecipients());
    assertEquals("k-CF-777-SLA_BREACH-FIRST_RESPONSE-1", dead.get(0).key());
  }

  // a record that is no Alert is not lost: copied unchanged, with its coordinates, before its offset is committed
  @Test
  void undecodableRecordsAreCopiedUnchangedToTheUndecodableTopicBeforeTheirOffsetIsCommitted() throws Exception {
    mail.start();
    byte[] key = {(byte) 0xff, 0x00, 'k'};
    byte[] garbage = "not an avro alert \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    Alert before = TestAlerts.breach("CF-801", Instant.now(), SUP).build();
    Alert after = TestAlerts.breach("CF-802", Instant.now(), SUP).build();
    produceRaw(before, key, garbage, after);
    AlertSinkService sink = startSink(config(), Clock.systemUTC());
    awaitTrue(() -> mail.getReceivedMessages().length == 2, "both alerts around the bad records were sent");
    awaitTrue(() -> committed(0) == 4, "offsets committed past the bad records");
    assertEquals(2, sink.stats().undecodable.get());

    List<ConsumerRecord<byte[], byte[]>> copies = kafka.readAll(undecodableTopic,
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(), 2, WAIT);
    assertEquals(2, copies.size());
    ConsumerRecord<byte[], byte[]> bad = copies.get(0);
    assertArrayEquals(key, bad.key());
    assertArrayEquals(garbage, bad.value());
    assertEquals("kept", header(bad, "origin"));
    assertEquals(alertsTopic, header(bad, "complaintflow.source.topic"));
    assertEquals("0", header(bad, "complaintflow.source.partition"));
    assertEquals("1", header(bad, "complaintflow.source.offset"));
    assertEquals("undecodable-alert", header(bad, "complaintflow.reason"));
    assertNotNull(header(bad, "complaintflow.detail"));
    ConsumerRecord<byte[], byte[]> tombstone = copies.get(1);
    assertNull(tombstone.value());
    assertEquals("2", header(tombstone, "complaintflow.source.offset"));
    assertEquals("empty-alert", header(tombstone, "complaintflow.reason"));
  }

  // the copy cannot be written: the sink stops without committing, and a restart copies the record
  @Test
  void anUndecodableRecordThatCannotBeCopiedStaysUncommitted() throws Exception {
    mail.start();
    byte[] garbage = "still not an alert".getBytes(StandardCharsets.US_ASCII);
    produceRaw(TestAlerts.breach("CF-811", Instant.now(), SUP).build(), "k".getBytes(StandardCharsets.US_ASCII),
        garbage, TestAlerts.breach("CF-812", Instant.now(), SUP).build());
    Map<String, Object> broken = config();
    broken.put("topic.alerts.undecodable", "no such topic!");
    broken.put("topic.alerts.undecodable.create", "false");
    AlertSinkService first = startSink(broken, Clock.systemUTC());
    awaitTrue(() -> first.terminated().isDone(), "the sink stopped");
    assertTrue(first.terminated().isCompletedExceptionally());
    assertTrue(committed(0) <= 1, "nothing committed past the record that could not be copied: " + committed(0));

    startSink(config(), Clock.systemUTC());
    List<ConsumerRecord<byte[], byte[]>> copies = kafka.readAll(undecodableTopic,
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer(), 1, WAIT);
    assertArrayEquals(garbage, copies.get(0).value());
    awaitTrue(() -> committed(0) == 4, "committed after the copy");
    awaitTrue(() -> messagesFor(SUP).stream().map(m -> {
      try {
        return m.getMessageID();
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).collect(Collectors.toSet()).size() == 2, "both alerts sent");
  }

  /** On partition 0: an alert, the raw record, a tombstone with the same key, an alert. */
  private void produceRaw(Alert first, byte[] key, byte[] value, Alert last) throws Exception {
    TopicCatalog catalog = new TopicCatalog(config());
    org.apache.kafka.common.serialization.Serializer<Alert> alerts = catalog.alerts().valueSerde().serializer();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.producerProps(),
        new org.apache.kafka.common.serialization.ByteArraySerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(alertsTopic, 0, first.getCaseId().getBytes(StandardCharsets.UTF_8),
          alerts.serialize(alertsTopic, first))).get();
      ProducerRecord<byte[], byte[]> raw = new ProducerRecord<>(alertsTopic, 0, key, value);
      raw.headers().add("origin", "kept".getBytes(StandardCharsets.UTF_8));
      producer.send(raw).get();
      producer.send(new ProducerRecord<>(alertsTopic, 0, key, null)).get();
      producer.send(new ProducerRecord<>(alertsTopic, 0, last.getCaseId().getBytes(StandardCharsets.UTF_8),
          alerts.serialize(alertsTopic, last))).get();
    }
  }

  private long committed(int partition) {
    try {
      org.apache.kafka.clients.consumer.OffsetAndMetadata o = kafka.admin().listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
          .get(new org.apache.kafka.common.TopicPartition(alertsTopic, partition));
      return o == null ? -1 : o.offset();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    org.apache.kafka.common.header.Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static final class SimulatedCrash extends Error {
    SimulatedCrash() {
      super("simulated crash");
    }
  }

  private Map<String, Object> config() {
    Map<String, Object> c = new HashMap<>();
    c.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    c.put("schema.registry.url", registry.url());
    c.put("group.id", group);
    c.put("topic.alerts", alertsTopic);
    c.put("topic.cases", casesTopic);
    c.put("topic.alerts.dead", deadTopic);
    c.put("topic.alerts.sent", sentTopic);
    c.put("topic.alerts.undecodable", undecodableTopic);
    c.put("smtp.host", "127.0.0.1");
    c.put("smtp.port", Integer.toString(smtpPort));
    c.put("smtp.security", "NONE");
    c.put("smtp.connect.timeout.ms", "2000");
    c.put("smtp.read.timeout.ms", "5000");
    c.put("mail.from", "ComplaintFlow <alerts@cf.test>");
    c.put("poll.interval.ms", "50");
    c.put("storm.threshold", "1000");
    return c;
  }

  private AlertSinkService startSink(Map<String, Object> values, Clock clock) throws Exception {
    AlertSinkConfig config = new AlertSinkConfig(values);
    AlertSinkService sink = new AlertSinkService(config, clock, new SmtpMailSender(config)).start();
    sinks.add(sink);
    sink.ready().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    return sink;
  }

  private void produce(Alert... alerts) {
    TopicCatalog catalog = new TopicCatalog(config());
    try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(),
        catalog.alerts().valueSerde().serializer())) {
      for (Alert a : alerts) {
        producer.send(new ProducerRecord<>(alertsTopic, a.getCaseId(), a));
      }
      producer.flush();
    }
  }

  private void produceCase(CaseEvent event) {
    TopicCatalog catalog = new TopicCatalog(config());
    try (KafkaProducer<String, CaseEvent> producer = new KafkaProducer<>(kafka.producerProps(),
        new StringSerializer(), catalog.cases().valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(casesTopic, event.getCaseId(), event));
      producer.flush();
    }
  }

  private List<MimeMessage> messagesFor(String recipient) {
    return mail.findReceivedMessages(u -> u.getEmail().equalsIgnoreCase(recipient), m -> true).toList();
  }

  private void assertExactlyOncePerRecipient(List<Alert> alerts, List<String> recipients) throws Exception {
    for (String recipient : recipients) {
      Map<String, Integer> counts = new HashMap<>();
      for (MimeMessage m : messagesFor(recipient)) {
        counts.merge(m.getMessageID(), 1, Integer::sum);
      }
      for (Alert a : alerts) {
        String id = "<" + a.getAlertId() + "@complaintflow>";
        assertEquals(1, counts.getOrDefault(id, 0), recipient + " got " + id);
      }
      assertEquals(alerts.size(), counts.size(), "no other mail for " + recipient);
    }
  }

  private static String textPart(MimeMessage m) throws Exception {
    MimeMultipart parts = (MimeMultipart) m.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (part.isMimeType("text/plain")) {
        return (String) part.getContent();
      }
    }
    throw new AssertionError("no text part");
  }

  private static String rawHeaders(MimeMessage m) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.writeTo(out);
    String raw = out.toString(StandardCharsets.UTF_8);
    int end = raw.indexOf("\r\n\r\n");
    return end < 0 ? raw : raw.substring(0, end);
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting: " + what);
      }
      Thread.sleep(50);
    }
  }
}
