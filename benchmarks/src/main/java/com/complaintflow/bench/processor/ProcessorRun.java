package com.complaintflow.bench.processor;

import com.complaintflow.bench.stack.BenchStack;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One repetition of one application (full topology or passthrough) over the pre-produced
 * complaints: a fresh application id and state directory (so it reprocesses from the start), a
 * child JVM, completion observed through the group's offsets, then memory and state size while
 * it still holds everything, then a clean stop.
 */
public final class ProcessorRun {
  public enum Mode { FULL, PASSTHROUGH, SKELETON }

  /**
   * What one repetition measured; {@code producedRecords} and {@code producedBytes}: what the
   * application's producers sent to every topic (changelogs, repartitions, outputs) until caught up,
   * as record batches (the producer's per-topic metrics).
   */
  public record Result(Mode mode, long records, double recordsPerSecond, double wallSeconds,
      double heapAfterGcMiB, double rssMiB, double stateDirMiB, long producedRecords, long producedBytes) {}

  private final BenchStack stack;
  private final Path workDir;
  private final List<String> jvmOptions;
  private final java.util.Map<String, String> settings;
  private String skeletonProfile;

  /** {@code settings}: stream-processor settings for both modes, applied after the run's own. */
  public ProcessorRun(BenchStack stack, Path workDir, List<String> jvmOptions, java.util.Map<String, String> settings) {
    this.stack = stack;
    this.workDir = workDir;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.settings = java.util.Map.copyOf(settings);
  }

  /** The profile the skeleton runs with ({@link com.complaintflow.bench.skeleton.SkeletonProfile#toLine()}). */
  public void skeletonProfile(String profile) {
    this.skeletonProfile = profile;
  }

  public Result run(Mode mode, String runId, long inputRecords, Duration timeout, List<String> extraJvmOptions,
      java.util.function.Consumer<String> progressOut)
      throws Exception {
    String appId = "bench-" + mode.name().toLowerCase() + "-" + runId;
    Path dir = workDir.resolve(appId);
    Path stateDir = dir.resolve("state");
    Files.createDirectories(stateDir);
    Properties p = new Properties();
    p.setProperty("application.id", appId);
    p.setProperty("kafka.bootstrap.servers", stack.bootstrapServers());
    p.setProperty("schema.registry.url", stack.registryUrl());
    p.setProperty("state.dir", stateDir.toString());
    p.setProperty("internal.topic.replication.factor", "1");
    p.setProperty("internal.topic.partitions", Integer.toString(stack.partitions()));
    settings.forEach(p::setProperty);
    String outTopic = appId + "-out";
    if (mode == Mode.PASSTHROUGH) {
      stack.createTopic(outTopic, stack.partitions(), java.util.Map.of());
      stack.awaitLeaders(outTopic);
      p.setProperty(ProcessorChild.PASSTHROUGH_TOPIC_CONFIG, outTopic);
    }
    if (mode == Mode.SKELETON) {
      if (skeletonProfile == null) {
        throw new IllegalStateException("the skeleton needs a profile");
      }
      p.setProperty(ProcessorChild.SKELETON_PROFILE_CONFIG, skeletonProfile);
    }
    Path config = dir.resolve("processor.properties");
    try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      p.store(out, "benchmark run " + appId);
    }
    List<String> options = new ArrayList<>(jvmOptions);
    options.addAll(extraJvmOptions);
    options.add("-Dlogback.configurationFile=" + System.getProperty("bench.child.logback",
        "com/complaintflow/bench/child-logback.xml"));
    String input = stack.catalog().complaints().name();
    try (ChildProcess child = ChildProcess.start(options, ProcessorChild.class.getName(),
        List.of(mode.name().toLowerCase(java.util.Locale.ROOT), config.toString()), dir.resolve("child.log"))) {
      // the first stage's output holds one record per input: the passthrough's output topic, the full
      // topology's repartition by client (after dedupe and identity)
      String firstStage = mode == Mode.PASSTHROUGH ? outTopic : appId + "-complaints-by-client-repartition";
      GroupProgress.Completion done;
      try (RecordCounter counter = new RecordCounter(stack.bootstrapServers(), firstStage)) {
        done = new GroupProgress(stack.admin(), appId, input)
            .await(inputRecords, counter, timeout, child::isAlive, progressOut);
      }
      double seconds = (done.doneNanos() - done.firstProgressNanos()) / 1e9;
      double rate = seconds > 0 ? inputRecords / seconds : Double.NaN;
      double wall = (done.doneNanos() - child.startedNanos()) / 1e9;
      child.send("memory");
      String[] mem = child.await("MEMORY", Duration.ofSeconds(60)).split(" ");
      double heap = Long.parseLong(mem[1]) / 1048576.0;
      double rss = Long.parseLong(mem[3]) / 1048576.0;
      double state = directorySize(stateDir) / 1048576.0;
      child.send("produced");
      String[] produced = child.await("PRODUCED", Duration.ofSeconds(60)).split(" ");
      return new Result(mode, inputRecords, rate, wall, heap, rss, state, Long.parseLong(produced[1]),
          Long.parseLong(produced[2]));
    }
  }

  static long directorySize(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0L;
        }
      }).sum();
    }
  }
}
