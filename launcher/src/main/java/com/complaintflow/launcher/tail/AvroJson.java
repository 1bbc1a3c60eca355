package com.complaintflow.launcher.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Avro data as plain JSON for people and {@code jq}: records as objects, unions as the branch's
 * value (no {@code {"string": ...}} wrapper as in Avro's own JSON encoding), enums as their
 * symbol, timestamps as ISO-8601 instants, dates and times in ISO form, decimals as exact JSON
 * numbers, bytes as base64.
 */
public final class AvroJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

  private AvroJson() {}

  public static JsonNode toJson(Object datum, Schema schema) {
    if (datum == null) {
      return NODES.nullNode();
    }
    LogicalType logical = schema.getLogicalType();
    switch (schema.getType()) {
      case RECORD -> {
        IndexedRecord record = (IndexedRecord) datum;
        ObjectNode object = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
          object.set(field.name(), toJson(record.get(field.pos()), field.schema()));
        }
        return object;
      }
      case UNION -> {
        int branch = GenericData.get().resolveUnion(schema, datum);
        return toJson(datum, schema.getTypes().get(branch));
      }
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (Object item : (Collection<?>) datum) {
          array.add(toJson(item, schema.getElementType()));
        }
        return array;
      }
      case MAP -> {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) datum).entrySet()) {
          object.set(e.getKey().toString(), toJson(e.getValue(), schema.getValueType()));
        }
        return object;
      }
      case ENUM, STRING -> {
        return NODES.textNode(datum.toString());
      }
      case BYTES, FIXED -> {
        if (datum instanceof BigDecimal decimal) {
          return NODES.numberNode(decimal);
        }
        if (logical instanceof LogicalTypes.Decimal) {
          BigDecimal decimal = datum instanceof ByteBuffer buffer
              ? DECIMALS.fromBytes(buffer.duplicate(), schema, logical)
              : DECIMALS.fromFixed((GenericFixed) datum, schema, logical);
          return NODES.numberNode(decimal);
        }
        byte[] bytes = datum instanceof GenericFixed fixed ? fixed.bytes() : remaining((ByteBuffer) datum);
        return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
      }
      case INT -> {
        if (datum instanceof LocalDate || datum instanceof LocalTime) {
          return NODES.textNode(datum.toString());
        }
        int value = ((Number) datum).intValue();
        if (logical instanceof LogicalTypes.Date) {
          return NODES.textNode(LocalDate.ofEpochDay(value).toString());
        }
        if (logical instanceof LogicalTypes.TimeMillis) {
          return NODES.textNode(LocalTime.ofNanoOfDay(value * 1_000_000L).toString());
        }
        return NODES.numberNode(value);
      }
      case LONG -> {
        if (!(datum instanceof Number)) {
          return NODES.textNode(datum.toString());
        }
        long value = ((Number) datum).longValue();
        if (logical instanceof LogicalTypes.TimestampMillis) {
          return NODES.textNode(Instant.ofEpochMilli(value).toString());
        }
        if (logical instanceof LogicalTypes.TimestampMicros) {
          return NODES.textNode(Instant.EPOCH.plus(value, ChronoUnit.MICROS).toString());
        }
        if (logical instanceof LogicalTypes.LocalTimestampMillis) {
          return NODES.textNode(java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(value, 1000),
              (int) Math.floorMod(value, 1000) * 1_000_000, java.time.ZoneOffset.UTC).toString());
        }
        if (logical instanceof LogicalTypes.TimeMicros) {
          return NODES.textNode(LocalTime.ofNanoOfDay(value * 1_000L).toString());
        }
        return NODES.numberNode(value);
      }
      case FLOAT -> {
        return NODES.numberNode(((Number) datum).floatValue());
      }
      case DOUBLE -> {
        return NODES.numberNode(((Number) datum).doubleValue());
      }
      case BOOLEAN -> {
        return NODES.booleanNode((Boolean) datum);
      }
      case NULL -> {
        return NODES.nullNode();
      }
      default -> throw new IllegalArgumentException("unsupported Avro type " + schema.getType());
    }
  }

  private static byte[] remaining(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
