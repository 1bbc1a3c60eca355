package com.complaintflow.processor.config;

import com.complaintflow.processor.errors.ProcessorConfigKeys;
import com.complaintflow.processor.errors.RefusedOutputHandler;
import com.complaintflow.processor.errors.RefusedSources;
import com.complaintflow.processor.errors.RejectingDeserializationHandler;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Kafka Streams properties of the processor: exactly-once, explicit state dir, classic groups. */
public final class StreamsSettings {
  /** Segment size of the internal topics (16 MiB). */
  public static final String CHANGELOG_SEGMENT_BYTES = Integer.toString(16 * 1024 * 1024);
  /** Share of a compacted changelog that may be overwritten records before the cleaner runs. */
  public static final String CHANGELOG_MIN_CLEANABLE_DIRTY_RATIO = "0.2";

  private StreamsSettings() {}

  public static Properties of(ProcessorConfig config) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.numStreamThreads());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.commitInterval().toMillis());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.replicationFactor());
    props.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "classic");
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        RejectingDeserializationHandler.class.getName());
    props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        RefusedOutputHandler.class.getName());
    props.put(ProcessorConfigKeys.CATALOG_CONFIG, config.catalogConfig());
    props.put(ProcessorConfigKeys.REFUSED_SOURCES_CONFIG, new RefusedSources());
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    if (config.rocksDbMemoryBytes() > 0) {
      props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
      props.put(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, Long.toString(config.rocksDbMemoryBytes()));
      props.put(BoundedRocksDbMemory.MEMTABLE_SHARE_CONFIG, Double.toString(config.rocksDbMemtableShare()));
    }
    // Internal topics (changelogs, repartition topics): small segments and an eager cleaner, so
    // that a compacted changelog holds about the live data and a restore reads little more than
    // that (with the broker's 1 GiB segments, the active segment, never compacted, would hold
    // every write since the last roll). kafka.topic.* overrides either.
    props.put(StreamsConfig.topicPrefix(TopicConfig.SEGMENT_BYTES_CONFIG), CHANGELOG_SEGMENT_BYTES);
    props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG),
        CHANGELOG_MIN_CLEANABLE_DIRTY_RATIO);
    // Anything given as kafka.* (security settings, client tuning) wins.
    config.kafkaOverrides().forEach(props::put);
    return props;
  }
}
