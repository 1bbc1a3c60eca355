package com.complaintflow.processor;

import com.complaintflow.common.config.ConfigLoader;
import com.complaintflow.processor.config.GlobalStateGuard;
import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.processor.config.StreamsSettings;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the stream processor: {@code StreamProcessorMain [config.properties]}; every key
 * may also come from a COMPLAINTFLOW_* environment variable. Runs until SIGTERM/SIGINT, then closes
 * Kafka Streams cleanly (committing the open transaction).
 */
public final class StreamProcessorMain {
  private static final Logger log = LoggerFactory.getLogger(StreamProcessorMain.class);

  private StreamProcessorMain() {}

  public static void main(String[] args) throws Exception {
    Path file = args.length > 0 ? Path.of(args[0]) : null;
    ProcessorConfig config;
    TopicCatalog catalog;
    try {
      Map<String, Object> values = ConfigLoader.load(ProcessorConfig.DEFINITION, file, System.getenv(),
          "kafka.", "topic.", "schema.registry.", "sla.", "calendar.", "team.", "repeat.");
      config = new ProcessorConfig(values);
      catalog = new TopicCatalog(config.catalogConfig());
    } catch (ConfigException e) {
      // the message names the key to change (never a secret); a stack trace would add nothing
      log.error("event=processor-config-invalid error={}", e.getMessage());
      System.exit(1);
      return;
    }
    Properties props = StreamsSettings.of(config);
    ensureTeamCommandsTopic(config, props);

    Topology topology = ComplaintFlowTopology.build(config, catalog);
    Path stateDir = Path.of(config.stateDir());
    GlobalStateGuard.beforeStart(stateDir, config.applicationId());
    KafkaStreams streams = new KafkaStreams(topology, props);
    CountDownLatch stopped = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
    streams.setUncaughtExceptionHandler(e -> {
      log.error("event=stream-thread-failed error={} action=replace-thread", e.toString(), e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.setStateListener((now, before) -> {
      log.info("event=state-change from={} to={}", before, now);
      if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR) {
        failed.set(true);
      }
      if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
        stopped.countDown();
      }
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("event=stopping service=stream-processor");
      boolean closed = streams.close(Duration.ofSeconds(30));
      if (closed && !failed.get()) {
        GlobalStateGuard.afterCleanStop(stateDir, config.applicationId());
      }
      log.info("event=stopped service=stream-processor clean={}", closed);
      stopped.countDown();
    }, "shutdown"));
    streams.start();
    log.info("event=started service=stream-processor applicationId={} stateDir={}",
        config.applicationId(), config.stateDir());
    stopped.await();
  }

  /**
   * The team-commands topic closes the loop case task -> team dispatcher -> case task; Kafka
   * Streams cannot feed a processor's output back into an internal topic it already read, so the
   * application creates this topic itself (same partitions as its internal topics).
   */
  static void ensureTeamCommandsTopic(ProcessorConfig config, Properties streamsProps)
      throws InterruptedException {
    Properties adminProps = new Properties();
    streamsProps.forEach((k, v) -> {
      String key = k.toString();
      if (AdminClientConfig.configNames().contains(key)) {
        adminProps.put(key, v);
      }
    });
    String topic = ComplaintFlowTopology.teamCommandsTopic(config);
    try (Admin admin = Admin.create(adminProps)) {
      short replication = (short) config.replicationFactor();
      NewTopic newTopic = replication > 0
          ? new NewTopic(topic, config.internalPartitions(), replication)
          : new NewTopic(topic, java.util.Optional.of(config.internalPartitions()), java.util.Optional.empty());
      admin.createTopics(List.of(newTopic)).all().get();
      log.info("event=topic-created topic={} partitions={}", topic, config.internalPartitions());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e.getCause());
      }
    }
  }
}
