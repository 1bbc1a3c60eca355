package com.complaintflow.alerts.state;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Copies a record of the alerts topic that is not a decodable Alert to the undecodable-records
 * topic: key and value bytes unchanged, the original headers kept, and headers added that say
 * where it came from and why it was set aside. A DeadAlert cannot carry it (it holds an Alert),
 * and re-encoding would lose exactly the bytes someone needs to look at. Waits for the ack, so
 * the caller may commit the source offset afterwards.
 */
public final class KafkaUndecodableRecords {
  public static final String SOURCE_TOPIC = "complaintflow.source.topic";
  public static final String SOURCE_PARTITION = "complaintflow.source.partition";
  public static final String SOURCE_OFFSET = "complaintflow.source.offset";
  public static final String SOURCE_TIMESTAMP = "complaintflow.source.timestamp";
  public static final String REASON = "complaintflow.reason";
  public static final String DETAIL = "complaintflow.detail";

  private final String topic;
  private final Producer<byte[], byte[]> producer;

  public KafkaUndecodableRecords(String topic, Producer<byte[], byte[]> producer) {
    this.topic = topic;
    this.producer = producer;
  }

  public String topic() {
    return topic;
  }

  /** @throws KafkaException when the copy is not acknowledged (the source offset must then stay uncommitted) */
  public void copy(ConsumerRecord<byte[], byte[]> r, String reason, String detail) {
    Headers headers = new RecordHeaders(r.headers().toArray());
    add(headers, SOURCE_TOPIC, r.topic());
    add(headers, SOURCE_PARTITION, Integer.toString(r.partition()));
    add(headers, SOURCE_OFFSET, Long.toString(r.offset()));
    add(headers, SOURCE_TIMESTAMP, Long.toString(r.timestamp()));
    add(headers, REASON, reason);
    if (detail != null) {
      add(headers, DETAIL, detail.length() > 1000 ? detail.substring(0, 1000) : detail);
    }
    // the copy gets the time of copying: the source timestamp (in a header) may be older than the topic's retention
    try {
      producer.send(new ProducerRecord<>(topic, null, null, r.key(), r.value(), headers)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while copying an undecodable record", e);
    } catch (ExecutionException e) {
      throw new KafkaException("could not write to " + topic, e.getCause());
    }
  }

  private static void add(Headers headers, String key, String value) {
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }
}
