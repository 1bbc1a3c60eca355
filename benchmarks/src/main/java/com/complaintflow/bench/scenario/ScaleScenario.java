package com.complaintflow.bench.scenario;

import com.complaintflow.bench.data.DataSet;
import com.complaintflow.bench.processor.AlertCollector;
import com.complaintflow.bench.processor.AlertCollector.Breach;
import com.complaintflow.bench.processor.BreachRun;
import com.complaintflow.bench.stats.Figure;
import com.complaintflow.bench.stats.Goal;
import com.complaintflow.bench.stats.ScenarioResult;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ThreadRefs;
import com.complaintflow.schemas.topics.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Scale: the full topology holding N open cases (N = {@code --records}; only run when named,
 * {@code --scenario scale}). One child JVM (the breach-delay scenario's settings: 24x7 calendar,
 * first response 1 h, no warnings) is given N complaints that each open a case, dated now, so that
 * nothing falls due during the run (it must end within the hour). Once every stage has processed
 * them it measures, with N cases open: heap after GC and RSS of the child, the state directory and
 * the changelogs on the broker per open case. Then a breach batch (deadlines spread over a window
 * after it is loaded, as in the breach-delay scenario) gives the alert delay with N open. Last, a
 * batch of cases whose deadlines fall 2 s after the child is killed (SIGKILL) and restarted at once
 * with the same state directory: the time from the kill to the first of their alerts on the broker
 * is the restore-to-first-alert figure (under exactly-once the stores of an unclean stop are
 * restored from their changelogs). Every breach alert must come exactly once, the restart
 * included. When the child cannot start again on its own state directory (it exits or reports
 * ERROR), that is a failure of the scenario, and the restore is then measured from a start on an
 * emptied state directory (every store from its changelog), from that start.
 */
public final class ScaleScenario implements Scenario {
  public static final String NAME = "scale";

  @Override
  public List<String> names() {
    return List.of(NAME);
  }

