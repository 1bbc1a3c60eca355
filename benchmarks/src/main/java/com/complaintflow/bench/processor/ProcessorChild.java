package com.complaintflow.bench.processor;

import com.complaintflow.bench.skeleton.SkeletonProfile;
import com.complaintflow.bench.skeleton.SkeletonTopology;
import com.complaintflow.processor.ComplaintFlowTopology;
import com.complaintflow.processor.config.GlobalStateGuard;
import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.processor.config.StreamsSettings;
import com.complaintflow.schemas.topics.Topic;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.schemas.avro.Complaint;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The measured Kafka Streams application, in its own JVM so that heap and RSS are its own:
 * {@code ProcessorChild full|breach|passthrough|skeleton CONFIG.properties}. All modes use the processor's
 * own {@link StreamsSettings} (exactly_once_v2, commit interval, classic protocol, handlers) and
 * the catalog's Avro serdes; {@code passthrough} only reads {@code complaints} and writes each
 * record to {@code bench.passthrough.topic}; {@code skeleton} is the {@link SkeletonTopology} of the
 * profile in {@code bench.skeleton.profile}; {@code breach} is the full topology with its deadline
 * index timed by a {@link DeadlineProbe}.
 *
 * <p>Talks to the benchmark over stdin/stdout, one line each: it prints {@code RUNNING <epoch ms>}
 * when Kafka Streams is running; {@code memory} answers {@code MEMORY <heap used after GC>
 * <heap committed> <rss>} (bytes); {@code produced} answers {@link #produced}; {@code probe} (breach mode) answers the deadline scans since the
 * previous {@code probe} ({@link DeadlineProbe.Snapshot#toLine()}); {@code stop} or end of input
 * closes Kafka Streams and exits.
 */
public final class ProcessorChild {
  public static final String PASSTHROUGH_TOPIC_CONFIG = "bench.passthrough.topic";
  public static final String SKELETON_PROFILE_CONFIG = "bench.skeleton.profile";

  private ProcessorChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Map<String, Object> values = new HashMap<>();
    Properties file = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
      file.load(in);
    }
    file.forEach((k, v) -> values.put(k.toString(), v.toString()));
    String passthroughTopic = (String) values.remove(PASSTHROUGH_TOPIC_CONFIG);
    String skeletonProfile = (String) values.remove(SKELETON_PROFILE_CONFIG);
    ProcessorConfig config = new ProcessorConfig(values);
    TopicCatalog catalog = new TopicCatalog(config.catalogConfig());
    Properties props = StreamsSettings.of(config);
    Topology topology;
    DeadlineProbe probe = new DeadlineProbe();
    if (mode.equals("full")) {
      createTeamCommandsTopic(config);
      topology = ComplaintFlowTopology.build(config, catalog);
    } else if (mode.equals("breach")) {
      createTeamCommandsTopic(config);
      topology = ComplaintFlowTopology.build(config, catalog, probe::wrap);
    } else if (mode.equals("skeleton")) {
      SkeletonProfile profile = SkeletonProfile.parse(skeletonProfile);
      createTopics(config, SkeletonTopology.topicsToCreate(profile, config.applicationId()));
      topology = SkeletonTopology.build(profile, config.applicationId(), catalog.complaints().name(),
          catalog.caseActions().name(), config.internalPartitions());
    } else {
      topology = passthrough(catalog, passthroughTopic);
    }
    // as the processor's own main does: global stores not closed cleanly are rebuilt from their topics
    GlobalStateGuard.beforeStart(Path.of(config.stateDir()), config.applicationId());
    KafkaStreams streams = new KafkaStreams(topology, props);
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) {
        say("RUNNING " + System.currentTimeMillis());
      } else if (now == KafkaStreams.State.ERROR) {
        say("ERROR " + System.currentTimeMillis());
      }
    });
    streams.start();
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = commands.readLine()) != null) {
      if (line.equals("memory")) {
        say(memory());
      } else if (line.equals("probe")) {
        say(probe.snapshotAndReset().toLine());
      } else if (line.equals("produced")) {
        say(produced(streams));
      } else if (line.equals("stop")) {
        break;
      }
    }
    if (streams.close(Duration.ofSeconds(30)) && streams.state() != KafkaStreams.State.ERROR) {
      GlobalStateGuard.afterCleanStop(Path.of(config.stateDir()), config.applicationId());
    }
    say("STOPPED");
    System.exit(0);
  }

  /** The baseline: same settings and serdes, no work but decode, encode and write. */
  public static Topology passthrough(TopicCatalog catalog, String outputTopic) {
    Topic<String, Complaint> complaints = catalog.complaints();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(complaints.name(), Consumed.with(complaints.keySerde(), complaints.valueSerde())
            .withName("complaints-source"))
        .to(outputTopic, Produced.with(complaints.keySerde(), complaints.valueSerde()).withName("passthrough-sink"));
    return builder.build();
  }

  /**
   * {@code PRODUCED <records> <bytes>}: what the application's producers sent so far, summed over
   * every topic ({@code producer-topic-metrics} record-send-total and byte-total: record batches as
   * sent, headers and batch overhead included, before any purge of repartition topics).
   */
  static String produced(KafkaStreams streams) {
    double records = 0;
    double bytes = 0;
    for (var e : streams.metrics().entrySet()) {
      var name = e.getKey();
      if (!name.group().equals("producer-topic-metrics")) {
        continue;
      }
      Object v = e.getValue().metricValue();
      if (!(v instanceof Number number)) {
        continue;
      }
      if (name.name().equals("record-send-total")) {
        records += number.doubleValue();
      } else if (name.name().equals("byte-total")) {
        bytes += number.doubleValue();
      }
    }
    return "PRODUCED " + (long) records + " " + (long) bytes;
  }

  static String memory() {
    MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
    // two collections: the first may only move objects into the old generation
    System.gc();
    System.gc();
    long used = bean.getHeapMemoryUsage().getUsed();
    long committed = bean.getHeapMemoryUsage().getCommitted();
    return "MEMORY " + used + " " + committed + " " + com.complaintflow.bench.report.Machine.rssBytes(
        ProcessHandle.current().pid());
  }

  private static void createTeamCommandsTopic(ProcessorConfig config) throws InterruptedException {
    createTopics(config, List.of(ComplaintFlowTopology.teamCommandsTopic(config)));
  }

  private static void createTopics(ProcessorConfig config, List<String> topics) throws InterruptedException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers()))) {
      for (String topic : topics) {
        try {
          admin.createTopics(List.of(new NewTopic(topic, Optional.of(config.internalPartitions()), Optional.empty())))
              .all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create " + topic + ": " + e.getCause(), e.getCause());
          }
        }
      }
    }
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
