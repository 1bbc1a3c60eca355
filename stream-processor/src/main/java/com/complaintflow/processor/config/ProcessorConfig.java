package com.complaintflow.processor.config;

import com.complaintflow.common.config.ConfigLoader;
import com.complaintflow.processor.sla.Durations;
import com.complaintflow.processor.sla.SlaSettings;
import com.complaintflow.processor.time.EventTimeBounds;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

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
      "Case numbers are CF-<sequence * stride + partition>, so a number names the partition"
          + " (number % stride) of its case task, where actions by case number are sent. Must be at"
          + " least internal.topic.partitions (checked at start); like that setting, it must not"
          + " change once cases exist.";

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

  public static final String ROCKSDB_MEMORY_MIB_CONFIG = "rocksdb.memory.mib";
  private static final String ROCKSDB_MEMORY_MIB_DOC =
      "Off-heap memory of all the RocksDB state stores of this process together, in MiB: one shared"
          + " block cache that also holds the memtables, index and filter blocks. 0 leaves every store"
          + " with RocksDB's own defaults (its own memtables and cache per store and partition, so the"
          + " process's RSS grows with the partitions it owns).";
  public static final String ROCKSDB_MEMTABLE_SHARE_CONFIG = "rocksdb.memtable.share";
  private static final String ROCKSDB_MEMTABLE_SHARE_DOC =
      "Share of rocksdb.memory.mib that memtables (writes not yet flushed) may take; the rest caches reads.";
  public static final String SLA_PUNCTUATION_INTERVAL_CONFIG = "sla.punctuation.interval";
  private static final String SLA_PUNCTUATION_INTERVAL_DOC =
      "Wall-clock interval at which each case task fires the deadlines that are due (warnings,"
          + " breaches, escalations, unassigned cases). Also the worst-case delay of an alert"
          + " beyond its deadline, plus the commit interval.";

  public static final String SLA_DEFAULT_CALENDAR_CONFIG = "sla.default.calendar";
  private static final String SLA_DEFAULT_CALENDAR_DOC =
      "Business calendar of teams without team.<team>.calendar and policies without a calendar"
          + " (calendar.<name>.* defines calendars; 24x7 is built in).";

  public static final String SLA_UNASSIGNED_AFTER_CONFIG = "sla.unassigned.after";
  private static final String SLA_UNASSIGNED_AFTER_DOC =
      "Business time a case may wait in a team queue without an owner before an UNASSIGNED"
          + " alert.";

  public static final String SLA_UNASSIGNED_RECIPIENTS_CONFIG = "sla.unassigned.recipients";
  private static final String SLA_UNASSIGNED_RECIPIENTS_DOC =
      "Recipients of UNASSIGNED alerts: emails and/or the tokens owner, team-supervisors.";

  public static final String LEGAL_RECIPIENTS_CONFIG = "legal.recipients";
  private static final String LEGAL_RECIPIENTS_DOC =
      "Recipients of LEGAL_THREAT alerts (a case marked legal): emails and/or owner,"
          + " team-supervisors.";

  public static final String REPEAT_LOOKBACK_CONFIG = "repeat.lookback";
  private static final String REPEAT_LOOKBACK_DOC =
      "How far back a client's earlier cases count for repeat detection; also the retention of"
          + " that history (e.g. 30d).";

  public static final String REPEAT_ESCALATE_COUNT_CONFIG = "repeat.escalate.count";
  private static final String REPEAT_ESCALATE_COUNT_DOC =
      "The client's Nth case within the look-back raises a level-2 REPEAT_COMPLAINT alert (the"
          + " second case raises level 1).";

  public static final String REPEAT_REOPENED_COUNT_CONFIG = "repeat.reopened.count";
  private static final String REPEAT_REOPENED_COUNT_DOC =
      "A case reopened this many times or more raises a REOPENED_REPEAT alert (again at every"
          + " further reopen).";

  public static final String REPEAT_CALLS_COUNT_CONFIG = "repeat.abandoned-calls.count";
  private static final String REPEAT_CALLS_COUNT_DOC =
      "Abandoned calls (phone contacts without notes) from one client within"
          + " repeat.abandoned-calls.window that raise a REPEAT_COMPLAINT alert.";

  public static final String REPEAT_CALLS_WINDOW_CONFIG = "repeat.abandoned-calls.window";
  private static final String REPEAT_CALLS_WINDOW_DOC = "Window of the abandoned-calls rule.";

  public static final String REPEAT_RECIPIENTS_CONFIG = "repeat.recipients";
  private static final String REPEAT_RECIPIENTS_DOC =
      "Recipients of REPEAT_COMPLAINT (level 1) and REOPENED_REPEAT alerts.";

  public static final String REPEAT_ESCALATED_RECIPIENTS_CONFIG = "repeat.escalated.recipients";
  private static final String REPEAT_ESCALATED_RECIPIENTS_DOC =
      "Recipients of level-2 REPEAT_COMPLAINT alerts (the Nth case).";

  public static final String EVENT_TIME_MAX_FUTURE_CONFIG = "event.time.max.future.ms";
  private static final String EVENT_TIME_MAX_FUTURE_DOC =
      "A complaint (receivedAt) or case action (at) dated more than this far ahead of the"
          + " processing clock is rejected with reason impossible-timestamp (complaints.rejected,"
          + " case-actions.rejected).";

  public static final String EVENT_TIME_EARLIEST_CONFIG = "event.time.earliest";
  private static final String EVENT_TIME_EARLIEST_DOC =
      "A complaint or case action dated before this instant (ISO-8601) is rejected with reason"
          + " impossible-timestamp.";

  private static final ConfigDef.Validator INSTANT = (name, value) -> {
    try {
      Instant.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw new ConfigException(name, value, "not an ISO-8601 instant, e.g. 2000-01-01T00:00:00Z");
    }
  };

  private static final ConfigDef.Validator DURATION = (name, value) -> {
    try {
      Durations.parse(String.valueOf(value));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, e.getMessage());
    }
  };

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
          CLIENT_HISTORY_DOC)
      .define(ROCKSDB_MEMORY_MIB_CONFIG, Type.INT, 128, Range.between(0, 1 << 20), Importance.MEDIUM,
          ROCKSDB_MEMORY_MIB_DOC)
      .define(ROCKSDB_MEMTABLE_SHARE_CONFIG, Type.DOUBLE, 0.5, Range.between(0.05, 0.95), Importance.LOW,
          ROCKSDB_MEMTABLE_SHARE_DOC)
      .define(SLA_PUNCTUATION_INTERVAL_CONFIG, Type.STRING, "100ms", DURATION, Importance.MEDIUM,
          SLA_PUNCTUATION_INTERVAL_DOC)
      .define(SLA_DEFAULT_CALENDAR_CONFIG, Type.STRING, "24x7", Importance.MEDIUM,
          SLA_DEFAULT_CALENDAR_DOC)
      .define(SLA_UNASSIGNED_AFTER_CONFIG, Type.STRING, "30m", DURATION, Importance.MEDIUM,
          SLA_UNASSIGNED_AFTER_DOC)
      .define(SLA_UNASSIGNED_RECIPIENTS_CONFIG, Type.STRING, "team-supervisors", Importance.MEDIUM,
          SLA_UNASSIGNED_RECIPIENTS_DOC)
      .define(LEGAL_RECIPIENTS_CONFIG, Type.STRING, "team-supervisors", Importance.MEDIUM,
          LEGAL_RECIPIENTS_DOC)
      .define(REPEAT_LOOKBACK_CONFIG, Type.STRING, "30d", DURATION, Importance.MEDIUM,
          REPEAT_LOOKBACK_DOC)
      .define(REPEAT_ESCALATE_COUNT_CONFIG, Type.INT, 3, Range.atLeast(2), Importance.MEDIUM,
          REPEAT_ESCALATE_COUNT_DOC)
      .define(REPEAT_REOPENED_COUNT_CONFIG, Type.INT, 2, Range.atLeast(1), Importance.MEDIUM,
          REPEAT_REOPENED_COUNT_DOC)
      .define(REPEAT_CALLS_COUNT_CONFIG, Type.INT, 3, Range.atLeast(1), Importance.MEDIUM,
          REPEAT_CALLS_COUNT_DOC)
      .define(REPEAT_CALLS_WINDOW_CONFIG, Type.STRING, "1d", DURATION, Importance.MEDIUM,
          REPEAT_CALLS_WINDOW_DOC)
      .define(REPEAT_RECIPIENTS_CONFIG, Type.STRING, "owner,team-supervisors", Importance.MEDIUM,
          REPEAT_RECIPIENTS_DOC)
      .define(REPEAT_ESCALATED_RECIPIENTS_CONFIG, Type.STRING, "team-supervisors",
          Importance.MEDIUM, REPEAT_ESCALATED_RECIPIENTS_DOC)
      .define(EVENT_TIME_MAX_FUTURE_CONFIG, Type.LONG, Duration.ofDays(1).toMillis(), Range.atLeast(0),
          Importance.LOW, EVENT_TIME_MAX_FUTURE_DOC)
      .define(EVENT_TIME_EARLIEST_CONFIG, Type.STRING, "2000-01-01T00:00:00Z", INSTANT,
          Importance.LOW, EVENT_TIME_EARLIEST_DOC);

  private final Map<String, Object> raw;

  public ProcessorConfig(Map<String, ?> values) {
    super(DEFINITION, values, false);
    this.raw = new HashMap<>(values);
    if (internalPartitions() > caseNumberStride()) {
      // a case number names its partition (number % stride), where actions by number are sent
      throw new ConfigException(CASE_NUMBER_STRIDE_CONFIG, caseNumberStride(), "must be at least "
          + INTERNAL_PARTITIONS_CONFIG + " (" + internalPartitions() + "): case numbers are"
          + " CF-<sequence * stride + partition>, and a case action naming a case by number is sent to"
          + " partition number % stride");
    }
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

  /** Off-heap budget of all RocksDB stores in bytes; 0 = RocksDB's defaults per store. */
  public long rocksDbMemoryBytes() {
    return (long) getInt(ROCKSDB_MEMORY_MIB_CONFIG) << 20;
  }

  public double rocksDbMemtableShare() {
    return getDouble(ROCKSDB_MEMTABLE_SHARE_CONFIG);
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

  public EventTimeBounds eventTimeBounds() {
    return new EventTimeBounds(Duration.ofMillis(getLong(EVENT_TIME_MAX_FUTURE_CONFIG)),
        Instant.parse(getString(EVENT_TIME_EARLIEST_CONFIG)));
  }

  private Duration duration(String key) {
    return Durations.parse(getString(key));
  }

  /**
   * SLA policies, calendars, team calendars and supervisors, alert recipients and repeat rules.
   * The key families sla.policy.*, sla.warnings, sla.escalation.*, sla.regulatory.*, calendar.*
   * and team.* are read from the raw configuration (see SlaPolicies and BusinessCalendars).
   */
  public SlaSettings slaSettings() {
    Map<String, Object> slaRaw = new HashMap<>(raw);
    // A deployment that configures no policy still gets clocks: generous defaults.
    if (raw.keySet().stream().noneMatch(k -> k.startsWith("sla.policy.default."))) {
      slaRaw.put("sla.policy.default.first-response", "8h");
      slaRaw.put("sla.policy.default.next-response", "8h");
      slaRaw.put("sla.policy.default.resolution", "5d");
    }
    return new SlaSettings(slaRaw,
        getString(SLA_DEFAULT_CALENDAR_CONFIG), duration(SLA_PUNCTUATION_INTERVAL_CONFIG),
        duration(SLA_UNASSIGNED_AFTER_CONFIG), list(SLA_UNASSIGNED_RECIPIENTS_CONFIG),
        list(LEGAL_RECIPIENTS_CONFIG),
        new SlaSettings.RepeatSettings(
            duration(REPEAT_LOOKBACK_CONFIG), getInt(REPEAT_ESCALATE_COUNT_CONFIG),
            getInt(REPEAT_REOPENED_COUNT_CONFIG), getInt(REPEAT_CALLS_COUNT_CONFIG),
            duration(REPEAT_CALLS_WINDOW_CONFIG), list(REPEAT_RECIPIENTS_CONFIG),
            list(REPEAT_ESCALATED_RECIPIENTS_CONFIG)));
  }

  private List<String> list(String key) {
    return SlaSettings.split(getString(key));
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
