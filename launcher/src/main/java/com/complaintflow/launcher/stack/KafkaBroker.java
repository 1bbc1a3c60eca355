package com.complaintflow.launcher.stack;

import com.complaintflow.localbroker.BrokerClasspath;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker in KRaft combined mode (broker and controller in one process), in its
 * own JVM on the classpath recorded by the local-broker module. Its storage is formatted once
 * ({@code kafka.tools.StorageTool format --standalone}); later starts on the same data directory
 * keep the topics and records. Public for the fault tests, which stop and restart a broker on its
 * log directories.
 */
public final class KafkaBroker {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private ChildJvm process;

  /** @param dir working directory: {@code server.properties}, {@code kafka.log} and the log dirs ({@code data/}) */
  public KafkaBroker(Path dir, int port, int controllerPort) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  public Path logFile() {
    return dir.resolve("kafka.log");
  }

  /** The settings of a single-node broker; without the replication factors of 1 group coordination hangs. */
  static Properties serverProperties(Path logDirs, int port, int controllerPort) {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
    p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
    p.setProperty("log.dirs", logDirs.toString());
    p.setProperty("offsets.topic.replication.factor", "1");
    p.setProperty("offsets.topic.num.partitions", "6");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "6");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // topics are created explicitly (TopicSetup); a typo in a topic name should fail, not create one
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("num.partitions", "6");
    return p;
  }

  /** Formats the storage on first use, starts the broker JVM and waits until it answers. */
  public void start() throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path logDirs = dir.resolve("data");
    Path config = dir.resolve("server.properties");
    try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
      serverProperties(logDirs, port, controllerPort).store(out, "local stack broker (written on each start)");
    }
    String classpath = BrokerClasspath.classpath();
    String logback = "-Dlogback.configurationFile=" + BrokerClasspath.LOGBACK_RESOURCE;
    if (!Files.exists(logDirs.resolve("meta.properties"))) {
      ChildJvm format = ChildJvm.builder("kafka-storage-format")
          .classpath(classpath)
          .jvmOptions("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", logback)
          .mainClass("kafka.tools.StorageTool")
          .args("format", "--standalone", "--cluster-id", Uuid.randomUuid().toString(),
              "--config", config.toString())
          .logFile(logFile())
          .build();
      int code = format.runToCompletion(60);
      if (code != 0) {
        throw new IOException("formatting the broker's storage failed (exit " + code + "):\n"
            + format.logTail(30));
      }
    }
    process = ChildJvm.builder("kafka")
        .classpath(classpath)
        .jvmOptions("-Xmx512m", "-XX:+UseSerialGC", logback)
        .mainClass("kafka.Kafka")
        .args(config.toString())
        .logFile(logFile())
        .workingDir(dir)
        .build()
        .start();
    awaitReady();
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException("the Kafka broker exited with code " + process.exitValue()
              + " during start-up; its log " + logFile() + " ends with:\n" + process.logTail(40));
        }
        try {
          if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception notYet) {
          Thread.sleep(200);
        }
      }
    }
    throw new IOException("the Kafka broker was not ready within " + READY_TIMEOUT.toSeconds()
        + " s; its log " + logFile() + " ends with:\n" + process.logTail(40));
  }

  public ChildJvm process() {
    return process;
  }

  /** SIGTERM, up to 20 s for a clean exit, then SIGKILL. */
  public void stop() {
    if (process != null) {
      process.stop();
    }
  }
}
