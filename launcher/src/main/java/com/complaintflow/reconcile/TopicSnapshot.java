package com.complaintflow.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one topic as it stands now: every partition, no consumer group (commits nothing, disturbs
 * no one), only committed transactional records, from the first record at or after {@code from}
 * up to the end offsets taken at the start. Records stamped after {@code to} are left out.
 */
final class TopicSnapshot implements RecordSource {
  private final Map<String, Object> clientProps;

  TopicSnapshot(Map<String, Object> clientProps) {
    this.clientProps = clientProps;
  }

  @Override
  public List<ConsumerRecord<byte[], byte[]>> read(String topic, Instant from, Instant to) {
    Properties props = new Properties();
    props.putAll(clientProps);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
      if (infos == null || infos.isEmpty()) {
        return out;
      }
      List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      Map<TopicPartition, Long> times = new HashMap<>();
      partitions.forEach(tp -> times.put(tp, from.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(times, Duration.ofSeconds(30));
      Map<TopicPartition, Long> remaining = new HashMap<>();
      for (TopicPartition tp : partitions) {
        OffsetAndTimestamp o = start.get(tp);
        long first = o == null ? end.get(tp) : o.offset();
        consumer.seek(tp, first);
        if (first < end.get(tp)) {
          remaining.put(tp, end.get(tp));
        }
      }
      long idleDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!remaining.isEmpty()) {
        var records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          idleDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
          TopicPartition tp = new TopicPartition(r.topic(), r.partition());
          Long stop = remaining.get(tp);
          if (stop == null || r.offset() >= stop) {
            continue;
          }
          if (r.timestamp() <= to.toEpochMilli()) {
            out.add(r);
          }
        }
        // a partition is done when its position reached the end (transaction markers and aborted
        // records occupy offsets that poll never returns)
        remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
        if (System.nanoTime() > idleDeadline) {
          throw new IllegalStateException("reading " + topic + " made no progress for 30 s; partitions left: "
              + remaining.keySet());
        }
      }
    }
    return out;
  }
}
