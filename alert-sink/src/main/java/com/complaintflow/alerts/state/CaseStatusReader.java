package com.complaintflow.alerts.state;

import com.complaintflow.alerts.delivery.ResolvedCases;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the {@code cases} changelog to know which cases are resolved or closed right now.
 * Starts {@code cases.lookback.ms} back (every instance reads every partition; no consumer group)
 * and keeps only resolved cases, forgetting those resolved longer ago than the look-back.
 */
public final class CaseStatusReader implements ResolvedCases, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CaseStatusReader.class);
  /** How long a just-created cases topic may take to show up in metadata. */
  private static final Duration METADATA_WAIT = Duration.ofSeconds(10);

  private final String topic;
  private final Consumer<String, byte[]> consumer;
  private final Deserializer<CaseEvent> deserializer;
  private final Clock clock;
  private final Duration lookback;
  /** case id -> when it was resolved or closed (event time, millis). */
  private final Map<String, Long> resolved = new HashMap<>();
  private Instant lastPrune = Instant.EPOCH;

  public CaseStatusReader(String topic, Consumer<String, byte[]> consumer, Deserializer<CaseEvent> deserializer,
      Clock clock, Duration lookback) {
    this.topic = topic;
    this.consumer = consumer;
    this.deserializer = deserializer;
    this.clock = clock;
    this.lookback = lookback;
  }

  public void start(Duration timeout) {
    List<TopicPartition> partitions = TopicPartitions.of(consumer, topic, METADATA_WAIT);
    if (partitions.isEmpty()) {
      log.warn("event=cases-topic-missing topic={} effect=no-alert-is-dropped-as-resolved", topic);
      return;
    }
    consumer.assign(partitions);
    long from = clock.instant().minus(lookback).toEpochMilli();
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, from));
    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query, timeout);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp at = offsets.get(tp);
      consumer.seek(tp, at == null ? end.get(tp) : at.offset());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
      poll(Duration.ofMillis(100));
    }
    log.info("event=cases-loaded topic={} resolvedCases={}", topic, resolved.size());
  }

  public void poll() {
    if (!consumer.assignment().isEmpty()) {
      poll(Duration.ZERO);
    }
  }

  private void poll(Duration timeout) {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
      if (r.value() == null) {
        continue;
      }
      CaseEvent event;
      try {
        event = deserializer.deserialize(r.topic(), r.headers(), r.value());
      } catch (SerializationException e) {
        log.warn("event=case-event-undecodable topic={} partition={} offset={} reason=undecodable-case-event",
            r.topic(), r.partition(), r.offset());
        continue;
      }
      if (event.getStatus() == CaseStatus.RESOLVED || event.getStatus() == CaseStatus.CLOSED) {
        resolved.put(event.getCaseId(), event.getAt().toEpochMilli());
      } else {
        resolved.remove(event.getCaseId());
      }
    }
    Instant now = clock.instant();
    if (Duration.between(lastPrune, now).toMinutes() >= 10) {
      long horizon = now.minus(lookback).toEpochMilli();
      resolved.values().removeIf(at -> at < horizon);
      lastPrune = now;
    }
  }

  @Override
  public boolean isResolved(String caseId) {
    return resolved.containsKey(caseId);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
