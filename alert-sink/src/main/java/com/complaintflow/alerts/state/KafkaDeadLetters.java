package com.complaintflow.alerts.state;

import com.complaintflow.alerts.delivery.DeadLetters;
import com.complaintflow.schemas.avro.DeadAlert;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;

/** Publishes undeliverable alerts to {@code alerts.dead}, keyed by alert id, and waits for the ack. */
public final class KafkaDeadLetters implements DeadLetters {
  private final String topic;
  private final Producer<String, byte[]> producer;
  private final Serializer<DeadAlert> serializer;

  public KafkaDeadLetters(String topic, Producer<String, byte[]> producer, Serializer<DeadAlert> serializer) {
    this.topic = topic;
    this.producer = producer;
    this.serializer = serializer;
  }

  @Override
  public void publish(DeadAlert dead) {
    byte[] value = serializer.serialize(topic, dead);
    try {
      producer.send(new ProducerRecord<>(topic, dead.getAlert().getAlertId(), value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaException("interrupted while dead-lettering", e);
    } catch (ExecutionException e) {
      throw new KafkaException("could not write to " + topic, e.getCause());
    }
  }
}
