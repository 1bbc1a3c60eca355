package com.complaintflow.launcher.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.CompensationType;
import com.complaintflow.schemas.avro.ContactPoints;
import com.complaintflow.schemas.avro.Resolution;
import com.complaintflow.schemas.registry.InMemorySchemaRegistry;
import com.complaintflow.schemas.serde.AvroSerde;
import com.complaintflow.schemas.serde.AvroSerdeConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordJsonTest {
  private static final String SCOPE = "record-json-test";
  private static final Map<String, Object> CONFIG =
      Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

  private final RecordJson renderer = new RecordJson(generic());

  private static org.apache.kafka.common.serialization.Deserializer<GenericRecord> generic() {
    AvroSerde<GenericRecord> serde = AvroSerde.generic();
    serde.configure(CONFIG, false);
    return serde.deserializer();
  }

  @AfterEach
  void dropRegistry() {
    InMemorySchemaRegistry.dropScope(SCOPE);
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> byte[] avro(String topic, T value, Class<T> type) {
    try (Serde<T> serde = AvroSerde.specific(type, CONFIG, false)) {
      return serde.serializer().serialize(topic, value);
    }
  }

  private JsonNode render(String topic, String key, byte[] value) throws Exception {
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(topic, 2, 41L,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    String line = renderer.render(record);
    assertTrue(!line.contains("\n"), "one line: " + line);
    return JSON.readTree(line);
  }

  @Test
  void avroComplaintBecomesPlainJsonWithIsoTimestamps() throws Exception {
    Complaint complaint = Complaint.newBuilder()
        .setComplaintId("c-1").setChannel(Channel.EMAIL).setSourceSystem("imap:complaints")
        .setSourceId("<m1@example.com>").setReceivedAt(Instant.parse("2026-11-22T10:15:30.123Z"))
        .setClientKey("ivan@example.com")
        .setContact(ContactPoints.newBuilder().setEmail("ivan@example.com").build())
        .setSubject("Доставка задерживается").setBody("…")
        .setAttributes(Map.of("x-mailer", "Thunderbird"))
        .build();
    JsonNode line = render("complaints", "ivan@example.com", avro("complaints", complaint, Complaint.class));

    assertEquals("complaints", line.get("topic").asText());
    assertEquals(2, line.get("partition").asInt());
    assertEquals(41, line.get("offset").asLong());
    assertEquals("ivan@example.com", line.get("key").asText());
    JsonNode value = line.get("value");
    assertEquals("EMAIL", value.get("channel").asText(), "enum as its symbol");
    assertEquals("2026-11-22T10:15:30.123Z", value.get("receivedAt").asText(), "timestamp-millis as ISO-8601");
    assertTrue(value.get("sentAt").isNull(), "null branch of a union");
    assertEquals("ivan@example.com", value.get("contact").get("email").asText(), "union without a type wrapper");
    assertEquals("Доставка задерживается", value.get("subject").asText());
    assertEquals("Thunderbird", value.get("attributes").get("x-mailer").asText());
    assertTrue(value.get("attachments").isArray());
    assertEquals("com.complaintflow.schemas.avro.Complaint", line.get("schema").asText());
  }

  @Test
  void decimalIsAnExactNumber() throws Exception {
    CaseAction action = CaseAction.newBuilder()
        .setActionId("a-1").setCaseId("case-1").setType(CaseActionType.RESOLVED).setActor("AG-1")
        .setAt(Instant.parse("2026-11-22T11:00:00Z"))
        .setResolution(Resolution.newBuilder().setCompensationType(CompensationType.REFUND)
            .setCompensationAmount(new BigDecimal("1500.50")).setCurrency("RUB").build())
        .build();
    JsonNode value = render("case-actions", "case-1", avro("case-actions", action, CaseAction.class)).get("value");
    JsonNode amount = value.get("resolution").get("compensationAmount");
    assertTrue(amount.isNumber(), amount.toString());
    assertEquals(new BigDecimal("1500.50"), amount.decimalValue());
    assertEquals("REFUND", value.get("resolution").get("compensationType").asText());
  }

  @Test
  void jsonTextIsEmbeddedAndOtherTextIsAString() throws Exception {
    JsonNode json = render("complaints.intake.web", "s-1",
        "{\"name\":\"Ann\",\"items\":[1,2]}".getBytes(StandardCharsets.UTF_8)).get("value");
    assertEquals("Ann", json.get("name").asText());
    assertEquals(List.of(1, 2), List.of(json.get("items").get(0).asInt(), json.get("items").get(1).asInt()));

    JsonNode text = render("complaints.intake.phone", null, "call;123;ANSWERED".getBytes(StandardCharsets.UTF_8));
    assertEquals("call;123;ANSWERED", text.get("value").asText());
    assertTrue(text.get("key").isNull());

    JsonNode almost = render("t", "k", "{\"a\":1} trailing".getBytes(StandardCharsets.UTF_8)).get("value");
    assertTrue(almost.isTextual(), "not valid JSON as a whole: kept as text");
  }

  @Test
  void undecodableAvroIsShownWithTheReasonAndTailingGoesOn() throws Exception {
    JsonNode line = render("complaints", "k", new byte[] {0, 0, 0, 9, 99, 1, 2});
    assertTrue(line.get("value").isNull());
    assertTrue(line.get("error").asText().contains("schema id 2403"), line.get("error").asText());
    assertEquals("AAAACWMBAg==", line.get("valueBase64").asText());
  }

  @Test
  void tombstoneHasNullValue() throws Exception {
    assertTrue(render("clients", "C-1", null).get("value").isNull());
  }
}
