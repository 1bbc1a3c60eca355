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
   * What one repetition measured; {@code brokerBytes}: growth of the broker's logs during the run
   * (every topic but the input and the broker's own {@code __} topics; record batches, transaction
   * markers and all, less anything the log cleaner compacted meanwhile).
   */
  public record Result(Mode mode, long records, double recordsPerSecond, double wallSeconds,
      double heapAfterGcMiB, double rssMiB, double stateDirMiB, long brokerBytes) {}

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
    java.util.Map<org.apache.kafka.common.TopicPartition, Long> logsBefore = logSizes(input);
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
      long grown = 0;
      for (java.util.Map.Entry<org.apache.kafka.common.TopicPartition, Long> e : logSizes(input).entrySet()) {
        grown += e.getValue() - logsBefore.getOrDefault(e.getKey(), 0L);
      }
      return new Result(mode, inputRecords, rate, wall, heap, rss, state, grown);
    }
  }

  /** Size of every partition's log on the broker, but the input's and the broker's own topics. */
  java.util.Map<org.apache.kafka.common.TopicPartition, Long> logSizes(String input) throws Exception {
    java.util.Map<org.apache.kafka.common.TopicPartition, Long> out = new java.util.HashMap<>();
    List<Integer> brokers = stack.admin().describeCluster().nodes().get(30, java.util.concurrent.TimeUnit.SECONDS)
        .stream().map(org.apache.kafka.common.Node::id).toList();
    stack.admin().describeLogDirs(brokers).allDescriptions().get(30, java.util.concurrent.TimeUnit.SECONDS)
        .values().forEach(dirs -> dirs.values().forEach(d -> d.replicaInfos().forEach((tp, info) -> {
          if (!tp.topic().equals(input) && !tp.topic().startsWith("__")) {
            out.merge(tp, info.size(), Long::sum);
          }
        })));
    return out;
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
