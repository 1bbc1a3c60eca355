package com.complaintflow.bench.scenario;

import com.complaintflow.bench.data.DataSet;
import com.complaintflow.bench.processor.AlertCollector;
import com.complaintflow.bench.processor.AlertCollector.Breach;
import com.complaintflow.bench.processor.BreachRun;
import com.complaintflow.bench.processor.DeadlineProbe;
import com.complaintflow.bench.stats.Figure;
import com.complaintflow.bench.stats.Goal;
import com.complaintflow.bench.stats.ScenarioResult;
import com.complaintflow.bench.stats.Stats;
import com.complaintflow.processor.ComplaintFlowTopology;
import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ThreadRefs;
import com.complaintflow.schemas.topics.Topic;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Breach detection delay at scale. The full topology runs in one child JVM for the whole scenario
 * (SLA policy: first response {@value #TARGET_HOURS} h on the built-in 24x7 calendar, no warnings,
 * resolution and unassigned clocks far beyond the run; the alerts topic with LogAppendTime). Each
 * repetition is one batch of N new cases whose first-response deadlines are spread evenly over a
 * window W that starts after the batch has been loaded: complaint i of the batch is dated
 * {@code W0 + i * W / N - target}, so its deadline is {@code W0 + i * W / N}. The batch is produced,
 * the scenario waits until every stage of the topology has processed it (observed from outside as
 * in the throughput runs), then
 *
 * <ol>
 *   <li>during the quiet time up to W0 (every case of every batch open, nothing due) the child's
 *       {@code DeadlineProbe} times every scan of the deadline index: the cost of one punctuation
 *       with nothing due;</li>
 *   <li>from W0 on, every SLA_BREACH alert is read back read_committed, and its delay is the
 *       broker's append time of the alert record minus the alert's {@code dueAt}: p50, p99 and max
 *       over all alerts of the batch. Every case must yield exactly one first-response breach alert:
 *       a missing, doubled or early alert is reported as a failure.</li>
 * </ol>
 *
 * The warm-up batch is checked the same way but not measured. The lead time before W0 is taken
 * from the previous batch's load time; a measured batch whose loading ran into its own window
 * (its first deadlines then wait behind the backlog) is repeated, at most twice.
 */
public final class BreachDelayScenario implements Scenario {
  public static final String NAME = "breach-delay";
  static final int TARGET_HOURS = 1;
  static final Duration TARGET = Duration.ofHours(TARGET_HOURS);
  static final List<String> JVM = ProcessorScenarios.JVM;
  static final int MAX_EXTRA_BATCHES = 2;

  @Override
  public List<String> names() {
    return List.of(NAME);
  }

  /** The SLA settings of the scenario: only the first-response deadline falls due during the run. */
  static Map<String, String> slaSettings(List<String> supervisors) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("sla.default.calendar", "24x7");
    m.put("sla.policy.default.first-response", TARGET_HOURS + "h");
    m.put("sla.policy.default.next-response", TARGET_HOURS + "h");
    m.put("sla.policy.default.resolution", "100h");
    m.put("sla.warnings", "none");
    m.put("sla.unassigned.after", "100h");
    for (String team : DataSet.TEAMS) {
      m.put("team." + team + ".supervisors", String.join(",", supervisors));
    }
    return m;
  }

  /** One batch: its cases and window, and what was measured. */
  record Batch(String label, boolean measured, int cases, long windowStartMillis, long windowEndMillis,
      double loadSeconds, double quietSeconds, boolean overran, DeadlineProbe.Snapshot quiet, long[] delays,
      long[] builtDelays, int seen, int duplicates, int early, int notAppendTime) {}

  @Override
  public List<ScenarioResult> run(BenchContext ctx, List<String> selected) throws Exception {
    TopicCatalog catalog = ctx.stack().catalog();
    String presence = slaTopologyPresence(catalog);
    if (presence != null) {
      return List.of(ScenarioResult.skipped(NAME, presence));
    }
    BenchSettings s = ctx.settings();
    int n = s.breachCases();
    long windowMillis = s.breachWindowSeconds() * 1000L;
    Duration quietWanted = Duration.ofMillis(s.quick() ? 1_000 : 10_000);
    Duration settle = Duration.ofMillis(s.quick() ? 500 : 3_000);
    String supervisor = ctx.stack().endpoints().mail().supervisors().get(0).address();
    ScenarioResult result = new ScenarioResult(NAME);
    List<Batch> measured = new ArrayList<>();
    List<Batch> all = new ArrayList<>();
    Duration loadTimeout = Duration.ofSeconds(120 + n / 50);
    try (BreachRun run = new BreachRun(ctx.stack(), ctx.workDir().resolve("breach"), "r" + System.currentTimeMillis()
        % 100_000)) {
      long t0 = System.nanoTime();
      run.start(slaSettings(List.of(supervisor)), ctx.processorSettings(), JVM, Duration.ofSeconds(180));
      ctx.progress("full topology running after %.1f s (application %s)", (System.nanoTime() - t0) / 1e9,
          run.applicationId());
      try (AlertCollector alerts = new AlertCollector(ctx.stack().bootstrapServers(), run.alertsTopic(),
          catalog.alerts())) {
        long total = 0;
        // first batch: the JVM is cold; assume a slow 100 complaints/s
        Duration lead = quietWanted.plusSeconds((s.quick() ? 2 : 5) + n / 100);
        int batchNo = 0;
        int extra = 0;
        while (measured.size() < s.repetitions()) {
          boolean warmup = batchNo < s.warmups();
          String label = warmup ? "warm-up " + (batchNo + 1) : "repetition " + (measured.size() + 1)
              + (extra > 0 ? " (attempt " + (extra + 1) + ")" : "");
          total += n;
          Batch b = batch(ctx, run, alerts, catalog.complaints(), label, !warmup, batchNo, n, windowMillis, lead,
              settle, total, loadTimeout);
          all.add(b);
          report(ctx, b);
          check(result, b, n);
          batchNo++;
          // next lead: the load time seen, with room, plus the quiet time wanted
          lead = quietWanted.plusMillis((long) (b.loadSeconds() * (s.quick() ? 1300 : 1500))
              + (s.quick() ? 300 : 2000));
          if (warmup) {
            continue;
          }
          if (b.overran()) {
            if (extra >= MAX_EXTRA_BATCHES) {
              result.fail(String.format("loading a batch of %,d cases ran into its own deadline window %d times;"
                  + " the machine cannot load the batch in the lead time given", n, extra + 1));
              break;
            }
            extra++;
            ctx.progress("%s: loading ran into the deadline window; repeating the batch with a longer lead", label);
            continue;
          }
          extra = 0;
          measured.add(b);
        }
        Map<?, Long> others = alerts.otherKinds();
        result.note("other alerts on the topic (not measured): " + (others.isEmpty() ? "none" : others.toString()));
      }
    }
    if (measured.isEmpty()) {
      result.skip("no batch could be measured" + (result.isFailed() ? ": " + result.failures() : ""));
      return List.of(result);
    }
    long totalCases = (long) n * all.size();
    // the settings the child ran with, defaults included (they change between versions)
    Map<String, Object> childSettings = new LinkedHashMap<>(slaSettings(List.of(supervisor)));
    childSettings.putAll(ctx.processorSettings());
    ProcessorConfig effective = new ProcessorConfig(childSettings);
    result.parameter("casesPerRepetition", n)
        .parameter("windowSeconds", s.breachWindowSeconds())
        .parameter("batchesLoaded", all.size())
        .parameter("openCasesAtLastMeasurement", totalCases)
        .parameter("firstResponseTarget", TARGET_HOURS + "h (24x7)")
        .parameter("childJvm", String.join(" ", JVM))
        .parameter("processorSettings", ctx.processorSettings().isEmpty() ? "defaults"
            : new java.util.TreeMap<>(ctx.processorSettings()).toString())
        .parameter("slaPunctuationIntervalMs", effective.slaSettings().punctuationInterval().toMillis())
        .parameter("commitIntervalMs", effective.commitInterval().toMillis())
        .add(Figure.of("alert delay p50 (deadline -> broker append)", "ms", values(measured, b -> pct(b.delays(), 50))))
        .add(Figure.of("alert delay p99", "ms", values(measured, b -> pct(b.delays(), 99)))
            .withGoal(Goal.below(1000, "p99 < 1 s"), false))
        .add(Figure.of("alert delay max", "ms", values(measured, b -> pct(b.delays(), 100))))
        .add(Figure.of("of which deadline -> alert built, p99", "ms", values(measured, b -> pct(b.builtDelays(), 99))))
        .add(Figure.of("punctuation, nothing due: deadline scan p50", "us",
            values(measured, b -> b.quiet().p50Nanos() / 1000.0)))
        .add(Figure.of("punctuation, nothing due: deadline scan p99", "us",
            values(measured, b -> b.quiet().p99Nanos() / 1000.0)))
        .note(String.format("%,d cases per repetition, their first-response deadlines spread evenly over %d s; alerts"
            + " expected %s, seen %s (per repetition, warm-up first); open cases when the last repetition was"
            + " measured: %,d", n, s.breachWindowSeconds(), join(all, b -> n), join(all, Batch::seen), totalCases))
        .note(String.format("delay = LogAppendTime of the alert record - Alert.dueAt, all alerts of a repetition,"
            + " read_committed; 'built' = Alert.createdAt - dueAt (the punctuation's lateness; the rest is the"
            + " exactly-once commit). Effective settings: sla.punctuation.interval %d ms, commit.interval.ms %d,"
            + " agents.check.interval.ms %d", effective.slaSettings().punctuationInterval().toMillis(),
            effective.commitInterval().toMillis(), effective.agentCheckInterval().toMillis()))
        .note(String.format("punctuation with nothing due: every scan of the deadline index between 'batch loaded'"
            + " and its first deadline, timed inside the child around the whole store stack (range() to close());"
            + " scans per repetition %s, entries read by them %s", join(measured, b -> b.quiet().emptyScans()),
            join(measured, b -> b.quiet().entriesRead())));
    return List.of(result);
  }

  Batch batch(BenchContext ctx, BreachRun run, AlertCollector alerts, Topic<String, Complaint> complaints,
      String label, boolean measured, int batchNo, int n, long windowMillis, Duration lead, Duration settle,
      long total, Duration loadTimeout) throws Exception {
    long produceStart = System.currentTimeMillis();
    long w0 = produceStart + lead.toMillis();
    long w1 = w0 + windowMillis;
    DataSet data = new DataSet(ctx.settings().clients(), 30, 4_200L + batchNo,
        Instant.ofEpochMilli(w0).minus(TARGET));
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<String, Complaint> producer = new KafkaProducer<>(ctx.stack().producerConfig(),
        complaints.keySerde().serializer(), complaints.valueSerde().serializer())) {
      int[] i = {0};
      data.complaints(n, c -> {
        long due = w0 + (long) i[0]++ * windowMillis / n;
        Instant received = Instant.ofEpochMilli(due).minus(TARGET);
        c.setReceivedAt(received);
        c.setSentAt(received.minusSeconds(30));
        if (c.getThread() != null) {
          // every complaint opens its own case: one first-response deadline each
          c.setThread(ThreadRefs.newBuilder(c.getThread()).setInReplyTo(null).setReferences(List.of()).build());
        }
        producer.send(new ProducerRecord<>(run.complaintsTopic(), c.getClientKey(), c), (m, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
      });
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("producing the breach batch failed: " + failure.get(), failure.get());
    }
    long loadedNanos = run.awaitLoaded(total, loadTimeout, m -> ctx.progress("%s", m));
    long loadedAt = System.currentTimeMillis() - (System.nanoTime() - loadedNanos) / 1_000_000;
    double loadSeconds = (loadedAt - produceStart) / 1000.0;
    boolean overran = loadedAt > w0 - 500;
    run.probe(); // drops the scans made while loading
    long quietStart = System.currentTimeMillis();
    sleepUntil(w0 - 200);
    DeadlineProbe.Snapshot quiet = run.probe();
    double quietSeconds = Math.max(0, (System.currentTimeMillis() - quietStart) / 1000.0);

    long graceMillis = 30_000 + n * 20L;
    long giveUp = w1 + graceMillis;
    while (System.currentTimeMillis() < giveUp && alerts.breachesDueBetween(w0, w1).size() < n) {
      Thread.sleep(200);
    }
    // a doubled alert would follow within a few punctuations and commits
    Thread.sleep(settle.toMillis());
    List<Breach> got = alerts.breachesDueBetween(w0, w1);
    Set<String> perCase = new HashSet<>();
    int duplicates = 0;
    int early = 0;
    int notAppendTime = 0;
    long[] delays = new long[got.size()];
    long[] built = new long[got.size()];
    for (int k = 0; k < got.size(); k++) {
      Breach b = got.get(k);
      if (!perCase.add(b.caseId() + "/" + b.target())) {
        duplicates++;
      }
      if (b.timestampType() != TimestampType.LOG_APPEND_TIME) {
        notAppendTime++;
      }
      delays[k] = b.appendedAtMillis() - b.dueAtMillis();
      built[k] = b.createdAtMillis() - b.dueAtMillis();
      if (delays[k] < 0) {
        early++;
      }
    }
    java.util.Arrays.sort(delays);
    java.util.Arrays.sort(built);
    return new Batch(label, measured, n, w0, w1, loadSeconds, quietSeconds, overran, quiet, delays, built,
        perCase.size(), duplicates, early, notAppendTime);
  }

  static void report(BenchContext ctx, Batch b) {
    String delays = b.delays().length == 0 ? "no alerts"
        : String.format("delay p50 %.0f ms, p99 %.0f ms, max %.0f ms", pct(b.delays(), 50), pct(b.delays(), 99),
            pct(b.delays(), 100));
    ctx.progress("%s: %,d cases loaded in %.1f s, quiet %.1f s (%d scans with nothing due, p50 %.1f us, %d entries"
            + " read); %,d of %,d breach alerts, %s%s", b.label(), b.cases(), b.loadSeconds(), b.quietSeconds(),
        b.quiet().emptyScans(), b.quiet().p50Nanos() / 1000.0, b.quiet().entriesRead(), b.seen(), b.cases(), delays,
        b.overran() ? "; LOADING RAN INTO THE WINDOW" : "");
  }

  static void check(ScenarioResult result, Batch b, int expected) {
    if (b.seen() < expected) {
      result.fail(String.format("%s: %,d of %,d breach alerts missing (not on the alerts topic %d s after the"
          + " window)", b.label(), expected - b.seen(), expected, 30 + expected * 20 / 1000));
    }
    if (b.seen() > expected) {
      result.fail(String.format("%s: %,d breach alerts for %,d cases", b.label(), b.seen(), expected));
    }
    if (b.duplicates() > 0) {
      result.fail(String.format("%s: %,d doubled breach alerts (same case and target)", b.label(), b.duplicates()));
    }
    if (b.early() > 0) {
      result.fail(String.format("%s: %,d alerts appended before their deadline", b.label(), b.early()));
    }
    if (b.notAppendTime() > 0) {
      result.fail(String.format("%s: %,d alert records without LogAppendTime", b.label(), b.notAppendTime()));
    }
  }

  static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN : Stats.percentileOfSorted(sorted, p);
  }

  private static List<Double> values(List<Batch> batches, java.util.function.ToDoubleFunction<Batch> f) {
    return batches.stream().map(f::applyAsDouble).toList();
  }

  private static String join(List<Batch> batches, java.util.function.ToLongFunction<Batch> f) {
    return String.join("/", batches.stream().map(b -> String.format("%,d", f.applyAsLong(b))).toList());
  }

  private static void sleepUntil(long epochMillis) throws InterruptedException {
    long wait = epochMillis - System.currentTimeMillis();
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

  /** Null when the SLA topology is present, else why the scenario cannot run. */
  static String slaTopologyPresence(TopicCatalog catalog) {
    TopologyDescription description;
    try {
      description = ComplaintFlowTopology.build(new ProcessorConfig(Map.of()), catalog).describe();
    } catch (RuntimeException e) {
      return "SLA topology not checkable: building the topology with default settings failed: " + e.getMessage();
    }
    String alerts = catalog.alerts().name();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Sink sink && alerts.equals(sink.topic())) {
          return null;
        }
      }
    }
    return "SLA topology not present: the processor's topology writes nothing to '" + alerts
        + "' (SLA clocks, deadline index and alert emission are not in stream-processor yet)";
  }
}
