package com.complaintflow.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.reconcile.ReconcileReport;
import com.complaintflow.reconcile.Reconciler;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseEventType;
import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.SlaTarget;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.schemas.topics.TopicName;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two processor instances (own JVMs, one consumer group) under a stream of complaints; at random
 * points of progress one of them is SIGKILLed and started again on its state directory. With
 * exactly-once the committed outcome must be as if nothing had happened: every complaint in exactly
 * one case, no case event or alert twice, and every case nobody answered has its first-response
 * breach alert (first response 5 s on the 24x7 calendar, so every case breaches).
 */
@Tag("faults")
class ProcessorKillIT {
  private static final Logger log = LoggerFactory.getLogger(ProcessorKillIT.class);
  /** 20,000 by the issue; {@code -Dfaults.complaints=N} for a quicker run. */
  private static final int COMPLAINTS = Integer.getInteger("faults.complaints", 20_000);
  private static final int CLIENTS = 2_000;
  private static final int KILLS = 6;
  private static final int PARTITIONS = 4;

  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();
  private static final Path dir = RunDirs.fresh("processor-kill");

  private static TopicCatalog catalog;
  private static final List<ServiceJvm> processors = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    for (TopicName t : TopicName.values()) {
      kafka.createTopic(t.defaultName(), PARTITIONS, t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of());
    }
    catalog = new TopicCatalog(Map.of("schema.registry.url", registry.url()));
    for (int i = 1; i <= 2; i++) {
      Map<String, String> p = new HashMap<>();
      p.put("kafka.bootstrap.servers", kafka.bootstrapServers());
      p.put("schema.registry.url", registry.url());
      p.put("application.id", "kill-processor");
      p.put("state.dir", dir.resolve("processor-" + i + "-state").toString());
      p.put("internal.topic.partitions", Integer.toString(PARTITIONS));
      p.put("internal.topic.replication.factor", "1");
      p.put("routing.default.team", Population.TEAM);
      p.put("sla.default.calendar", "24x7");
      p.put("sla.punctuation.interval", "1s");
      p.put("sla.policy.default.first-response", "5s");
      p.put("sla.policy.default.next-response", "1d");
      p.put("sla.policy.default.resolution", "30d");
      p.put("sla.warnings", "none");
      p.put("sla.unassigned.after", "30d");
      p.put("sla.escalation.1.recipients", "team-supervisors");
      p.put("team." + Population.TEAM + ".supervisors", "lead@faults.test");
      p.put("repeat.lookback", "1d");
      // a killed member holds its partitions until its session expires: the broker's minimum, not 45 s
      p.put("kafka.session.timeout.ms", "6000");
      p.put("kafka.heartbeat.interval.ms", "1500");
      processors.add(new ServiceJvm("processor-" + i, ServiceJvm.PROCESSOR, dir.resolve("processor-" + i), p));
    }
  }

  @AfterAll
  static void stop() {
    processors.forEach(ServiceJvm::stop);
  }

  @Test
  void killedProcessorsLoseNothingAndRepeatNothing() throws Exception {
    Instant from = Instant.now().minusSeconds(5);
    Population population = new Population(42, CLIENTS);
    try (var cp = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), catalog.clients().valueSerde().serializer());
         var ap = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), catalog.agents().valueSerde().serializer())) {
      for (Client c : population.clients()) {
        cp.send(new ProducerRecord<>(catalog.clients().name(), c.getClientId(), c));
      }
      // room for every case: the test is about faults, not about a growing queue
      for (Agent a : Population.agents(40, COMPLAINTS / 40 + 10)) {
        ap.send(new ProducerRecord<>(catalog.agents().name(), a.getAgentId(), a));
      }
    }
    for (ServiceJvm p : processors) {
      p.start();
    }

    // the complaints arrive over the run while the kills happen
    AtomicInteger sent = new AtomicInteger();
    Thread producer = new Thread(() -> produce(population, sent), "complaint-producer");
    producer.start();

    Random random = new Random(7);
    List<String> kills = new ArrayList<>();
    try (TopicWatch<CaseEvent> cases = new TopicWatch<>(kafka.bootstrapServers(), catalog.cases().name(),
        catalog.cases().valueSerde().deserializer())) {
      long lastKillAt = 0;
      for (int k = 0; k < KILLS; k++) {
        // a random moment: after a random amount of further progress (case events committed)
        long step = COMPLAINTS / (KILLS + 2) / 2 + random.nextInt(Math.max(1, COMPLAINTS / (KILLS + 2)));
        long target = lastKillAt + step;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (cases.poll(Duration.ofMillis(500)).size() < target) {
          assertTrue(System.nanoTime() < deadline, "no progress to " + target + " case events before kill " + (k + 1)
              + " (" + cases.poll(Duration.ZERO).size() + " so far); logs in " + dir);
        }
        lastKillAt = cases.poll(Duration.ZERO).size();
        ServiceJvm victim = processors.get(random.nextInt(processors.size()));
        victim.kill();
        kills.add(victim.toString() + "@" + lastKillAt + "events/" + sent.get() + "sent");
        log.info("event=processor-killed instance={} caseEvents={} sent={}", victim, lastKillAt, sent.get());
        victim.start();
      }
    }
    producer.join(Duration.ofMinutes(3).toMillis());
    assertEquals(COMPLAINTS, sent.get(), "complaints produced");

    // every complaint in a case, every case with its breach alert
    Set<String> caseIds = new HashSet<>();
    Set<String> breached = new HashSet<>();
    try (TopicWatch<CaseEvent> cases = new TopicWatch<>(kafka.bootstrapServers(), catalog.cases().name(),
        catalog.cases().valueSerde().deserializer());
         TopicWatch<Alert> alerts = new TopicWatch<>(kafka.bootstrapServers(), catalog.alerts().name(),
             catalog.alerts().valueSerde().deserializer())) {
      long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
      Set<String> complaintsInCases = new HashSet<>();
      int seenEvents = 0;
      int seenAlerts = 0;
      while (true) {
        List<CaseEvent> events = cases.poll(Duration.ofSeconds(2));
        for (CaseEvent e : events.subList(seenEvents, events.size())) {
          caseIds.add(e.getCaseId());
          if (e.getComplaintId() != null) {
            complaintsInCases.add(e.getComplaintId());
          }
        }
        seenEvents = events.size();
        List<Alert> as = alerts.poll(Duration.ofSeconds(2));
        for (Alert a : as.subList(seenAlerts, as.size())) {
          if (a.getKind() == AlertKind.SLA_BREACH && a.getTarget() == SlaTarget.FIRST_RESPONSE) {
            breached.add(a.getCaseId());
          }
        }
        seenAlerts = as.size();
        if (complaintsInCases.size() >= COMPLAINTS && breached.containsAll(caseIds)) {
          break;
        }
        if (System.nanoTime() > deadline) {
          break;
        }
      }
      assertEquals(COMPLAINTS, complaintsInCases.size(), "complaints in cases; kills " + kills + "; logs in " + dir);
    }

    ReconcileReport report = new Reconciler(Map.of("bootstrap.servers", kafka.bootstrapServers()),
        Map.of("schema.registry.url", registry.url())).reconcile(from, Instant.now());
    log.info("event=reconciled kills={} report={}", kills, report);
    assertEquals(COMPLAINTS, report.count("complaints"), report.toString());
    assertTrue(report.ok(), "reconcile: " + report + "; kills " + kills);
    Set<String> missing = new HashSet<>(caseIds);
    missing.removeAll(breached);
    assertTrue(missing.isEmpty(), missing.size() + " case(s) breached without their SLA_BREACH alert, e.g. "
        + missing.stream().limit(5).toList() + "; kills " + kills);
    assertTrue(kills.size() >= 5, "kills: " + kills);
  }

  private static void produce(Population population, AtomicInteger sent) {
    String runId = "kill-" + Records.uuid().substring(0, 8);
    try (KafkaProducer<String, Complaint> kp = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(),
        catalog.complaints().valueSerde().serializer())) {
      long started = System.nanoTime();
      for (int n = 0; n < COMPLAINTS; n++) {
        Complaint c = population.complaint(runId, n);
        kp.send(new ProducerRecord<>(catalog.complaints().name(), c.getClientKey(), c));
        sent.incrementAndGet();
        // about 250 a second: a busy contact center, spread over the kills
        long due = started + n * 4_000_000L;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
      }
      kp.flush();
    }
  }
}
