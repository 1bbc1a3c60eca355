package com.complaintflow.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.registry.InMemorySchemaRegistry;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes from the Confluent wire-format specification: magic byte 0x00, the schema id as a
 * 4-byte big-endian int, then the Avro binary encoding (Avro 1.12 specification: zig-zag varints
 * for int/long and lengths, union branch index before the value, arrays in blocks ended by 0).
 * The expected bytes are written out by hand from those two specifications, not produced by the
 * code under test.
 */
class WireFormatGoldenTest {
  private static final String SCOPE = "golden-" + System.nanoTime();
  private static final Map<String, Object> CONFIG =
      Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE);

  @AfterEach
  void dropScope() {
    InMemorySchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void specificRecordWithSchemaId42() {
    InMemorySchemaRegistry.forUrl("mock://" + SCOPE).register("clients-value", Client.getClassSchema(), 42);
    Client client = Client.newBuilder()
        .setClientId("c1")
        .setTier(ClientTier.A)
        .setEmails(List.of("a@b.c"))
        .setLanguage("ru")
        .setUpdatedAt(Instant.ofEpochMilli(1000))
        .build();

    byte[] expected = HexFormat.of().parseHex(
        "00" + "0000002a"      // magic byte, schema id 42
        + "046331"             // clientId: length 2 (zig-zag 4), "c1"
        + "00"                 // tier: enum index 0 (A)
        + "00"                 // name: union branch 0 (null)
        + "02" + "0a6140622e63" + "00" // emails: block of 1, "a@b.c" (length 5), end of array
        + "00"                 // phones: empty
        + "00"                 // accountIds: empty
        + "00"                 // accountManagerId: null
        + "02" + "047275"      // language: branch 1, "ru"
        + "02" + "d00f");      // updatedAt: branch 1, long 1000 (zig-zag 2000 = 0xd0 0x0f)

    try (AvroSerde<Client> serde = AvroSerde.specific(Client.class, CONFIG, false)) {
      byte[] actual = serde.serializer().serialize("clients", client);
      assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(actual));
      assertEquals(client, serde.deserializer().deserialize("clients", expected));
    }
  }

  @Test
  void genericRecordWithSchemaId42() {
    Schema schema = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"User\",\"fields\":["
            + "{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"int\"}]}");
    InMemorySchemaRegistry.forUrl("mock://" + SCOPE).register("users-value", schema, 42);
    GenericRecord user = new GenericData.Record(schema);
    user.put("name", "Ann");
    user.put("age", 30);

    byte[] expected = {0x00, 0x00, 0x00, 0x00, 0x2a, 0x06, 'A', 'n', 'n', 0x3c};

    try (AvroSerde<GenericRecord> serde = AvroSerde.generic()) {
      serde.configure(CONFIG, false);
      assertArrayEquals(expected, serde.serializer().serialize("users", user));
      GenericRecord back = serde.deserializer().deserialize("users", expected);
      assertEquals("Ann", back.get("name").toString());
      assertEquals(30, back.get("age"));
    }
  }
}
