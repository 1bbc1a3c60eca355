package com.complaintflow.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.Samples;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.registry.RestSchemaRegistryClient;
import com.complaintflow.schemas.registry.SchemaRegistryException;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The serde against a real KRaft broker and a real Confluent-compatible schema registry. */
class ConfluentWireFormatIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();

  private static final String NOTE_V1 = "{\"type\":\"record\",\"name\":\"Note\",\"namespace\":\"it\","
      + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"text\",\"type\":\"string\"}]}";
  private static final String NOTE_V2 = "{\"type\":\"record\",\"name\":\"Note\",\"namespace\":\"it\","
      + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"text\",\"type\":\"string\"},"
      + "{\"name\":\"lang\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
  private static final String NOTE_V3_BREAKING = "{\"type\":\"record\",\"name\":\"Note\","
      + "\"namespace\":\"it\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},"
      + "{\"name\":\"text\",\"type\":\"string\"},{\"name\":\"lang\",\"type\":[\"null\",\"string\"],"
      + "\"default\":null},{\"name\":\"severity\",\"type\":\"int\"}]}";

  private Map<String, Object> serdeConfig() {
    return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
  }

  @Test
  void thousandComplaintsRoundTripThroughBrokerAndRegistry() {
    String topic = kafka.newTopic("complaints", 3);
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
    List<Complaint> sent = new ArrayList<>();
    try (KafkaProducer<String, Complaint> producer = new KafkaProducer<>(kafka.producerProps(),
        new StringSerializer(), new AvroSerializer<>(client, serdeConfig(), false))) {
      for (int i = 0; i < 1000; i++) {
        Complaint complaint = Samples.complaint(i);
        sent.add(complaint);
        producer.send(new ProducerRecord<>(topic, complaint.getClientKey(), complaint));
      }
      producer.flush();
    }
    long afterProducing = client.requestCount();
    assertEquals(1, afterProducing, "one register call, then the id comes from the cache");

    AvroDeserializer<Complaint> deserializer =
        new AvroDeserializer<>(client, serdeConfig(), Complaint.class);
    List<ConsumerRecord<String, Complaint>> received =
        kafka.readAll(topic, new StringDeserializer(), deserializer, 1000, Duration.ofSeconds(60));
    assertEquals(1000, received.size());
    List<Complaint> values = new ArrayList<>(received.stream().map(ConsumerRecord::value).toList());
    values.sort(java.util.Comparator.comparing(Complaint::getComplaintId));
    assertEquals(sent, values);
    assertEquals(afterProducing, client.requestCount(), "reading made no registry call");

    // the subject follows TopicNameStrategy and holds exactly one version
    RestSchemaRegistryClient fresh = new RestSchemaRegistryClient(registry.url());
    assertEquals(List.of(1), fresh.versions(topic + "-value"));
    assertEquals(Complaint.getClassSchema(), fresh.latest(topic + "-value").schema());
    // a reader configured from scratch fetches the writer schema by id from the registry
    AvroDeserializer<Complaint> cold = new AvroDeserializer<>(Complaint.class);
    cold.configure(serdeConfig(), false);
    var again = kafka.readAll(topic, new StringDeserializer(), cold, 1000, Duration.ofSeconds(60));
    assertEquals(1000, again.size());
    assertEquals(received.get(0).value(), again.get(0).value());
  }

  @Test
  void evolvedSchemaRegistersAndOldAndNewReadersReadBoth() {
    String topic = kafka.newTopic("notes", 1);
    String subject = topic + "-value";
    Schema v1 = new Schema.Parser().parse(NOTE_V1);
    Schema v2 = new Schema.Parser().parse(NOTE_V2);
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());

    try (KafkaProducer<String, GenericRecord> producer = new KafkaProducer<>(kafka.producerProps(),
        new StringSerializer(), new AvroSerializer<>(client, serdeConfig(), false))) {
      producer.send(new ProducerRecord<>(topic, "1", note(v1, "1", "first", null)));
      producer.flush();
      client.setCompatibility(subject, "BACKWARD");
      assertEquals("BACKWARD", client.compatibility(subject));
      assertTrue(client.isCompatible(subject, v2));
      producer.send(new ProducerRecord<>(topic, "2", note(v2, "2", "second", "bg")));
      producer.flush();
    }
    assertEquals(2, client.versions(subject).size());

    var oldReader = AvroDeserializer.generic(new RestSchemaRegistryClient(registry.url()), v1);
    var newReader = AvroDeserializer.generic(new RestSchemaRegistryClient(registry.url()), v2);
    var asOld = kafka.readAll(topic, new StringDeserializer(), oldReader, 2, Duration.ofSeconds(30));
    var asNew = kafka.readAll(topic, new StringDeserializer(), newReader, 2, Duration.ofSeconds(30));
    assertEquals(2, asOld.size());
    assertEquals(2, asNew.size());
    GenericRecord secondAsOld = (GenericRecord) asOld.get(1).value();
    assertEquals("second", secondAsOld.get("text").toString());
    assertNull(secondAsOld.getSchema().getField("lang"));
    GenericRecord firstAsNew = (GenericRecord) asNew.get(0).value();
    assertEquals("first", firstAsNew.get("text").toString());
    assertNull(firstAsNew.get("lang"));
    assertEquals("bg", ((GenericRecord) asNew.get(1).value()).get("lang").toString());
  }

  @Test
  void incompatibleChangeIsRefusedAndTheErrorSaysSo() {
    String topic = kafka.newTopic("notes", 1);
    String subject = topic + "-value";
    Schema v2 = new Schema.Parser().parse(NOTE_V2);
    Schema v3 = new Schema.Parser().parse(NOTE_V3_BREAKING);
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(registry.url());
    client.register(subject, v2);
    client.setCompatibility(subject, "BACKWARD");
    assertTrue(!client.isCompatible(subject, v3), "a new required field is not BACKWARD");

    try (KafkaProducer<String, GenericRecord> producer = new KafkaProducer<>(kafka.producerProps(),
        new StringSerializer(), new AvroSerializer<>(client, serdeConfig(), false))) {
      GenericRecord record = note(v3, "3", "third", null);
      record.put("severity", 2);
      SerializationException e = assertThrows(SerializationException.class,
          () -> producer.send(new ProducerRecord<>(topic, "3", record)));
      assertTrue(e.getMessage().contains(subject), e.getMessage());
      assertTrue(e.getMessage().contains("incompatible"), e.getMessage());
      SchemaRegistryException cause = (SchemaRegistryException) e.getCause();
      assertEquals(409, cause.status());
    }
    assertEquals(1, client.versions(subject).size(), "the registry kept only the compatible version");
  }

  private static GenericRecord note(Schema schema, String id, String text, String lang) {
    GenericRecord record = new GenericData.Record(schema);
    record.put("id", id);
    record.put("text", text);
    if (lang != null) {
      record.put("lang", lang);
    }
    return record;
  }
}
