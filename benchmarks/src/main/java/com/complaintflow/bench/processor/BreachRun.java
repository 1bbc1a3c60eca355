package com.complaintflow.bench.processor;

import com.complaintflow.bench.stack.BenchStack;
import com.complaintflow.schemas.topics.TopicName;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The full topology in one child JVM ({@code ProcessorChild breach}) for the whole breach-delay
 * scenario: its own complaints topic (the batches of the scenario), its own alerts topic with
 * {@code message.timestamp.type=LogAppendTime} (so each alert carries the broker's append time),
 * the SLA settings of the scenario, and its deadline index timed by a {@link DeadlineProbe}.
 * Loading is observed from outside as in the throughput runs: a read_committed counter on the
 * {@code complaints-by-client} repartition topic (cumulative over the batches) and the group's
 * committed offsets of every internal topic reaching their end.
 */
public final class BreachRun implements AutoCloseable {
  private final BenchStack stack;
  private final String appId;
  private final String complaintsTopic;
  private final String alertsTopic;
  private final Path dir;
  private ChildProcess child;
  private RecordCounter firstStage;
  private Path config;
  private List<String> options;
  private int restarts;

  public BreachRun(BenchStack stack, Path workDir, String runId) {
    this.stack = stack;
    this.appId = "bench-breach-" + runId;
    this.complaintsTopic = appId + "-complaints";
    this.alertsTopic = appId + "-alerts";
    this.dir = workDir.resolve(appId);
  }

  public String complaintsTopic() {
    return complaintsTopic;
  }

  public String alertsTopic() {
    return alertsTopic;
  }

  public String applicationId() {
    return appId;
  }

  /**
   * Creates the topics, starts the child with the processor settings {@code settings} (the run's
   * own first, then {@code overrides}), and waits until Kafka Streams is running.
   */
  public void start(Map<String, String> settings, Map<String, String> overrides, List<String> jvmOptions,
      Duration timeout) throws Exception {
    stack.createTopic(complaintsTopic, stack.partitions(), Map.of());
    stack.createTopic(alertsTopic, stack.partitions(), Map.of("message.timestamp.type", "LogAppendTime"));
    stack.awaitLeaders(complaintsTopic);
    stack.awaitLeaders(alertsTopic);
    Path stateDir = dir.resolve("state");
    Files.createDirectories(stateDir);
    Properties p = new Properties();
    p.setProperty("application.id", appId);
    p.setProperty("kafka.bootstrap.servers", stack.bootstrapServers());
    p.setProperty("schema.registry.url", stack.registryUrl());
    p.setProperty("state.dir", stateDir.toString());
    p.setProperty("internal.topic.replication.factor", "1");
    p.setProperty("internal.topic.partitions", Integer.toString(stack.partitions()));
    p.setProperty(TopicName.COMPLAINTS.configKey(), complaintsTopic);
    p.setProperty(TopicName.ALERTS.configKey(), alertsTopic);
    settings.forEach(p::setProperty);
    overrides.forEach(p::setProperty);
    config = dir.resolve("processor.properties");
    try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      p.store(out, "benchmark breach-delay run " + appId);
    }
    options = new ArrayList<>(jvmOptions);
    options.add("-Dlogback.configurationFile=" + System.getProperty("bench.child.logback",
        "com/complaintflow/bench/child-logback.xml"));
    child = ChildProcess.start(options, ProcessorChild.class.getName(), List.of("breach", config.toString()),
        dir.resolve("child.log"));
    child.await("RUNNING", timeout);
    firstStage = new RecordCounter(stack.bootstrapServers(), appId + "-complaints-by-client-repartition");
  }

  /**
   * Waits until {@code totalComplaints} (cumulative over the batches) have gone through every
   * stage of the topology; returns when that was observed ({@link System#nanoTime()}).
   */
  public long awaitLoaded(long totalComplaints, Duration timeout, Consumer<String> progress) throws Exception {
    return new GroupProgress(stack.admin(), appId, complaintsTopic)
        .await(totalComplaints, firstStage, timeout, child::isAlive, progress).doneNanos();
  }

  /** Kills the child with SIGKILL (no shutdown hook, no clean close); returns when (epoch milliseconds). */
  public long kill() throws InterruptedException {
    child.kill();
    return System.currentTimeMillis();
  }

  /**
   * Starts the child again with the same settings, on its own state directory (exactly-once: Kafka
   * Streams restores the stores of an unclean stop from their changelogs) or, with {@code wipe}, on
   * an emptied one (every store restored from its changelog, the global tables from their topics);
   * returns when Kafka Streams reports RUNNING (epoch milliseconds), or throws when the child
   * exits or reports ERROR first.
   */
  public long restart(boolean wipe, Duration timeout) throws Exception {
    if (child.isAlive()) {
      child.kill();
    }
    if (wipe) {
      try (java.util.stream.Stream<Path> paths = Files.walk(stateDir())) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          if (!p.equals(stateDir())) {
            Files.delete(p);
          }
        }
      }
    }
    restarts++;
    child = ChildProcess.start(options, ProcessorChild.class.getName(), List.of("breach", config.toString()),
        restartLog(restarts));
    String running = child.await("RUNNING", timeout);
    return Long.parseLong(running.substring("RUNNING ".length()).trim());
  }

  /** The log of the {@code n}th restart. */
  public Path restartLog(int n) {
    return dir.resolve("child-restart-" + n + ".log");
  }

  public int restarts() {
    return restarts;
  }

  /** Heap used after GC, heap committed and RSS of the child, in bytes. */
  public long[] memory() throws Exception {
    child.send("memory");
    String[] m = child.await("MEMORY", Duration.ofSeconds(60)).split(" ");
    return new long[] {Long.parseLong(m[1]), Long.parseLong(m[2]), Long.parseLong(m[3])};
  }

  public Path stateDir() {
    return dir.resolve("state");
  }

  /** The deadline scans since the previous call. */
  public DeadlineProbe.Snapshot probe() throws Exception {
    child.send("probe");
    return DeadlineProbe.Snapshot.parse(child.await("PROBE", Duration.ofSeconds(30)));
  }

  public Path logFile() {
    return dir.resolve("child.log");
  }

  @Override
  public void close() {
    if (firstStage != null) {
      firstStage.close();
    }
    if (child != null) {
      child.close();
    }
  }
}
