package com.complaintflow.intake.testing;

import com.complaintflow.testing.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the start until a condition over everything read holds, or a deadline passes. */
public final class TopicReader {
  private static int seq;

  private TopicReader() {}

  public static synchronized <V> List<ConsumerRecord<String, V>> readUntil(EmbeddedKafka kafka, String topic,
      Deserializer<V> values, Predicate<List<ConsumerRecord<String, V>>> done, Duration timeout) {
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, V> c = new KafkaConsumer<>(kafka.consumerProps("test-reader-" + (++seq) + "-" + System.nanoTime()),
        new StringDeserializer(), values)) {
      c.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(out) && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
