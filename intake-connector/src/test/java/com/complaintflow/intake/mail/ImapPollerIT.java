package com.complaintflow.intake.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.normalize.Rejects;
import com.complaintflow.intake.publish.KafkaComplaintSink;
import com.complaintflow.intake.testing.SharedFixtures;
import com.complaintflow.intake.testing.TopicReader;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mail through a real IMAP server (GreenMail) into a real broker and registry. */
class ImapPollerIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();
  @RegisterExtension static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

  private static final String ADDRESS = "complaints@shop.example";
  private String complaintsTopic;
  private String rejectsTopic;
  private KafkaComplaintSink sink;
  private MailIntake intake;
  private GreenMailUser user;
  private Deserializer<Complaint> complaints;
  private Deserializer<RejectedInput> rejects;

  @BeforeEach
  void setUp() {
    complaintsTopic = kafka.newTopic("complaints-mail", 1);
    rejectsTopic = kafka.newTopic("rejected-mail", 1);
    Map<String, Object> cfg = Map.of("schema.registry.url", registry.url(), "topic.complaints", complaintsTopic,
        "topic.complaints.rejected", rejectsTopic);
    TopicCatalog catalog = new TopicCatalog(cfg);
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", kafka.bootstrapServers());
    sink = new KafkaComplaintSink(props, catalog);
    complaints = catalog.complaints().valueSerde().deserializer();
    rejects = catalog.complaintsRejected().valueSerde().deserializer();
    intake = new MailIntake(new MailParser(20_000), new EmailNormalizer(Pattern.compile("\\[(CF-\\d+)\\]"), 20_000),
        new Rejects(Clock.systemUTC()));
    user = greenMail.setUser(ADDRESS, "complaints", "secret");
  }

  @AfterEach
  void tearDown() {
    sink.close();
  }

  private ImapPoller poller(ImapPoller.StageHook hook, boolean idle) {
    MailboxSettings box = new MailboxSettings("support", "imap", "127.0.0.1", greenMail.getImap().getPort(), false,
        "complaints", "secret", "INBOX", "Processed", "Failed");
    return new ImapPoller(box, intake, sink, Duration.ofSeconds(30), Duration.ofMillis(500), idle,
        Duration.ofMillis(100), Duration.ofSeconds(1), 5 * 1024 * 1024, 3, Clock.systemUTC(), hook);
  }

  private void deliver(byte[] raw) throws Exception {
    user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
  }

  static byte[] mail(String messageId, String subject, String body) {
    String headers = "From: =?utf-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCy?= <Ivan.Petrov@Example.com>\r\nTo: " + ADDRESS + "\r\n"
        + "Subject: " + subject + "\r\nMessage-ID: " + messageId + "\r\nIn-Reply-To: <case-mail-1@shop.example>\r\n"
        + "Date: Sat, 01 Mar 2025 10:00:00 +0300\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=koi8-r\r\nContent-Transfer-Encoding: 8bit\r\n\r\n";
    return concat(headers.getBytes(StandardCharsets.US_ASCII), body.getBytes(java.nio.charset.Charset.forName("KOI8-R")));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void emailBecomesComplaintAndMovesToProcessedAfterAck() throws Exception {
    String mid = "<" + UUID.randomUUID() + "@example.com>";
    deliver(mail(mid, "Re: [CF-12345] =?utf-8?Q?=D0=A7=D0=B0=D0=B9=D0=BD=D0=B8=D0=BA?= leaks", "Чайник течёт, прошу замену."));
    try (ImapPoller p = poller(ImapPoller.StageHook.NONE, false)) {
      assertEquals(1, p.pollOnce());
      assertTrue(p.check().up());
    }
    Complaint c = only(complaintsTopic, complaints, x -> true).value();
    assertEquals(Channel.EMAIL, c.getChannel());
    assertEquals("imap:support", c.getSourceSystem());
    assertEquals(mid, c.getSourceId());
    assertEquals("ivan.petrov@example.com", c.getClientKey());
    assertEquals("Иван Петров", c.getContact().getName());
    assertEquals("Re: [CF-12345] Чайник leaks", c.getSubject());
    assertEquals("Чайник течёт, прошу замену.", c.getBody());
    assertEquals("CF-12345", c.getThread().getCaseTag());
    assertEquals("<case-mail-1@shop.example>", c.getThread().getInReplyTo());
    assertEquals(java.time.Instant.parse("2025-03-01T07:00:00Z"), c.getSentAt());
    assertEquals(0, count("INBOX"));
    assertEquals(1, count("Processed"));
  }

  @Test
  void realFixturesThroughImap() throws Exception {
    Path dir = SharedFixtures.emailDir();
    List<String> files = List.of("imaptools__ru_cp1251_8bit_reply_fwd.eml", "rubymail__iso2022jp.eml",
        "zbateson__utf7.eml", "flanker__bounce_mailbox_full.eml", "flanker__read_receipt_mdn.eml");
    for (String f : files) {
      deliver(Files.readAllBytes(dir.resolve(f)));
    }
    try (ImapPoller p = poller(ImapPoller.StageHook.NONE, false)) {
      assertEquals(5, p.pollOnce());
    }
    List<ConsumerRecord<String, Complaint>> got = TopicReader.readUntil(kafka, complaintsTopic, complaints, l -> l.size() >= 3,
        Duration.ofSeconds(30));
    assertEquals(java.util.Set.of("S19 IZM A7-342", "まみむめも", "Die Hasen und die Frösche (Microsoft Outlook 00)"),
        got.stream().map(r -> r.value().getSubject()).collect(java.util.stream.Collectors.toSet()));
    assertTrue(got.stream().anyMatch(r -> r.value().getBody().startsWith("すみません。")));
    List<ConsumerRecord<String, RejectedInput>> rej = TopicReader.readUntil(kafka, rejectsTopic, rejects, l -> l.size() >= 2,
        Duration.ofSeconds(30));
    assertEquals(2, rej.size());
    for (ConsumerRecord<String, RejectedInput> r : rej) {
      assertEquals("auto-generated", r.value().getReason());
      assertEquals("support", r.value().getMailbox());
      assertEquals("INBOX", r.value().getFolder());
      assertTrue(r.value().getMessageId().startsWith("<"));
    }
    assertEquals(5, count("Processed"));
  }

  @Test
  void unparseableGoesToFailedAndAutoReplyToProcessedBothWithRejects() throws Exception {
    deliver(MimeDecodingTest.unparseable());
    deliver(("From: boss@example.com\r\nTo: " + ADDRESS + "\r\nSubject: Automatic reply: hello\r\nAuto-Submitted: auto-replied\r\n"
        + "Message-ID: <auto-1@example.com>\r\n\r\nI am away.\r\n").getBytes(StandardCharsets.US_ASCII));
    try (ImapPoller p = poller(ImapPoller.StageHook.NONE, false)) {
      assertEquals(2, p.pollOnce());
    }
    List<ConsumerRecord<String, RejectedInput>> rej = TopicReader.readUntil(kafka, rejectsTopic, rejects, l -> l.size() >= 2,
        Duration.ofSeconds(30));
    RejectedInput broken = rej.stream().map(ConsumerRecord::value).filter(r -> r.getReason().equals("unparseable-mime"))
        .findFirst().orElseThrow();
    assertEquals("<broken@example.com>", broken.getMessageId());
    assertEquals(Channel.EMAIL, broken.getChannel());
    RejectedInput auto = rej.stream().map(ConsumerRecord::value).filter(r -> r.getReason().equals("auto-generated"))
        .findFirst().orElseThrow();
    assertEquals("<auto-1@example.com>", auto.getSourceId());
    assertEquals(1, count("Failed"));
    assertEquals(1, count("Processed"));
    assertEquals(0, count("INBOX"));
  }

  @Test
  void sameEmailDeliveredTwiceYieldsOneComplaint() throws Exception {
    byte[] raw = mail("<dup-" + UUID.randomUUID() + "@example.com>", "Twice", "Одно и то же письмо");
    deliver(raw);
    deliver(raw);
    try (ImapPoller p = poller(ImapPoller.StageHook.NONE, false)) {
      assertEquals(2, p.pollOnce());
    }
    deliver(mail("<marker-" + UUID.randomUUID() + "@example.com>", "Marker", "m"));
    try (ImapPoller p = poller(ImapPoller.StageHook.NONE, false)) {
      assertEquals(1, p.pollOnce());
    }
    List<ConsumerRecord<String, Complaint>> got = TopicReader.readUntil(kafka, complaintsTopic, complaints,
        l -> l.stream().anyMatch(r -> "Marker".equals(r.value().getSubject())), Duration.ofSeconds(30));
    assertEquals(1, got.stream().filter(r -> "Twice".equals(r.value().getSubject())).count());
    assertEquals(3, count("Processed"));
  }

  /** Acceptance 4: killed after the ack and the keyword, before the move: the restart only moves. */
  @Test
  void crashAfterAckAndMarkBeforeMoveProducesNoSecondComplaint() throws Exception {
    String mid = "<crash-" + UUID.randomUUID() + "@example.com>";
    deliver(mail(mid, "Crash", "Упал после подтверждения"));
    ImapPoller dying = poller(crashAt(ImapPoller.Stage.AFTER_MARK), false);
    assertThrows(SimulatedCrash.class, dying::pollOnce);
    dying.close();
    assertEquals(1, count("INBOX"), "not moved before the crash");

    try (ImapPoller restarted = poller(ImapPoller.StageHook.NONE, false)) {
      assertEquals(1, restarted.pollOnce());
    }
    assertEquals(0, count("INBOX"));
    assertEquals(1, count("Processed"));
    deliver(mail("<marker-" + UUID.randomUUID() + "@example.com>", "Marker", "m"));
    try (ImapPoller p = poller(ImapPoller.StageHook.NONE, false)) {
      p.pollOnce();
    }
    List<ConsumerRecord<String, Complaint>> got = TopicReader.readUntil(kafka, complaintsTopic, complaints,
        l -> l.stream().anyMatch(r -> "Marker".equals(r.value().getSubject())), Duration.ofSeconds(30));
    assertEquals(1, got.stream().filter(r -> mid.equals(r.value().getSourceId())).count(), "exactly one record");
  }

  /**
   * Acceptance 4, the narrow window: killed after the ack but before the keyword could be stored.
   * The restart produces again, but with the same deterministic complaint id: still one complaint,
   * which downstream dedupe by complaint id absorbs.
   */
  @Test
  void crashRightAfterAckReplaysTheSameComplaintId() throws Exception {
    String mid = "<crash2-" + UUID.randomUUID() + "@example.com>";
    deliver(mail(mid, "Crash2", "Упал сразу после подтверждения"));
    ImapPoller dying = poller(crashAt(ImapPoller.Stage.AFTER_ACK), false);
    assertThrows(SimulatedCrash.class, dying::pollOnce);
    dying.close();
    try (ImapPoller restarted = poller(ImapPoller.StageHook.NONE, false)) {
      assertEquals(1, restarted.pollOnce());
    }
    assertEquals(1, count("Processed"));
    List<ConsumerRecord<String, Complaint>> got = TopicReader.readUntil(kafka, complaintsTopic, complaints,
        l -> l.size() >= 2, Duration.ofSeconds(30));
    assertEquals(1, got.stream().map(r -> r.value().getComplaintId()).distinct().count(), "one complaint id");
    assertEquals(2, got.size(), "the record was replayed once, under the same id");
  }

  @Test
  void runningPollerWithIdlePicksUpNewMail() throws Exception {
    try (ImapPoller p = poller(ImapPoller.StageHook.NONE, true)) {
      Thread t = new Thread(p, "imap-test");
      t.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!p.check().up() && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertTrue(p.check().up(), "connected");
      deliver(mail("<idle-" + UUID.randomUUID() + "@example.com>", "Idle", "Пришло во время IDLE"));
      Complaint c = only(complaintsTopic, complaints, x -> true).value();
      assertEquals("Idle", c.getSubject());
      p.close();
      t.join(10_000);
    }
  }

  /**
   * GreenMail cannot build the IMAP ENVELOPE of a message with {@code From: <>}: every fetch of it
   * fails. After its attempts it is rejected from its UID alone and moved to Failed; the messages
   * around it become complaints.
   */
  @Test
  void messageTheServerCannotDescribeIsRejectedAfterItsAttemptsAndDoesNotBlockTheMailbox() throws Exception {
    String first = "<before-" + UUID.randomUUID() + "@example.com>";
    String last = "<after-" + UUID.randomUUID() + "@example.com>";
    deliver(mail(first, "Before", "Первое"));
    deliver(("To: " + ADDRESS + "\r\nFrom: <>\r\nMessage-ID: <null-sender@example.com>\r\nSubject: null sender\r\n\r\nbody\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    deliver(mail(last, "After", "Последнее"));
    try (ImapPoller p = poller(ImapPoller.StageHook.NONE, false)) {
      Thread t = new Thread(p, "imap-test");
      t.start();
      List<ConsumerRecord<String, RejectedInput>> rej = TopicReader.readUntil(kafka, rejectsTopic, rejects, l -> !l.isEmpty(),
          Duration.ofSeconds(60));
      RejectedInput r = rej.get(0).value();
      assertEquals("unreadable-message", r.getReason());
      assertEquals(Channel.EMAIL, r.getChannel());
      assertEquals("support", r.getMailbox());
      assertEquals("INBOX", r.getFolder());
      assertEquals("support", r.getAttributes().get("mail.mailbox"));
      assertEquals("INBOX", r.getAttributes().get("mail.folder"));
      assertTrue(r.getAttributes().get("mail.uid").matches("\\d+"), r.getAttributes().toString());
      assertEquals("3", r.getAttributes().get("mail.attempts"));
      List<ConsumerRecord<String, Complaint>> got = TopicReader.readUntil(kafka, complaintsTopic, complaints,
          l -> l.size() >= 2, Duration.ofSeconds(30));
      assertEquals(java.util.Set.of(first, last), got.stream().map(c -> c.value().getSourceId())
          .collect(java.util.stream.Collectors.toSet()));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (count("INBOX") > 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      p.close();
      t.join(10_000);
    }
    assertEquals(0, count("INBOX"));
    assertEquals(2, count("Processed"));
    assertEquals(1, count("Failed"));
    assertEquals(1, TopicReader.readUntil(kafka, rejectsTopic, rejects, l -> l.size() > 1, Duration.ofSeconds(2)).stream()
        .map(x -> x.value().getRejectId()).distinct().count(), "one reject");
  }

  private static ImapPoller.StageHook crashAt(ImapPoller.Stage at) {
    return (stage, sourceId) -> {
      if (stage == at) {
        throw new SimulatedCrash();
      }
    };
  }

  static final class SimulatedCrash extends RuntimeException {}

  private <V> ConsumerRecord<String, V> only(String topic, Deserializer<V> d, Predicate<V> p) {
    List<ConsumerRecord<String, V>> got = TopicReader.readUntil(kafka, topic, d,
        l -> l.stream().anyMatch(r -> p.test(r.value())), Duration.ofSeconds(30));
    return got.stream().filter(r -> p.test(r.value())).findFirst().orElseThrow(() -> new AssertionError("nothing on " + topic));
  }

  private int count(String folder) throws Exception {
    Properties props = new Properties();
    Store store = Session.getInstance(props).getStore("imap");
    store.connect("127.0.0.1", greenMail.getImap().getPort(), "complaints", "secret");
    try {
      Folder f = store.getFolder(folder);
      if (!f.exists()) {
        return 0;
      }
      f.open(Folder.READ_ONLY);
      int n = 0;
      for (Message m : f.getMessages()) {
        if (!m.isSet(Flags.Flag.DELETED)) {
          n++;
        }
      }
      f.close(false);
      return n;
    } finally {
      store.close();
    }
  }
}
