package com.complaintflow.bench.scenario;

import com.complaintflow.bench.data.DataLoader;
import com.complaintflow.bench.data.DataSet;
import com.complaintflow.bench.footprint.FootprintMain;
import com.complaintflow.bench.skeleton.SkeletonProfile;
import com.complaintflow.bench.processor.ProcessorRun;
import com.complaintflow.bench.processor.ProcessorRun.Mode;
import com.complaintflow.bench.processor.ProcessorRun.Result;
import com.complaintflow.bench.profile.JfrSummary;
import com.complaintflow.bench.stats.Figure;
import com.complaintflow.bench.stats.Goal;
import com.complaintflow.bench.stats.ScenarioResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Throughput, memory and replay, from one series of runs: every repetition starts the passthrough
 * baseline, the I/O skeleton (the full topology's shape and bytes without its logic, see
 * {@link com.complaintflow.bench.skeleton.SkeletonTopology}) and then the full topology, each with a fresh application id, over the same
 * pre-produced complaints on the same broker. Each run is therefore a replay from the start (its
 * wall time from JVM start to caught up is the replay figure), its steady rate is the throughput
 * figure, and once caught up it holds every case open, which is when heap, RSS and state
 * directory are measured. Alternating baseline and subject inside each repetition keeps drift of
 * a shared machine out of the ratio.
 */
public final class ProcessorScenarios implements Scenario {
  public static final String THROUGHPUT = "throughput";
  public static final String MEMORY = "memory";
  public static final String REPLAY = "replay";
  static final List<String> JVM = List.of("-Xmx1g", "-XX:+UseG1GC");
  /** Complaints of the footprint run that gives the I/O skeleton its figures. */
  static final long PROFILE_SAMPLE = 20_000;

  @Override
  public List<String> names() {
    return List.of(THROUGHPUT, MEMORY, REPLAY);
  }

