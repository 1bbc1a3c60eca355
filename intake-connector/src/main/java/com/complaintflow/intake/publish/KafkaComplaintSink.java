package com.complaintflow.intake.publish;

import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.topics.Topic;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One idempotent producer (acks=all, lz4) for complaints and rejects. Values are serialized
 * before send() so that both record types share one producer and one buffer, and so that a
 * registry failure is seen at once by the caller.
 */
public final class KafkaComplaintSink implements ComplaintSink {
  private final KafkaProducer<String, byte[]> producer;
  private final Topic<String, Complaint> complaints;
  private final Topic<String, RejectedInput> rejects;
  private final Serializer<Complaint> complaintSerializer;
  private final Serializer<RejectedInput> rejectSerializer;

  public KafkaComplaintSink(Map<String, Object> kafkaProps, TopicCatalog catalog) {
    this.complaints = catalog.complaints();
    this.rejects = catalog.complaintsRejected();
    this.complaintSerializer = complaints.valueSerde().serializer();
    this.rejectSerializer = rejects.valueSerde().serializer();
    this.producer = new KafkaProducer<>(producerProps(kafkaProps), new StringSerializer(), new ByteArraySerializer());
  }

  /** Defaults that the issue fixes; anything given under kafka.* wins except the safety settings. */
  static Map<String, Object> producerProps(Map<String, Object> kafkaProps) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // A full buffer must answer 429 quickly instead of holding HTTP threads.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "complaintflow-intake");
    props.putAll(withoutConsumerKeys(kafkaProps));
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    return props;
  }

  private static Map<String, Object> withoutConsumerKeys(Map<String, Object> in) {
    Map<String, Object> out = new HashMap<>(in);
    out.keySet().removeIf(k -> k.startsWith("group.") || k.startsWith("auto.offset") || k.startsWith("isolation."));
    return out;
  }

  @Override
  public CompletableFuture<Void> complaint(Complaint complaint) {
    byte[] value = serialize(complaintSerializer, complaints.name(), complaint);
    return send(new ProducerRecord<>(complaints.name(), complaint.getClientKey(), value));
  }

  @Override
  public CompletableFuture<Void> reject(RejectedInput reject) {
    byte[] value = serialize(rejectSerializer, rejects.name(), reject);
    String key = reject.getSourceId() != null ? reject.getSourceId() : reject.getRejectId();
    return send(new ProducerRecord<>(rejects.name(), key, value));
  }

  private static <T> byte[] serialize(Serializer<T> serializer, String topic, T value) {
    try {
      return serializer.serialize(topic, value);
    } catch (SerializationException e) {
      throw new SinkUnavailableException("cannot serialize for " + topic + ": " + e.getMessage(), e);
    }
  }

  private CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    try {
      producer.send(record, (metadata, error) -> {
        if (error == null) {
          acked.complete(null);
        } else {
          acked.completeExceptionally(translate(error));
        }
      });
    } catch (BufferExhaustedException e) {
      throw new BufferFullException("producer buffer full", e);
    } catch (TimeoutException e) {
      throw new SinkUnavailableException("Kafka did not answer within max.block.ms: " + e.getMessage(), e);
    }
    return acked;
  }

  /**
   * KafkaProducer reports a full buffer and a metadata timeout through the callback (they are
   * ApiExceptions) rather than by throwing; callers see them as the same two types either way.
   */
  static Throwable translate(Throwable error) {
    if (error instanceof BufferExhaustedException) {
      return new BufferFullException("producer buffer full", error);
    }
    if (error instanceof TimeoutException && String.valueOf(error.getMessage()).contains("metadata")) {
      return new SinkUnavailableException("Kafka metadata unavailable: " + error.getMessage(), error);
    }
    return error;
  }

  @Override
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
    complaintSerializer.close();
    rejectSerializer.close();
  }
}