  @Override
  public List<ScenarioResult> run(BenchContext ctx, List<String> selected) throws Exception {
    long n = ctx.settings().records();
    String supervisor = ctx.stack().endpoints().mail().supervisors().get(0).address();
    ScenarioResult result = new ScenarioResult(NAME);
    Topic<String, Complaint> complaints = ctx.stack().catalog().complaints();
    try (BreachRun run = new BreachRun(ctx.stack(), ctx.workDir().resolve("scale"),
        "s" + System.currentTimeMillis() % 100_000)) {
      long t0 = System.nanoTime();
      run.start(BreachDelayScenario.slaSettings(List.of(supervisor)), ctx.processorSettings(),
          BreachDelayScenario.JVM, Duration.ofSeconds(180));
      ctx.progress("full topology running after %.1f s (application %s)", (System.nanoTime() - t0) / 1e9,
          run.applicationId());
      try (AlertCollector alerts = new AlertCollector(ctx.stack().bootstrapServers(), run.alertsTopic(),
          ctx.stack().catalog().alerts())) {
        // 1. N open cases
        long produceStart = System.currentTimeMillis();
        produce(ctx, run, complaints, n, 7_700L, i -> produceStart);
        double produced = (System.currentTimeMillis() - produceStart) / 1000.0;
        ctx.progress("produced %,d complaints in %.1f s; loading", n, produced);
        long loaded = run.awaitLoaded(n, Duration.ofSeconds(300 + n / 200), m -> ctx.progress("%s", m));
        double loadSeconds = (System.currentTimeMillis() - (System.nanoTime() - loaded) / 1_000_000
            - produceStart) / 1000.0;
        double rate = n / loadSeconds;
        long[] memory = run.memory();
        long stateDir = directorySize(run.stateDir());
        long changelogs = changelogBytes(ctx, run.applicationId());
        ctx.progress("%,d open cases loaded in %.1f s (%,.0f complaints/s from the first record produced): heap after"
                + " GC %.1f MiB (committed %.0f MiB), RSS %.0f MiB, state directory %,.0f B and changelogs %,.0f B per"
                + " open case", n, loadSeconds, rate, memory[0] / 1048576.0, memory[1] / 1048576.0,
            memory[2] / 1048576.0, stateDir / (double) n, changelogs / (double) n);

        // 2. breach delay with N open
        int m = (int) Math.min(2_000, Math.max(60, n / 100));
        long windowMillis = Math.max(5_000, m * 4L);
        Duration lead = Duration.ofMillis((long) (m / rate * 1500) + 10_000);
        BreachDelayScenario breach = new BreachDelayScenario();
        BreachDelayScenario.Batch b = breach.batch(ctx, run, alerts, complaints, "breach batch with " + n + " open",
            true, 0, m, windowMillis, lead, Duration.ofSeconds(3), n + m, Duration.ofSeconds(300));
        BreachDelayScenario.report(ctx, b);
        BreachDelayScenario.check(result, b, m);

        // 3. SIGKILL, restart, restore: the first alert due while it was down
        int k = (int) Math.min(500, Math.max(20, n / 1000));
        long restoreLead = (long) (k / rate * 1500) + 8_000;
        long due = System.currentTimeMillis() + restoreLead;
        produce(ctx, run, complaints, k, 9_900L, i -> due + i * 1_000L / k - BreachDelayScenario.TARGET.toMillis());
        run.awaitLoaded(n + m + k, Duration.ofSeconds(300), x -> ctx.progress("%s", x));
        long killAt = due - 2_000;
        if (System.currentTimeMillis() > killAt) {
          result.fail("the restore batch was loaded after its kill time; the figure would not be a restore");
        }
        sleepUntil(killAt);
        long killedAt = run.kill();
        long restartFrom = killedAt;
        boolean wiped = false;
        long runningAt;
        try {
          runningAt = run.restart(false, Duration.ofSeconds(600));
        } catch (java.io.IOException e) {
          // the product as it is could not come back on its own state directory: say so, and measure
          // the restore from the changelogs alone (an emptied state directory) instead
          result.fail(String.format("restart on its own state directory after SIGKILL with %,d open cases failed: %s"
              + " (log: %s)", n + m + k, e.getMessage(), run.restartLog(run.restarts())));
          ctx.progress("restart on the same state directory FAILED (%s, log %s); restarting on an emptied state"
              + " directory", e.getMessage(), run.restartLog(run.restarts()));
          wiped = true;
          restartFrom = System.currentTimeMillis();
          runningAt = run.restart(true, Duration.ofSeconds(600));
        }
        ctx.progress("killed (SIGKILL) with %,d open cases; running again %.1f s after %s; waiting for the %,d"
            + " alerts due 2-3 s after the kill", n + m + k, (runningAt - restartFrom) / 1000.0,
            wiped ? "the start on an emptied state directory" : "the kill", k);
        long giveUp = System.currentTimeMillis() + 600_000;
        while (System.currentTimeMillis() < giveUp && alerts.breachesDueBetween(due, due + 1_000).size() < k) {
          Thread.sleep(100);
        }
        Thread.sleep(3_000);
        List<Breach> after = alerts.breachesDueBetween(due, due + 1_000);
        long first = after.stream().mapToLong(Breach::appendedAtMillis).min().orElse(-1);
        long last = after.stream().mapToLong(Breach::appendedAtMillis).max().orElse(-1);
        double restoreSeconds = first < 0 ? Double.NaN : (first - restartFrom) / 1000.0;
        Set<String> cases = new HashSet<>();
        after.forEach(x -> cases.add(x.caseId() + "/" + x.target()));
        if (cases.size() < k) {
          result.fail(String.format("%,d of %,d alerts due during the restart missing", k - cases.size(), k));
        }
        if (after.size() > cases.size()) {
          result.fail(String.format("%,d alerts due during the restart doubled", after.size() - cases.size()));
        }
        List<Breach> again = alerts.breachesDueBetween(b.windowStartMillis(), b.windowEndMillis());
        Set<String> earlier = new HashSet<>();
        again.forEach(x -> earlier.add(x.caseId() + "/" + x.target()));
        if (again.size() != earlier.size()) {
          result.fail(String.format("%,d alerts of the breach batch sent again after the restart",
              again.size() - earlier.size()));
        }
        ctx.progress("restart: first alert %.1f s after %s, all %,d by %.1f s; %,d doubled; breach batch alerts"
                + " after the restart %,d for %,d cases", restoreSeconds,
            wiped ? "the start on an emptied state directory" : "the kill", after.size(),
            last < 0 ? Double.NaN : (last - restartFrom) / 1000.0, after.size() - cases.size(),
            again.size(), earlier.size());

        result.parameter("openCases", n)
            .parameter("clients", ctx.settings().clients())
            .parameter("loadSeconds", loadSeconds)
            .parameter("breachBatch", m)
            .parameter("restoreBatch", k)
            .parameter("childJvm", String.join(" ", BreachDelayScenario.JVM))
            .add(Figure.of("open cases loaded: complaints/s", "rec/s", List.of(rate)))
            .add(Figure.of("heap after GC with N open", "MiB", List.of(memory[0] / 1048576.0))
                .withGoal(Goal.below(512, "heap < 512 MiB"), false))
            .add(Figure.of("process RSS with N open", "MiB", List.of(memory[2] / 1048576.0)))
            .add(Figure.of("state directory per open case", "B", List.of(stateDir / (double) n))
                .withGoal(Goal.below(600, "<= 600 B"), false))
            .add(Figure.of("changelogs on the broker per open case", "B", List.of(changelogs / (double) n)))
            .add(Figure.of("breach alert delay p99 with N open", "ms",
                List.of(BreachDelayScenario.pct(b.delays(), 99))).withGoal(Goal.below(300, "p99 < 300 ms"), false))
            .add(Figure.of("breach alert delay p50 with N open", "ms", List.of(BreachDelayScenario.pct(b.delays(), 50))))
            .add(Figure.of(wiped ? "emptied state dir: start -> first alert" : "SIGKILL -> first alert after restart",
                "s", List.of(restoreSeconds)).withGoal(Goal.below(60, "< 60 s"), false))
            .add(Figure.of(wiped ? "emptied state dir: start -> RUNNING" : "SIGKILL -> Kafka Streams RUNNING again",
                "s", List.of((runningAt - restartFrom) / 1000.0)))
            .note(String.format("%,d open cases (each complaint opens one; %,d clients), loaded in %.0f s; one run,"
                + " no repetition; breach batch of %,d cases over %.0f s; restore batch of %,d cases due 2-3 s after"
                + " the SIGKILL", n, ctx.settings().clients(), loadSeconds, m, windowMillis / 1000.0, k));
      }
    }
    return List.of(result);
  }