  @Override
  public List<ScenarioResult> run(BenchContext ctx, List<String> selected) throws Exception {
    long n = ctx.settings().records();
    ctx.progress("producing %,d complaints (%,d clients already loaded)", n, ctx.settings().clients());
    long t0 = System.nanoTime();
    DataSet.Summary summary = DataLoader.loadComplaints(ctx.stack(), ctx.data(), n);
    ctx.progress("produced in %.1f s: %,d follow-ups, %,d from unknown contacts",
        (System.nanoTime() - t0) / 1e9, summary.followUps(), summary.unknownContacts());
    long inputRecords = endOffsets(ctx, ctx.stack().catalog().complaints().name());

    ProcessorRun runner = new ProcessorRun(ctx.stack(), ctx.workDir().resolve("processor"), JVM,
        ctx.processorSettings());
    long sample = Math.min(n, PROFILE_SAMPLE);
    ctx.progress("profiling the full topology for the I/O skeleton: footprint of %,d complaints"
        + " (TopologyTestDriver, no broker)", sample);
    t0 = System.nanoTime();
    FootprintMain.Result footprint = FootprintMain.run("full", sample, 1_000, 100, ctx.processorSettings());
    SkeletonProfile profile = SkeletonProfile.from(footprint);
    runner.skeletonProfile(profile.toLine());
    ctx.progress("profiled in %.1f s: %.2f records and %,.0f B produced per complaint; the skeleton writes per"
        + " complaint:%n%s", (System.nanoTime() - t0) / 1e9, footprint.records() / (double) sample,
        footprint.bytes() / (double) sample, profile.describe());
    // generous: a 2-core machine at its slowest should still do 1,000 records/s
    Duration timeout = Duration.ofSeconds(120 + inputRecords / 1000);
    List<Result> baseline = new ArrayList<>();
    List<Result> skeleton = new ArrayList<>();
    List<Result> subject = new ArrayList<>();
    int warmups = ctx.settings().processorWarmups();
    int total = warmups + ctx.settings().processorRepetitions();
    for (int rep = 0; rep < total; rep++) {
      boolean warmup = rep < warmups;
      String label = warmup ? "warm-up " + (rep + 1) : "repetition " + (rep - warmups + 1);
      Result b = runner.run(Mode.PASSTHROUGH, "r" + rep, inputRecords, timeout, List.of(), m -> ctx.progress("%s", m));
      ctx.progress("%s: passthrough %,.0f records/s, caught up after %.1f s", label, b.recordsPerSecond(),
          b.wallSeconds());
      Result k = runner.run(Mode.SKELETON, "r" + rep, inputRecords, timeout, List.of(), m -> ctx.progress("%s", m));
      ctx.progress("%s: I/O skeleton %,.0f records/s, caught up after %.1f s, produced %.2f records and %,.0f B per"
          + " complaint", label, k.recordsPerSecond(), k.wallSeconds(), k.producedRecords() / (double) inputRecords,
          k.producedBytes() / (double) inputRecords);
      boolean profileThis = ctx.profile() && rep == total - 1;
      Path jfr = ctx.resultsDir().resolve("full-topology.jfr");
      List<String> extra = profileThis
          ? List.of("-XX:StartFlightRecording=settings=profile,filename=" + jfr + ",dumponexit=true")
          : List.of();
      Result s = runner.run(Mode.FULL, "r" + rep, inputRecords, timeout, extra, m -> ctx.progress("%s", m));
      ctx.progress("%s: full topology %,.0f records/s, caught up after %.1f s, heap %.0f MiB, RSS %.0f MiB,"
          + " produced %.2f records and %,.0f B per complaint (ratio to the passthrough %.3f, to the skeleton %.3f)",
          label, s.recordsPerSecond(), s.wallSeconds(), s.heapAfterGcMiB(), s.rssMiB(),
          s.producedRecords() / (double) inputRecords, s.producedBytes() / (double) inputRecords,
          s.recordsPerSecond() / b.recordsPerSecond(),
          s.recordsPerSecond() / k.recordsPerSecond());
      if (profileThis) {
        ctx.progress("profile of the last full-topology run: %s", jfr);
        ctx.out().println(JfrSummary.summarize(jfr, 25));
      }
      if (!warmup) {
        baseline.add(b);
        skeleton.add(k);
        subject.add(s);
      }
    }
    long openCases = summary.complaints() - summary.followUps();
    List<ScenarioResult> results = new ArrayList<>();
    for (String name : selected) {
      ScenarioResult r = new ScenarioResult(name)
          .parameter("records", inputRecords)
          .parameter("clients", ctx.settings().clients())
          .parameter("partitions", ctx.stack().partitions())
          .parameter("followUps", summary.followUps())
          .parameter("unknownContacts", summary.unknownContacts())
          .parameter("childJvm", String.join(" ", JVM))
          .parameter("processorSettings", ctx.processorSettings().isEmpty() ? "defaults"
              : new java.util.TreeMap<>(ctx.processorSettings()).toString());
      switch (name) {
        case THROUGHPUT -> r
            .add(Figure.paired("records/s (full vs passthrough)", "rec/s", values(subject, Result::recordsPerSecond),
                values(baseline, Result::recordsPerSecond))
                .withGoal(Goal.atLeast(0.25, "ratio >= 0.25"), true))
            .add(Figure.paired("records/s (full vs I/O skeleton)", "rec/s", values(subject, Result::recordsPerSecond),
                values(skeleton, Result::recordsPerSecond)))
            .add(Figure.paired("records/s (I/O skeleton vs passthrough)", "rec/s",
                values(skeleton, Result::recordsPerSecond), values(baseline, Result::recordsPerSecond)))
            .add(Figure.paired("bytes produced per complaint (full vs I/O skeleton)", "B",
                values(subject, x -> x.producedBytes() / (double) inputRecords),
                values(skeleton, x -> x.producedBytes() / (double) inputRecords)))
            .add(Figure.paired("records produced per complaint (full vs I/O skeleton)", "rec",
                values(subject, x -> x.producedRecords() / (double) inputRecords),
                values(skeleton, x -> x.producedRecords() / (double) inputRecords)))
            .add(Figure.of("bytes produced per complaint, passthrough", "B",
                values(baseline, x -> x.producedBytes() / (double) inputRecords)))
            .parameter("skeletonProfileSample", sample)
            .parameter("skeletonProfile", profile.toLine())
            .parameter("footprintRecordsPerComplaint", footprint.records() / (double) sample)
            .parameter("footprintBytesPerComplaint", footprint.bytes() / (double) sample)
            .note(String.format("%,d complaints, %d partitions, exactly_once_v2, commit.interval.ms 100;"
                + " rate = records / (first record out of the first stage .. every stage caught up); I/O skeleton ="
                + " the full topology's sub-topologies, hops and stores writing per complaint the records and sizes"
                + " its footprint (TopologyTestDriver, %,d complaints) measured, without logic",
                inputRecords, ctx.stack().partitions(), sample));
        case MEMORY -> r
            .add(Figure.paired("heap after GC, full (baseline: passthrough)", "MiB",
                values(subject, Result::heapAfterGcMiB), values(baseline, Result::heapAfterGcMiB))
                .withGoal(Goal.below(512, "heap < 512 MiB"), false))
            .add(Figure.paired("process RSS", "MiB", values(subject, Result::rssMiB), values(baseline, Result::rssMiB)))
            .add(Figure.of("state directory", "MiB", values(subject, Result::stateDirMiB)))
            .parameter("openCases", openCases)
            .note(String.format("measured once caught up, holding %,d open cases (no case is resolved);"
                + " child JVM %s, heap = used after System.gc() twice", openCases, String.join(" ", JVM)));
        case REPLAY -> r
            .add(Figure.paired("wall time to caught up, fresh application id", "s",
                values(subject, Result::wallSeconds), values(baseline, Result::wallSeconds)))
            .note(String.format("%,d historical complaints from offset 0; JVM start, global-table restore of %,d"
                + " clients and rebalance included", inputRecords, ctx.settings().clients()));
        default -> throw new IllegalArgumentException(name);
      }
      results.add(r);
    }
    return results;
  }

  static List<Double> values(List<Result> results, java.util.function.ToDoubleFunction<Result> f) {
    return results.stream().map(r -> f.applyAsDouble(r)).toList();
  }

  static long endOffsets(BenchContext ctx, String topic) throws Exception {
    var description = ctx.stack().admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
    description.get(topic).partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()),
        OffsetSpec.latest()));
    return ctx.stack().admin().listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
        .mapToLong(i -> i.offset()).sum();
  }
}
