package com.complaintflow.alerts.state;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;

/** The partitions of a topic, waiting for them to appear in the client's metadata. */
final class TopicPartitions {
  private TopicPartitions() {}

  /**
   * A topic created a moment ago (by this process or another) may not be in the brokers'
   * metadata yet: {@code partitionsFor} then answers an empty list. Ask again until the timeout;
   * an empty result after it means the topic does not exist.
   */
  static List<TopicPartition> of(Consumer<?, ?> consumer, String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      if (!partitions.isEmpty() || System.nanoTime() > deadline) {
        return partitions;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptException(e);
      }
    }
  }
}
