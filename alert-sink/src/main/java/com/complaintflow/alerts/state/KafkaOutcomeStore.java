package com.complaintflow.alerts.state;

import com.complaintflow.alerts.delivery.OutcomeStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome store on a compacted topic (default {@code alerts.sent}): key
 * {@code <alert id>|<recipient>}, value {@code SENT} or {@code DEAD}. Loaded completely at start-up,
 * then tailed, so that outcomes written by another instance (before a rebalance handed its
 * partitions over) are known here too. Every write waits for the broker's acknowledgement.
 */
public final class KafkaOutcomeStore implements OutcomeStore, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaOutcomeStore.class);

  private final String topic;
  private final Consumer<String, byte[]> consumer;
  private final Producer<String, byte[]> producer;
  private final Clock clock;
  private final Duration retention;
  private final Map<String, Long> recorded = new HashMap<>();
  private Instant lastPrune = Instant.EPOCH;

  /**
   * @param consumer a consumer without group (the store assigns every partition itself)
   */
  public KafkaOutcomeStore(String topic, Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
      Clock clock, Duration retention) {
    this.topic = topic;
    this.consumer = consumer;
    this.producer = producer;
    this.clock = clock;
    this.retention = retention;
  }

  /** Reads the topic from the beginning up to its current end. */
  public void load(Duration timeout) {
    List<TopicPartition> partitions = TopicPartitions.of(consumer, topic, timeout);
    if (partitions.isEmpty()) {
      throw new KafkaException("outcome topic " + topic + " does not exist; create it compacted or set "
          + "topic.alerts.sent.create=true");
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    catchUp(timeout);
    log.info("event=outcomes-loaded topic={} records={}", topic, recorded.size());
  }

  /** Reads until every partition is at the end offset it had when called. */
  public void catchUp(Duration timeout) {
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!reached(end)) {
      if (System.nanoTime() > deadline) {
        throw new KafkaException("could not read outcome topic " + topic + " to its end within " + timeout);
      }
      absorb(Duration.ofMillis(100));
    }
  }

  /** Picks up what other instances wrote meanwhile, without waiting. */
  public void poll() {
    absorb(Duration.ZERO);
    Instant now = clock.instant();
    if (Duration.between(lastPrune, now).toMinutes() >= 10) {
      long horizon = now.minus(retention).toEpochMilli();
      recorded.values().removeIf(at -> at < horizon);
      lastPrune = now;
    }
  }

  @Override
  public boolean contains(String key) {
    return recorded.containsKey(key);
  }

  @Override
  public void record(String key, Outcome outcome) {
    long now = clock.millis();
    try {
      producer.send(new ProducerRecord<>(topic, key, outcome.name().getBytes(StandardCharsets.UTF_8))).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while recording outcome", e);
    } catch (ExecutionException e) {
      throw new KafkaException("could not record outcome in " + topic, e.getCause());
    }
    recorded.put(key, now);
  }

  public int size() {
    return recorded.size();
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void absorb(Duration timeout) {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
      if (r.key() == null) {
        continue;
      }
      if (r.value() == null) {
        recorded.remove(r.key());
      } else {
        recorded.merge(r.key(), r.timestamp(), Math::max);
      }
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
