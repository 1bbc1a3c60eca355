package com.complaintflow.launcher.tail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

/** Logical types and plain types that the generated classes of this project do not all use. */
class AvroJsonTest {

  @Test
  void logicalAndPlainTypes() {
    Schema date = LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
    Schema timeMillis = LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT));
    Schema micros = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    Schema schema = SchemaBuilder.record("R").fields()
        .name("d").type(date).noDefault()
        .name("t").type(timeMillis).noDefault()
        .name("us").type(micros).noDefault()
        .name("b").type().bytesType().noDefault()
        .name("n").type().doubleType().noDefault()
        .name("f").type().booleanType().noDefault()
        .endRecord();
    GenericData.Record record = new GenericData.Record(schema);
    record.put("d", 20_000);
    record.put("t", 3_600_000 + 1);
    record.put("us", 1_000_001L);
    record.put("b", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    record.put("n", 2.5);
    record.put("f", true);
    assertEquals("{\"d\":\"2024-10-04\",\"t\":\"01:00:00.001\",\"us\":\"1970-01-01T00:00:01.000001Z\","
        + "\"b\":\"AQID\",\"n\":2.5,\"f\":true}", AvroJson.toJson(record, schema).toString());
  }
}
