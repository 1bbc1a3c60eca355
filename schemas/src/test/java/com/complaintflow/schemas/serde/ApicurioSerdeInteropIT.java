package com.complaintflow.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.complaintflow.schemas.Samples;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Cross-implementation check: Apicurio's own serde, an independent implementation of the
 * Confluent wire format speaking Apicurio's native API, reads what ours writes and writes what
 * ours reads, on the same broker and registry.
 */
class ApicurioSerdeInteropIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();

  private static final int COUNT = 50;

  private Map<String, Object> apicurioConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(SerdeConfig.REGISTRY_URL, registry.nativeUrl());
    config.put(SerdeConfig.ENABLE_HEADERS, "false");
    config.put(SerdeConfig.ID_HANDLER, "io.apicurio.registry.serde.Legacy4ByteIdHandler");
    config.put(SerdeConfig.USE_ID, "contentId");
    config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, "true");
    config.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, "true");
    return config;
  }

  private Map<String, Object> ourConfig() {
    return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
  }

  @Test
  void apicurioReadsWhatWeWrite() {
    String topic = kafka.newTopic("complaints", 1);
    List<Complaint> sent = produce(topic, AvroSerde.specific(Complaint.class, ourConfig(), false).serializer());

    AvroKafkaDeserializer<Complaint> theirs = new AvroKafkaDeserializer<>();
    theirs.configure(apicurioConfig(), false);
    assertEquals(sent, consume(topic, theirs));
  }

  @Test
  void weReadWhatApicurioWrites() {
    String topic = kafka.newTopic("complaints", 1);
    AvroKafkaSerializer<Complaint> theirs = new AvroKafkaSerializer<>();
    theirs.configure(apicurioConfig(), false);
    List<Complaint> sent = produce(topic, theirs);

    assertEquals(sent, consume(topic, AvroSerde.specific(Complaint.class, ourConfig(), false).deserializer()));
  }

  private List<Complaint> produce(String topic, Serializer<Complaint> serializer) {
    List<Complaint> sent = new ArrayList<>();
    try (KafkaProducer<String, Complaint> producer =
        new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), serializer)) {
      for (int i = 0; i < COUNT; i++) {
        Complaint complaint = Samples.complaint(i);
        sent.add(complaint);
        producer.send(new ProducerRecord<>(topic, complaint.getClientKey(), complaint));
      }
      producer.flush();
    }
    return sent;
  }

  private List<Complaint> consume(String topic, Deserializer<Complaint> deserializer) {
    List<ConsumerRecord<String, Complaint>> records = kafka.readAll(
        topic, new StringDeserializer(), deserializer, COUNT, Duration.ofSeconds(60));
    return records.stream().map(ConsumerRecord::value).toList();
  }
}
