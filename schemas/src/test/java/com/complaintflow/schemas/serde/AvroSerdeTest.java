package com.complaintflow.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.Samples;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.Resolution;
import com.complaintflow.schemas.registry.InMemorySchemaRegistry;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  private final String scope = "serde-" + System.nanoTime();
  private final Map<String, Object> config =
      Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + scope);

  private static final String V1 = "{\"type\":\"record\",\"name\":\"Note\",\"namespace\":\"t\","
      + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"text\",\"type\":\"string\"}]}";
  private static final String V2 = "{\"type\":\"record\",\"name\":\"Note\",\"namespace\":\"t\","
      + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"text\",\"type\":\"string\"},"
      + "{\"name\":\"lang\",\"type\":[\"null\",\"string\"],\"default\":null}]}";

  @AfterEach
  void drop() {
    InMemorySchemaRegistry.dropScope(scope);
  }

  @Test
  void complaintRoundTripsWithEveryFieldSet() {
    Complaint complaint = Samples.complaint(7);
    try (AvroSerde<Complaint> serde = AvroSerde.specific(Complaint.class, config, false)) {
      byte[] bytes = serde.serializer().serialize("complaints", complaint);
      assertEquals(0, bytes[0]);
      assertEquals(complaint, serde.deserializer().deserialize("complaints", bytes));
    }
  }

  @Test
  void moneyKeepsItsScale() {
    Resolution resolution = Resolution.newBuilder()
        .setCompensationAmount(new BigDecimal("1499.90")).setCurrency("RUB").build();
    try (AvroSerde<Resolution> serde = AvroSerde.specific(Resolution.class, config, false)) {
      Resolution back = serde.deserializer().deserialize("r",
          serde.serializer().serialize("r", resolution));
      assertEquals(new BigDecimal("1499.90"), back.getCompensationAmount());
    }
  }

  @Test
  void nullsStayNull() {
    try (AvroSerde<Complaint> serde = AvroSerde.specific(Complaint.class, config, false)) {
      assertNull(serde.serializer().serialize("complaints", null));
      assertNull(serde.deserializer().deserialize("complaints", null));
    }
  }

  @Test
  void oldAndNewReadersReadOldAndNewRecords() {
    Schema v1 = new Schema.Parser().parse(V1);
    Schema v2 = new Schema.Parser().parse(V2);
    GenericRecord old = new GenericData.Record(v1);
    old.put("id", "1");
    old.put("text", "old");
    GenericRecord fresh = new GenericData.Record(v2);
    fresh.put("id", "2");
    fresh.put("text", "new");
    fresh.put("lang", "bg");

    var registry = InMemorySchemaRegistry.forUrl("mock://" + scope);
    AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry, config, false);
    byte[] oldBytes = serializer.serialize("notes", old);
    byte[] newBytes = serializer.serialize("notes", fresh);

    var v1Reader = AvroDeserializer.generic(registry, v1);
    var v2Reader = AvroDeserializer.generic(registry, v2);
    GenericRecord newAsOld = (GenericRecord) v1Reader.deserialize("notes", newBytes);
    assertEquals("new", newAsOld.get("text").toString());
    assertNull(newAsOld.getSchema().getField("lang"));
    GenericRecord oldAsNew = (GenericRecord) v2Reader.deserialize("notes", oldBytes);
    assertEquals("old", oldAsNew.get("text").toString());
    assertNull(oldAsNew.get("lang"));
    assertEquals("bg", v2Reader.deserialize("notes", newBytes) instanceof GenericRecord r
        ? r.get("lang").toString() : null);
  }

  @Test
  void wrongMagicByteNamesTopicAndByte() {
    byte[] bytes = validBytes();
    bytes[0] = 0x7b; // '{': someone wrote JSON
    SerializationException e = assertThrows(SerializationException.class,
        () -> deserializer().deserialize("complaints", bytes));
    assertTrue(e.getMessage().contains("topic complaints"), e.getMessage());
    assertTrue(e.getMessage().contains("magic byte 0x7b"), e.getMessage());
  }

  @Test
  void unknownSchemaIdNamesTheId() {
    byte[] bytes = validBytes();
    bytes[1] = 0x7f; // id 0x7f000001
    SerializationException e = assertThrows(SerializationException.class,
        () -> deserializer().deserialize("complaints", bytes));
    assertTrue(e.getMessage().contains("schema id " + 0x7f000001), e.getMessage());
    assertTrue(e.getMessage().contains("unknown"), e.getMessage());
    assertTrue(e.getMessage().contains("topic complaints"), e.getMessage());
  }

  @Test
  void truncatedBodyIsRefusedNotHalfDecoded() {
    byte[] bytes = validBytes();
    for (int cut : new int[] {bytes.length - 1, bytes.length / 2, 6}) {
      byte[] truncated = Arrays.copyOf(bytes, cut);
      SerializationException e = assertThrows(SerializationException.class,
          () -> deserializer().deserialize("complaints", truncated), "cut at " + cut);
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
      assertTrue(e.getMessage().contains("schema id"), e.getMessage());
    }
  }

  @Test
  void headerShorterThanFiveBytesIsRefused() {
    SerializationException e = assertThrows(SerializationException.class,
        () -> deserializer().deserialize("complaints", new byte[] {0, 0, 1}));
    assertTrue(e.getMessage().contains("too short"), e.getMessage());
  }

  @Test
  void trailingBytesAreRefused() {
    byte[] bytes = validBytes();
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
    SerializationException e = assertThrows(SerializationException.class,
        () -> deserializer().deserialize("complaints", longer));
    assertTrue(e.getMessage().contains("3 bytes left"), e.getMessage());
  }

  @Test
  void withoutAutoRegisterAnUnregisteredSchemaFailsClearly() {
    Map<String, Object> noAuto = new HashMap<>(config);
    noAuto.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, false);
    try (AvroSerde<Complaint> serde = AvroSerde.specific(Complaint.class, noAuto, false)) {
      SerializationException e = assertThrows(SerializationException.class,
          () -> serde.serializer().serialize("complaints", Samples.complaint(1)));
      assertTrue(e.getMessage().contains("complaints-value"), e.getMessage());
    }
  }

  @Test
  void useLatestVersionWritesWithTheSubjectsLatestSchema() {
    Schema v1 = new Schema.Parser().parse(V1);
    Schema v2 = new Schema.Parser().parse(V2);
    var registry = InMemorySchemaRegistry.forUrl("mock://" + scope);
    int v2Id = registry.register("notes-value", v2);
    Map<String, Object> latest = new HashMap<>(config);
    latest.put(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG, false);
    latest.put(AvroSerdeConfig.USE_LATEST_VERSION_CONFIG, true);
    GenericRecord old = new GenericData.Record(v1);
    old.put("id", "1");
    old.put("text", "written as v1");
    byte[] bytes = new AvroSerializer<GenericRecord>(registry, latest, false).serialize("notes", old);
    assertEquals(v2Id, WireFormat.readSchemaId(bytes));
    GenericRecord back = (GenericRecord) AvroDeserializer.generic(registry, v2).deserialize("notes", bytes);
    assertEquals("written as v1", back.get("text").toString());
  }

  @Test
  void confluentClassNamesSelectSubjectStrategies() {
    assertEquals(SubjectNameStrategy.RECORD_NAME, SubjectNameStrategy.parse(
        "io.confluent.kafka.serializers.subject.RecordNameStrategy"));
    assertEquals("t-com.x.R", SubjectNameStrategy.TOPIC_RECORD_NAME.subject("t", false,
        Schema.createRecord("R", null, "com.x", false, java.util.List.of())));
  }

  private byte[] validBytes() {
    try (AvroSerde<Complaint> serde = AvroSerde.specific(Complaint.class, config, false)) {
      return serde.serializer().serialize("complaints", Samples.complaint(3));
    }
  }

  private AvroDeserializer<Complaint> deserializer() {
    AvroDeserializer<Complaint> deserializer = new AvroDeserializer<>(Complaint.class);
    deserializer.configure(config, false);
    return deserializer;
  }
}
