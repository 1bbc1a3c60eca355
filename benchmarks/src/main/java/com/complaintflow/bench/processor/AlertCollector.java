package com.complaintflow.bench.processor;

import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads an alerts topic from its beginning with {@code read_committed} on its own thread and keeps
 * every SLA breach alert with the broker's append time of its record; counts the other kinds.
 */
public final class AlertCollector implements AutoCloseable {
  /** One breach alert: its case, target and deadline, when it was built and when it was appended. */
  public record Breach(String alertId, String caseId, String target, long dueAtMillis, long createdAtMillis,
      long appendedAtMillis, TimestampType timestampType) {}

  private final List<Breach> breaches = new ArrayList<>();
  private final Map<AlertKind, Long> otherKinds = new EnumMap<>(AlertKind.class);
  private volatile boolean running = true;
  private volatile RuntimeException failure;
  private final Thread thread;

  public AlertCollector(String bootstrapServers, String topic, Topic<String, Alert> alerts) {
    thread = new Thread(() -> run(bootstrapServers, topic, alerts), "alerts-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  private void run(String bootstrapServers, String topic, Topic<String, Alert> alerts) {
    try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
        new StringDeserializer(), alerts.valueSerde().deserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      while (running) {
        for (ConsumerRecord<String, Alert> r : consumer.poll(Duration.ofMillis(100))) {
          Alert a = r.value();
          synchronized (this) {
            if (a.getKind() == AlertKind.SLA_BREACH) {
              breaches.add(new Breach(a.getAlertId(), a.getCaseId(), a.getTarget() == null ? null
                  : a.getTarget().name(), a.getDueAt() == null ? -1 : a.getDueAt().toEpochMilli(),
                  a.getCreatedAt().toEpochMilli(), r.timestamp(), r.timestampType()));
            } else {
              otherKinds.merge(a.getKind(), 1L, Long::sum);
            }
          }
        }
      }
    } catch (RuntimeException e) {
      if (running) {
        failure = e;
      }
    }
  }

  /** The breach alerts whose deadline lies in [fromMillis, toMillis]. */
  public synchronized List<Breach> breachesDueBetween(long fromMillis, long toMillis) {
    check();
    return breaches.stream().filter(b -> b.dueAtMillis() >= fromMillis && b.dueAtMillis() <= toMillis).toList();
  }

  public synchronized long breachCount() {
    check();
    return breaches.size();
  }

  public synchronized Map<AlertKind, Long> otherKinds() {
    return new EnumMap<>(otherKinds);
  }

  private void check() {
    if (failure != null) {
      throw new IllegalStateException("reading the alerts failed: " + failure, failure);
    }
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
