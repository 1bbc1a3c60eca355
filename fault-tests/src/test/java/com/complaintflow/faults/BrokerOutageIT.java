package com.complaintflow.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.launcher.stack.KafkaBroker;
import com.complaintflow.reconcile.ReconcileReport;
import com.complaintflow.reconcile.Reconciler;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.DeadAlert;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.schemas.topics.TopicName;
import com.complaintflow.testing.SchemaRegistryServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker (the launcher's single-node KRaft broker, own JVM) is stopped for 30 s while web
 * complaints keep coming in, then started again on the same log directories. The intake must answer
 * 503 or 429 for what it cannot store, never 202; every 202 must be on the {@code complaints} topic;
 * clients that send again with the same Idempotency-Key get everything in; the processor and the
 * alert sink resume by themselves (every complaint in one case, every breach alert mailed, none dead).
 */
@Tag("faults")
class BrokerOutageIT {
  private static final Logger log = LoggerFactory.getLogger(BrokerOutageIT.class);
  private static final String KEY = "broker-outage-key";
  private static final Duration OUTAGE = Duration.ofSeconds(30);

  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();
  private static final Path dir = RunDirs.fresh("broker-outage");

  private static KafkaBroker broker;
  private static TopicCatalog catalog;
  private static GreenMail smtp;
  private static int httpPort;
  private static final List<ServiceJvm> services = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    broker = new KafkaBroker(dir.resolve("kafka"), freePort(), freePort());
    broker.start();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      List<NewTopic> topics = new ArrayList<>();
      for (TopicName t : TopicName.values()) {
        topics.add(new NewTopic(t.defaultName(), 2, (short) 1)
            .configs(t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of()));
      }
      admin.createTopics(topics).all().get();
    }
    catalog = new TopicCatalog(Map.of("schema.registry.url", registry.url()));
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    httpPort = freePort();
    Map<String, String> common = Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
        "schema.registry.url", registry.url());

    Map<String, String> i = new HashMap<>(common);
    i.put("http.port", Integer.toString(httpPort));
    i.put("http.bind.address", "127.0.0.1");
    i.put("http.api.keys", KEY);
    i.put("http.ack.timeout.ms", "5000");
    i.put("case.actions.enabled", "false");
    services.add(new ServiceJvm("intake", ServiceJvm.INTAKE, dir.resolve("intake"), i).start());

    Map<String, String> p = new HashMap<>(common);
    p.put("application.id", "outage-processor");
    p.put("state.dir", dir.resolve("processor-state").toString());
    p.put("internal.topic.partitions", "2");
    p.put("internal.topic.replication.factor", "1");
    p.put("routing.default.team", Population.TEAM);
    p.put("sla.default.calendar", "24x7");
    p.put("sla.policy.default.first-response", "5s");
    p.put("sla.warnings", "none");
    // one recipient for every team (the built-in routing sends by category): one mail per alert
    p.put("sla.escalation.1.recipients", "head-of-service@faults.test");
    services.add(new ServiceJvm("processor", ServiceJvm.PROCESSOR, dir.resolve("processor"), p).start());

    Map<String, String> s = new HashMap<>(common);
    s.put("group.id", "outage-sink");
    s.put("smtp.host", "127.0.0.1");
    s.put("smtp.port", Integer.toString(smtp.getSmtp().getPort()));
    s.put("smtp.security", "NONE");
    s.put("storm.threshold", "100000");
    services.add(new ServiceJvm("alert-sink", ServiceJvm.ALERT_SINK, dir.resolve("sink"), s).start());
  }

  @AfterAll
  static void stop() {
    services.forEach(ServiceJvm::stop);
    if (broker != null) {
      broker.stop();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  void intakeRefusesWhatItCannotStoreAndEverythingAcceptedArrives() throws Exception {
    Instant from = Instant.now().minusSeconds(5);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    SmtpOutageIT.await(Duration.ofSeconds(90), () -> status(http, "/health") == 200, "intake healthy");

    Map<String, String> accepted = new ConcurrentHashMap<>();
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean sending = new AtomicBoolean(true);
    AtomicInteger submissions = new AtomicInteger();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      int client = c;
      Thread t = new Thread(() -> submitUntilStopped(http, client, sending, submissions, accepted, statuses, unexpected),
          "web-client-" + c);
      t.start();
      clients.add(t);
    }
    SmtpOutageIT.await(Duration.ofSeconds(60), () -> accepted.size() >= 30, "complaints accepted before the outage");

    broker.stop();
    int acceptedAtStop = accepted.size();
    long back = System.nanoTime() + OUTAGE.toNanos();
    while (System.nanoTime() < back) {
      // the intake stays up and says it cannot take complaints
      assertTrue(services.get(0).isAlive(), "intake died during the outage");
      Thread.sleep(500);
    }
    int refusedDuringOutage = statuses.entrySet().stream().filter(e -> e.getKey() != 202)
        .mapToInt(e -> e.getValue().get()).sum();
    broker.start();
    log.info("event=broker-restarted acceptedAtStop={} acceptedNow={} refused={}", acceptedAtStop, accepted.size(),
        refusedDuringOutage);
    int acceptedAtRestart = accepted.size();
    SmtpOutageIT.await(Duration.ofMinutes(2), () -> accepted.size() >= acceptedAtRestart + 30,
        "complaints accepted after the broker returned");
    sending.set(false);
    for (Thread t : clients) {
      t.join(Duration.ofMinutes(2).toMillis());
    }
    log.info("event=traffic-done submissions={} accepted={} statuses={}", submissions.get(), accepted.size(), statuses);
    assertEquals(List.of(), unexpected, "answers other than 202/429/503");
    assertTrue(refusedDuringOutage > 0, "the intake refused (503/429) while the broker was down: " + statuses);
    assertEquals(submissions.get(), accepted.size(), "every submission accepted in the end (clients send again)");

    // every accepted complaint is on the topic, and the processor and the sink resumed
    Set<String> acceptedIds = new HashSet<>(accepted.values());
    try (TopicWatch<Complaint> complaints = new TopicWatch<>(broker.bootstrapServers(), catalog.complaints().name(),
        catalog.complaints().valueSerde().deserializer())) {
      Set<String> onTopic = new HashSet<>();
      SmtpOutageIT.await(Duration.ofSeconds(30), () -> {
        complaints.poll(Duration.ofMillis(500)).forEach(c -> onTopic.add(c.getComplaintId()));
        return onTopic.containsAll(acceptedIds);
      }, "accepted complaints on the topic");
      assertEquals(acceptedIds, onTopic, "the complaints topic holds exactly the accepted complaints");
    }
    ReconcileReport report;
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    do {
      report = new Reconciler(Map.of("bootstrap.servers", broker.bootstrapServers()),
          Map.of("schema.registry.url", registry.url())).reconcile(from, Instant.now());
    } while (!(report.ok() && report.count("complaints") == acceptedIds.size()) && System.nanoTime() < deadline);
    log.info("event=reconciled report={}", report);
    assertTrue(report.ok(), report.toString());
    assertEquals(acceptedIds.size(), report.count("complaints"), report.toString());

    try (TopicWatch<CaseEvent> cases = new TopicWatch<>(broker.bootstrapServers(), catalog.cases().name(),
        catalog.cases().valueSerde().deserializer());
         TopicWatch<Alert> alerts = new TopicWatch<>(broker.bootstrapServers(), catalog.alerts().name(),
             catalog.alerts().valueSerde().deserializer());
         TopicWatch<DeadAlert> dead = new TopicWatch<>(broker.bootstrapServers(), catalog.alertsDead().name(),
             catalog.alertsDead().valueSerde().deserializer())) {
      Set<String> caseIds = new HashSet<>();
      Set<String> alerted = new HashSet<>();
      Map<String, Integer> mailed = new TreeMap<>();
      SmtpOutageIT.await(Duration.ofMinutes(2), () -> {
        cases.poll(Duration.ofMillis(500)).forEach(e -> caseIds.add(e.getCaseId()));
        alerted.clear();
        alerts.poll(Duration.ofMillis(500)).forEach(a -> alerted.add(a.getAlertId()));
        Set<String> caseWithAlert = new HashSet<>();
        alerts.poll(Duration.ZERO).forEach(a -> caseWithAlert.add(a.getCaseId()));
        mailed.clear();
        for (MimeMessage m : smtp.getReceivedMessages()) {
          mailed.merge(m.getMessageID(), 1, Integer::sum);
        }
        return caseWithAlert.containsAll(caseIds) && mailed.size() >= alerted.size();
      }, "a breach alert for every case, each mailed");
      Map<String, Integer> expected = new TreeMap<>();
      alerted.forEach(id -> expected.put("<" + id + "@complaintflow>", 1));
      assertEquals(expected, mailed, "every alert mailed once");
      assertEquals(List.of(), dead.poll(Duration.ofSeconds(1)), "dead alerts");
    }
    services.forEach(s -> assertTrue(s.isAlive(), s + " still running"));
  }

  /** A well-behaved channel system: each complaint with its own Idempotency-Key, sent again after 503/429. */
  private static void submitUntilStopped(HttpClient http, int client, AtomicBoolean sending, AtomicInteger submissions,
      Map<String, String> accepted, Map<Integer, AtomicInteger> statuses, List<String> unexpected) {
    ObjectMapper json = new ObjectMapper();
    for (int n = 0; sending.get(); n++) {
      String key = "outage-" + client + "-" + n + "-" + Records.uuid();
      submissions.incrementAndGet();
      String body = "{\"name\":\"Client " + client + "\",\"email\":\"client" + client + "-" + n
          + "@mail.example\",\"subject\":\"Late delivery\",\"text\":\"My order " + n + " is two weeks late.\"}";
      long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (System.nanoTime() < giveUp) {
        try {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                  + "/api/v1/complaints")).timeout(Duration.ofSeconds(60)).header("X-Api-Key", KEY)
              .header("Content-Type", "application/json").header("Idempotency-Key", key)
              .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
          statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
          if (r.statusCode() == 202) {
            String id = json.readTree(r.body()).path("complaintId").asText(null);
            assertNotNull(id, r.body());
            accepted.put(key, id);
            break;
          }
          if (r.statusCode() != 503 && r.statusCode() != 429) {
            unexpected.add(r.statusCode() + " " + r.body());
            return;
          }
          Thread.sleep(1000);
        } catch (Exception e) {
          unexpected.add("exception " + e);
          return;
        }
      }
    }
  }

  private static int status(HttpClient http, String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception notYet) {
      return -1;
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
