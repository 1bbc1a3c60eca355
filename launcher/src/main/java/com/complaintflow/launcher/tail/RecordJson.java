package com.complaintflow.launcher.tail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.apache.avro.generic.GenericContainer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * One Kafka record as one JSON line: topic, partition, offset, timestamp, key and value. A value
 * in the Confluent wire format (first byte 0x00) is decoded through the schema registry, whatever
 * the topic is called; any other value is UTF-8 text, embedded as JSON when it parses as JSON
 * (the raw intake topics) and as a string otherwise. A value that cannot be decoded is shown with
 * the reason and its bytes in base64, and tailing goes on.
 */
public final class RecordJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final ObjectMapper JSON = new ObjectMapper().setNodeFactory(NODES)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Deserializer<? extends GenericContainer> avro;

  /** @param avro a configured generic Avro deserializer (AvroSerde.generic().deserializer()) */
  public RecordJson(Deserializer<? extends GenericContainer> avro) {
    this.avro = avro;
  }

  public String render(ConsumerRecord<byte[], byte[]> record) {
    ObjectNode line = NODES.objectNode();
    line.put("topic", record.topic());
    line.put("partition", record.partition());
    line.put("offset", record.offset());
    line.put("timestamp", record.timestamp() < 0 ? null : Instant.ofEpochMilli(record.timestamp()).toString());
    line.put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
    decodeValue(record.topic(), record.value(), line);
    return line.toString();
  }

  private void decodeValue(String topic, byte[] value, ObjectNode line) {
    if (value == null) {
      line.putNull("value");
      return;
    }
    if (value.length > 0 && value[0] == 0) {
      try {
        GenericContainer datum = avro.deserialize(topic, value);
        line.set("value", AvroJson.toJson(datum, datum.getSchema()));
        line.put("schema", datum.getSchema().getFullName());
      } catch (SerializationException e) {
        line.putNull("value");
        line.put("error", e.getMessage());
        line.put("valueBase64", Base64.getEncoder().encodeToString(value));
      }
      return;
    }
    String text = new String(value, StandardCharsets.UTF_8);
    line.set("value", parseJson(text));
  }

  static JsonNode parseJson(String text) {
    try {
      JsonNode parsed = JSON.readTree(text);
      return parsed == null || parsed.isMissingNode() ? NODES.textNode(text) : parsed;
    } catch (JsonProcessingException notJson) {
      return NODES.textNode(text);
    }
  }
}
