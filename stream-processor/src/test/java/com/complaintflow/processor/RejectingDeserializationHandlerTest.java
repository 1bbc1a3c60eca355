package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.complaintflow.processor.errors.ProcessorConfigKeys;
import com.complaintflow.processor.errors.RejectingDeserializationHandler;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.registry.InMemorySchemaRegistry;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RejectingDeserializationHandlerTest {
  private static final String SCOPE = "deser-handler-test";

  @AfterEach
  void drop() {
    InMemorySchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void aPoisonActionBecomesARejectOnTheActionRejectTopicWithItsCoordinates() {
    Map<String, Object> catalogConfig = Map.of("schema.registry.url", "mock://" + SCOPE);
    RejectingDeserializationHandler handler = new RejectingDeserializationHandler();
    Instant now = Instant.parse("2026-03-02T10:00:00Z");
    handler.configure(Map.of(ProcessorConfigKeys.CATALOG_CONFIG, catalogConfig,
        ProcessorConfigKeys.CLOCK_CONFIG, Clock.fixed(now, ZoneOffset.UTC)));
    byte[] key = "CF-1".getBytes(StandardCharsets.UTF_8);
    ConsumerRecord<byte[], byte[]> poison = new ConsumerRecord<>("case-actions", 3, 42L, key,
        "mail from ivan@example.com".getBytes(StandardCharsets.UTF_8));

    DeserializationExceptionHandler.Response response = handler.handleError(context(),
        poison, new SerializationException("unknown magic byte"));

    assertEquals(DeserializationExceptionHandler.Result.RESUME, response.result());
    assertEquals(1, response.deadLetterQueueRecords().size());
    ProducerRecord<byte[], byte[]> out = response.deadLetterQueueRecords().get(0);
    assertEquals("case-actions.rejected", out.topic());
    assertArrayEquals(key, out.key());
    TopicCatalog catalog = new TopicCatalog(catalogConfig);
    RejectedInput reject = catalog.caseActionsRejected().valueSerde().deserializer()
        .deserialize(out.topic(), out.value());
    assertEquals("undeserializable", reject.getReason());
    assertEquals("case-actions", reject.getTopic());
    assertEquals(3, reject.getPartition());
    assertEquals(42L, reject.getOffset());
    assertEquals(now, reject.getRejectedAt());
    assertEquals("mail from i***@e***.com", reject.getExcerpt());
  }

  private static ErrorHandlerContext context() {
    return new ErrorHandlerContext() {
      public String topic() { return "case-actions"; }
      public int partition() { return 3; }
      public long offset() { return 42L; }
      public org.apache.kafka.common.header.Headers headers() { return new RecordHeaders(); }
      public String processorNodeId() { return "case-actions-source"; }
      public TaskId taskId() { return new TaskId(4, 3); }
      public long timestamp() { return 0L; }
      public byte[] sourceRawKey() { return null; }
      public byte[] sourceRawValue() { return null; }
    };
  }
}
