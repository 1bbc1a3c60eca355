package com.complaintflow.bench.processor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the committed records of one topic from its beginning (read_committed, no decoding), on
 * its own thread: how many input records an application has pushed through a given stage. Waits
 * for the topic to appear, since Kafka Streams creates its internal topics at start.
 */
final class RecordCounter implements AutoCloseable {
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong firstAtNanos = new AtomicLong(-1);
  private volatile boolean running = true;
  private final Thread thread;

  RecordCounter(String bootstrapServers, String topic) {
    thread = new Thread(() -> run(bootstrapServers, topic), "count-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  private void run(String bootstrapServers, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
        ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 16 * 1024 * 1024),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = List.of();
      while (running && partitions.isEmpty()) {
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (partitions == null || partitions.isEmpty()) {
          partitions = List.of();
          Thread.sleep(200);
        }
      }
      List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      while (running) {
        int n = consumer.poll(Duration.ofMillis(100)).count();
        if (n > 0) {
          firstAtNanos.compareAndSet(-1, System.nanoTime());
          count.addAndGet(n);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (running) {
        throw e;
      }
    }
  }

  long count() {
    return count.get();
  }

  /** When the first record was seen, or -1. */
  long firstAtNanos() {
    return firstAtNanos.get();
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
