package com.complaintflow.reconcile;

import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Where the reconciler reads a topic's committed records from: Kafka ({@link TopicSnapshot}) or, in tests, a list. */
interface RecordSource {
  /** The records of {@code topic} stamped from {@code from} to {@code to}; empty when the topic does not exist. */
  List<ConsumerRecord<byte[], byte[]>> read(String topic, Instant from, Instant to);
}
