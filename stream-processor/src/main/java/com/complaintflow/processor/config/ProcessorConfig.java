package com.complaintflow.processor.config;

import com.complaintflow.common.config.ConfigLoader;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Configuration of the stream processor. Keys prefixed {@code kafka.} are handed to Kafka Streams
 * (and its clients) with the prefix removed; {@code topic.*} renames topics (see TopicCatalog);
 * {@code schema.registry.*} and the other serde keys go to the Avro serde.
 */
public final class ProcessorConfig extends AbstractConfig {

  public static final String APPLICATION_ID_CONFIG = "application.id";
  private static final String APPLICATION_ID_DOC =
      "Kafka Streams application id: consumer group, transactional id prefix and prefix of every"
          + " internal topic. Changing it starts from empty state.";

  public static final String BOOTSTRAP_SERVERS_CONFIG = "kafka.bootstrap.servers";
  private static final String BOOTSTRAP_SERVERS_DOC = "Kafka bootstrap servers, host:port list.";

  public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
  private static final String SCHEMA_REGISTRY_URL_DOC =
      "Schema Registry base URL (Confluent REST API).";

  public static final String STATE_DIR_CONFIG = "state.dir";
  private static final String STATE_DIR_DOC =
      "Directory of the local state stores (RocksDB). One per instance; keep it on a persistent"
          + " volume so a restart does not restore everything from the changelogs.";

  public static final String NUM_STREAM_THREADS_CONFIG = "num.stream.threads";
  private static final String NUM_STREAM_THREADS_DOC = "Stream threads of this instance.";

  public static final String COMMIT_INTERVAL_MS_CONFIG = "commit.interval.ms";
  private static final String COMMIT_INTERVAL_MS_DOC =
      "How often transactions are committed (exactly-once): the latency of every output.";

  public static final String INTERNAL_PARTITIONS_CONFIG = "internal.topic.partitions";
  private static final String INTERNAL_PARTITIONS_DOC =
      "Partitions of the internal repartition topics (by client, by team). Fixed explicitly so"
          + " that every client-keyed topic is co-partitioned; changing it requires an application"
          + " reset.";

  public static final String REPLICATION_FACTOR_CONFIG = "internal.topic.replication.factor";
  private static final String REPLICATION_FACTOR_DOC =
      "Replication factor of internal topics; -1 takes the broker default.";

  public static final String DEDUPE_WINDOW_CONFIG = "dedupe.window.ms";
  private static final String DEDUPE_WINDOW_DOC =
      "A complaint id seen again within this time (by complaint time) is a replay and ignored.";

  public static final String AFFINITY_WINDOW_CONFIG = "owner.affinity.window.ms";
  private static final String AFFINITY_WINDOW_DOC =
      "A client who had an open case within this time goes back to the same owner.";

  public static final String CASE_NUMBER_STRIDE_CONFIG = "case.number.partition.stride";
  private static final String CASE_NUMBER_STRIDE_DOC =
      "Case numbers are CF-<sequence * stride + partition>: unique across partitions as long"
          + " as internal.topic.partitions is below the stride.";

  public static final String CLASSIFICATION_RULES_CONFIG = "classification.rules.path";
  private static final String CLASSIFICATION_RULES_DOC =
      "Keyword rules file for category, priority and legal threats; empty = built-in rules"
          + " (classification-rules.txt).";

  public static final String ROUTING_RULES_CONFIG = "routing.rules.path";
  private static final String ROUTING_RULES_DOC =
      "Routing rules file (category, language, tier, channel -> team, first match wins);"
          + " empty = built-in rules (routing-rules.txt).";

  public static final String DEFAULT_TEAM_CONFIG = "routing.default.team";
  private static final String DEFAULT_TEAM_DOC = "Team of a case that no routing rule matches.";

  public static final String AGENT_CHECK_INTERVAL_CONFIG = "agents.check.interval.ms";
  private static final String AGENT_CHECK_INTERVAL_DOC =
      "Wall-clock interval at which each team task looks for agents that came online, changed"
          + " capacity or went away (queue draining, covering deputies).";

  public static final String CLIENT_HISTORY_CONFIG = "client.history.max.cases";
  private static final String CLIENT_HISTORY_DOC =
      "Cases remembered per client (case history for threading, owners and repeats); the oldest"
          + " finished cases are forgotten first.";

