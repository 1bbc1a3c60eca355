package com.complaintflow.intake.publish;

import com.complaintflow.schemas.avro.CaseAction;
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
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer of {@code case-actions}: idempotent, acks=all, with the same client settings as the
 * complaints producer. Its own producer, so a burst of complaints never queues agents' actions
 * behind it.
 */
public final class KafkaCaseActionSink implements CaseActionSink {
  private final KafkaProducer<String, CaseAction> producer;
  private final Topic<String, CaseAction> topic;
  private final Serializer<CaseAction> serializer;

  public KafkaCaseActionSink(Map<String, Object> kafkaProps, TopicCatalog catalog) {
    this.topic = catalog.caseActions();
    this.serializer = topic.valueSerde().serializer();
    Map<String, Object> props = new HashMap<>(KafkaComplaintSink.producerProps(kafkaProps));
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "complaintflow-intake-case-actions");
    this.producer = new KafkaProducer<>(props, new StringSerializer(), serializer);
  }

  @Override
  public CompletableFuture<Void> action(CaseAction action) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    try {
      String key = action.getCaseId().isEmpty() ? action.getCaseNumber() : action.getCaseId();
      producer.send(new ProducerRecord<>(topic.name(), key, action), (metadata, error) -> {
        if (error == null) {
          acked.complete(null);
        } else {
          acked.completeExceptionally(KafkaComplaintSink.translate(error));
        }
      });
    } catch (SerializationException e) {
      throw new SinkUnavailableException("cannot serialize for " + topic.name() + ": " + e.getMessage(), e);
    } catch (BufferExhaustedException e) {
      throw new BufferFullException("producer buffer full", e);
    } catch (TimeoutException e) {
      throw new SinkUnavailableException("Kafka did not answer within max.block.ms: " + e.getMessage(), e);
    }
    return acked;
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
