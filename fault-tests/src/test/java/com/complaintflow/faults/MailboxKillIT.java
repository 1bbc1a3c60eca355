package com.complaintflow.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.reconcile.ReconcileReport;
import com.complaintflow.reconcile.Reconciler;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.schemas.topics.TopicName;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intake (own JVM) is SIGKILLed twice while it works through a mailbox of 2,000 messages and is
 * started again each time: every message must become exactly one complaint (one complaint id; the
 * processor, also running, opens one case for it) and the inbox must end empty.
 */
@Tag("faults")
class MailboxKillIT {
  private static final Logger log = LoggerFactory.getLogger(MailboxKillIT.class);
  private static final int MESSAGES = 2_000;
  private static final String ADDRESS = "complaints@faults.test";

  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();
  private static final Path dir = RunDirs.fresh("mailbox-kill");

  private static TopicCatalog catalog;
  private static GreenMail greenMail;
  private static GreenMailUser user;
  private static ServiceJvm intake;
  private static ServiceJvm processor;

  @BeforeAll
  static void start() throws Exception {
    for (TopicName t : TopicName.values()) {
      kafka.createTopic(t.defaultName(), 2, t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of());
    }
    catalog = new TopicCatalog(Map.of("schema.registry.url", registry.url()));
    greenMail = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
    greenMail.start();
    user = greenMail.setUser(ADDRESS, "complaints", "imap-secret");

    Map<String, String> i = new HashMap<>();
    i.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    i.put("schema.registry.url", registry.url());
    i.put("http.port", "0");
    i.put("http.bind.address", "127.0.0.1");
    i.put("http.api.keys", "mailbox-kill-key");
    i.put("case.actions.enabled", "false");
    i.put("mail.mailboxes", "support");
    i.put("mail.support.host", "127.0.0.1");
    i.put("mail.support.port", Integer.toString(greenMail.getImap().getPort()));
    i.put("mail.support.protocol", "imap");
    i.put("mail.support.user", "complaints");
    i.put("mail.support.password", "imap-secret");
    i.put("mail.poll.interval.ms", "500");
    intake = new ServiceJvm("intake", ServiceJvm.INTAKE, dir.resolve("intake"), i);

    Map<String, String> p = new HashMap<>();
    p.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    p.put("schema.registry.url", registry.url());
    p.put("application.id", "mailbox-kill-processor");
    p.put("state.dir", dir.resolve("processor-state").toString());
    p.put("internal.topic.partitions", "2");
    p.put("internal.topic.replication.factor", "1");
    processor = new ServiceJvm("processor", ServiceJvm.PROCESSOR, dir.resolve("processor"), p).start();
  }

  @AfterAll
  static void stop() {
    if (intake != null) {
      intake.stop();
    }
    if (processor != null) {
      processor.stop();
    }
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  @Test
  void everyMessageBecomesExactlyOneComplaintAcrossKills() throws Exception {
    Instant from = Instant.now().minusSeconds(5);
    Population population = new Population(11, 500);
    Session session = Session.getInstance(new Properties());
    for (int n = 0; n < MESSAGES; n++) {
      var client = population.clients().get(n % 500);
      MimeMessage m = new MimeMessage(session) {
        @Override
        protected void updateMessageID() {
          // keep the Message-ID set below
        }
      };
      m.setFrom(new InternetAddress(client.getEmails().get(0), client.getName()));
      m.setRecipient(Message.RecipientType.TO, new InternetAddress(ADDRESS));
      m.setSubject("Complaint " + n + ": order not delivered");
      m.setText("Hello, my order " + (500_000 + n) + " has not arrived after two weeks. Please help.\n"
          + client.getName(), "UTF-8");
      m.setHeader("Message-ID", "<mailbox-kill-" + n + "@client.example>");
      m.setSentDate(new java.util.Date());
      m.saveChanges();
      user.deliver(m);
    }
    assertEquals(MESSAGES, inbox().getMessageCount(), "messages delivered to the inbox");
    intake.start();

    Random random = new Random(3);
    try (TopicWatch<Complaint> complaints = new TopicWatch<>(kafka.bootstrapServers(), catalog.complaints().name(),
        catalog.complaints().valueSerde().deserializer())) {
      int[] killAt = {200 + random.nextInt(500), 900 + random.nextInt(600)};
      for (int target : killAt) {
        Progress progress = new Progress();
        while (complaints.poll(Duration.ofMillis(300)).size() < target) {
          progress.check(complaints.poll(Duration.ZERO).size(), "complaints before kill at " + target);
        }
        intake.kill();
        log.info("event=intake-killed complaints={} inbox={}", complaints.poll(Duration.ZERO).size(),
            inbox().getMessageCount());
        intake.start();
      }

      Progress progress = new Progress();
      Set<String> ids = new HashSet<>();
      while (true) {
        List<Complaint> all = complaints.poll(Duration.ofSeconds(1));
        ids.clear();
        all.forEach(c -> ids.add(c.getComplaintId()));
        if (ids.size() >= MESSAGES && inbox().getMessageCount() == 0) {
          break;
        }
        progress.check(MESSAGES - inbox().getMessageCount() + all.size(), "draining the inbox");
      }
      int records = complaints.poll(Duration.ZERO).size();
      log.info("event=mailbox-drained complaintRecords={} distinctComplaints={}", records, ids.size());
      assertEquals(MESSAGES, ids.size(), "distinct complaints (" + records + " records); log " + intake.logFile());
      assertEquals(0, inbox().getMessageCount(), "messages left in the inbox");
      Set<String> sources = new HashSet<>();
      complaints.poll(Duration.ZERO).forEach(c -> sources.add(c.getThread() == null ? null : c.getThread().getMessageId()));
      assertEquals(MESSAGES, sources.size(), "one complaint per Message-ID");
    }
    try (TopicWatch<RejectedInput> rejects = new TopicWatch<>(kafka.bootstrapServers(),
        catalog.complaintsRejected().name(), catalog.complaintsRejected().valueSerde().deserializer())) {
      assertEquals(List.of(), rejects.poll(Duration.ofSeconds(2)), "rejects");
    }

    // the processor: one case per complaint, duplicates of the kill window deduplicated
    ReconcileReport report = null;
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      report = new Reconciler(Map.of("bootstrap.servers", kafka.bootstrapServers()),
          Map.of("schema.registry.url", registry.url())).reconcile(from, Instant.now());
      if (report.ok()) {
        break;
      }
    }
    log.info("event=reconciled report={}", report);
    assertTrue(report.ok(), report.toString());
    assertEquals(MESSAGES, report.count("cases"), report.toString());
  }

  /**
   * Fails when a measure of work done stands still for a minute. GreenMail's MOVE costs time that
   * grows with the folder (a few messages a second at 2,000), so the run's length is not fixed.
   */
  private static final class Progress {
    private long last = -1;
    private long since = System.nanoTime();

    void check(long done, String what) {
      if (done != last) {
        last = done;
        since = System.nanoTime();
      }
      assertTrue(System.nanoTime() - since < Duration.ofMinutes(1).toNanos(),
          "no progress for a minute while " + what + " (at " + done + "); log " + intake.logFile());
    }
  }

  private static com.icegreen.greenmail.store.MailFolder inbox() throws Exception {
    ImapHostManager manager = greenMail.getManagers().getImapHostManager();
    return manager.getInbox(user);
  }
}