  public static final ConfigDef DEFINITION = new ConfigDef()
      .define(APPLICATION_ID_CONFIG, Type.STRING, "complaintflow-stream-processor",
          Importance.HIGH, APPLICATION_ID_DOC)
      .define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "localhost:9092", Importance.HIGH,
          BOOTSTRAP_SERVERS_DOC)
      .define(SCHEMA_REGISTRY_URL_CONFIG, Type.STRING, "http://localhost:8081", Importance.HIGH,
          SCHEMA_REGISTRY_URL_DOC)
      .define(STATE_DIR_CONFIG, Type.STRING, "./state/stream-processor", Importance.HIGH,
          STATE_DIR_DOC)
      .define(NUM_STREAM_THREADS_CONFIG, Type.INT, 1, Range.atLeast(1), Importance.MEDIUM,
          NUM_STREAM_THREADS_DOC)
      .define(COMMIT_INTERVAL_MS_CONFIG, Type.LONG, 100L, Range.atLeast(1), Importance.MEDIUM,
          COMMIT_INTERVAL_MS_DOC)
      .define(INTERNAL_PARTITIONS_CONFIG, Type.INT, 6, Range.between(1, 999), Importance.HIGH,
          INTERNAL_PARTITIONS_DOC)
      .define(REPLICATION_FACTOR_CONFIG, Type.INT, -1, Importance.MEDIUM, REPLICATION_FACTOR_DOC)
      .define(DEDUPE_WINDOW_CONFIG, Type.LONG, Duration.ofDays(7).toMillis(), Range.atLeast(1),
          Importance.MEDIUM, DEDUPE_WINDOW_DOC)
      .define(AFFINITY_WINDOW_CONFIG, Type.LONG, Duration.ofDays(90).toMillis(), Range.atLeast(0),
          Importance.MEDIUM, AFFINITY_WINDOW_DOC)
      .define(CASE_NUMBER_STRIDE_CONFIG, Type.INT, 1000, Range.atLeast(1), Importance.LOW,
          CASE_NUMBER_STRIDE_DOC)
      .define(CLASSIFICATION_RULES_CONFIG, Type.STRING, "", Importance.MEDIUM,
          CLASSIFICATION_RULES_DOC)
      .define(ROUTING_RULES_CONFIG, Type.STRING, "", Importance.MEDIUM, ROUTING_RULES_DOC)
      .define(DEFAULT_TEAM_CONFIG, Type.STRING, "service", Importance.MEDIUM, DEFAULT_TEAM_DOC)
      .define(AGENT_CHECK_INTERVAL_CONFIG, Type.LONG, 1000L, Range.atLeast(10), Importance.LOW,
          AGENT_CHECK_INTERVAL_DOC)
      .define(CLIENT_HISTORY_CONFIG, Type.INT, 50, Range.atLeast(1), Importance.LOW,
          CLIENT_HISTORY_DOC);

  private final Map<String, Object> raw;

  public ProcessorConfig(Map<String, ?> values) {
    super(DEFINITION, values, false);
    this.raw = new HashMap<>(values);
  }

  public String applicationId() {
    return getString(APPLICATION_ID_CONFIG);
  }

  public String bootstrapServers() {
    return getString(BOOTSTRAP_SERVERS_CONFIG);
  }

  public String stateDir() {
    return getString(STATE_DIR_CONFIG);
  }

  public int numStreamThreads() {
    return getInt(NUM_STREAM_THREADS_CONFIG);
  }

  public Duration commitInterval() {
    return Duration.ofMillis(getLong(COMMIT_INTERVAL_MS_CONFIG));
  }

  public int internalPartitions() {
    return getInt(INTERNAL_PARTITIONS_CONFIG);
  }

  public int replicationFactor() {
    return getInt(REPLICATION_FACTOR_CONFIG);
  }

  public Duration dedupeWindow() {
    return Duration.ofMillis(getLong(DEDUPE_WINDOW_CONFIG));
  }

  public Duration affinityWindow() {
    return Duration.ofMillis(getLong(AFFINITY_WINDOW_CONFIG));
  }

  public int caseNumberStride() {
    return getInt(CASE_NUMBER_STRIDE_CONFIG);
  }

  public String classificationRulesPath() {
    return getString(CLASSIFICATION_RULES_CONFIG);
  }

  public String routingRulesPath() {
    return getString(ROUTING_RULES_CONFIG);
  }

  public String defaultTeam() {
    return getString(DEFAULT_TEAM_CONFIG);
  }

  public Duration agentCheckInterval() {
    return Duration.ofMillis(getLong(AGENT_CHECK_INTERVAL_CONFIG));
  }

  public int clientHistoryMaxCases() {
    return getInt(CLIENT_HISTORY_CONFIG);
  }

  /** Serde settings and topic renames for the TopicCatalog (everything not kafka.*). */
  public Map<String, Object> catalogConfig() {
    Map<String, Object> out = new HashMap<>();
    raw.forEach((k, v) -> {
      if (!k.startsWith("kafka.")) {
        out.put(k, v);
      }
    });
    out.put(SCHEMA_REGISTRY_URL_CONFIG, getString(SCHEMA_REGISTRY_URL_CONFIG));
    return out;
  }

  /** Kafka Streams / client overrides given as kafka.* keys, prefix removed. */
  public Map<String, Object> kafkaOverrides() {
    return ConfigLoader.withPrefix(raw, "kafka.");
  }
}
