package com.complaintflow.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Follows one topic from its start as the pipeline's consumers see it (every partition, no group,
 * {@code read_committed}), keeping every decoded value, so a test can wait for a condition on all
 * that has arrived without re-reading the topic each time.
 */
final class TopicWatch<V> implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Deserializer<V> values;
  private final List<V> seen = new ArrayList<>();

  TopicWatch(String bootstrapServers, String topic, Deserializer<V> values) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.values = values;
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Reads what has arrived since the last call (for up to about {@code wait}); returns everything seen so far. */
  List<V> poll(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    do {
      var records = consumer.poll(Duration.ofMillis(200));
      for (ConsumerRecord<byte[], byte[]> r : records) {
        V v = values.deserialize(r.topic(), r.value());
        if (v != null) {
          seen.add(v);
        }
      }
      if (records.isEmpty()) {
        break;
      }
    } while (System.nanoTime() < deadline);
    return seen;
  }

  /** Records committed to the topic (end offsets minus nothing: an upper bound, counting transaction markers). */
  long endOffsetSum() {
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(30));
    return end.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
    values.close();
  }
}