  private static void produce(BenchContext ctx, BreachRun run, Topic<String, Complaint> complaints, long count,
      long seed, java.util.function.LongUnaryOperator receivedAt) {
    DataSet data = new DataSet(ctx.settings().clients(), 30, seed, Instant.now());
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<String, Complaint> producer = new KafkaProducer<>(ctx.stack().producerConfig(),
        complaints.keySerde().serializer(), complaints.valueSerde().serializer())) {
      long[] i = {0};
      data.complaints(count, c -> {
        Instant received = Instant.ofEpochMilli(receivedAt.applyAsLong(i[0]++));
        c.setReceivedAt(received);
        c.setSentAt(received.minusSeconds(30));
        if (c.getThread() != null) {
          // every complaint opens its own case
          c.setThread(ThreadRefs.newBuilder(c.getThread()).setInReplyTo(null).setReferences(List.of()).build());
        }
        producer.send(new ProducerRecord<>(run.complaintsTopic(), c.getClientKey(), c), (md, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
      });
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing failed: " + failure.get(), failure.get());
    }
  }

  static long changelogBytes(BenchContext ctx, String applicationId) throws Exception {
    List<Integer> brokers = ctx.stack().admin().describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
        .map(org.apache.kafka.common.Node::id).toList();
    long[] sum = {0};
    ctx.stack().admin().describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS).values()
        .forEach(dirs -> dirs.values().forEach(d -> d.replicaInfos().forEach((tp, info) -> {
          if (tp.topic().startsWith(applicationId + "-") && tp.topic().endsWith("-changelog")) {
            sum[0] += info.size();
          }
        })));
    return sum[0];
  }

  static long directorySize(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (java.io.IOException e) {
          return 0L;
        }
      }).sum();
    }
  }

  private static void sleepUntil(long epochMillis) throws InterruptedException {
    long wait = epochMillis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }
}
