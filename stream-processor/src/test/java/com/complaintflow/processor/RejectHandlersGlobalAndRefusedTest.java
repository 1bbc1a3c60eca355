package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.processor.errors.ProcessorConfigKeys;
import com.complaintflow.processor.errors.RefusedOutputHandler;
import com.complaintflow.processor.errors.RefusedSources;
import com.complaintflow.processor.errors.RejectingDeserializationHandler;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.registry.InMemorySchemaRegistry;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rejects written outside the task's record collector: poison on the global topics (the global
 * thread has none) and outputs the broker refuses for good (the task's transaction is doomed).
 */
class RejectHandlersGlobalAndRefusedTest {
  private static final String SCOPE = "reject-handlers-test";
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private final Map<String, Object> catalogConfig = Map.of("schema.registry.url", "mock://" + SCOPE);
  private final TopicCatalog catalog = new TopicCatalog(catalogConfig);
  private final List<Map<String, Object>> producerConfigs = new ArrayList<>();
  private final RefusedSources refusedSources = new RefusedSources();
  private MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

  @AfterEach
  void drop() {
    InMemorySchemaRegistry.dropScope(SCOPE);
  }

  private Map<String, Object> configs() {
    Function<Map<String, Object>, Producer<byte[], byte[]>> factory = c -> {
      producerConfigs.add(c);
      return producer;
    };
    Map<String, Object> configs = new HashMap<>();
    configs.put(ProcessorConfigKeys.CATALOG_CONFIG, catalogConfig);
    configs.put(ProcessorConfigKeys.CLOCK_CONFIG, Clock.fixed(NOW, ZoneOffset.UTC));
    configs.put(ProcessorConfigKeys.REJECT_PRODUCER_FACTORY_CONFIG, factory);
    configs.put(ProcessorConfigKeys.REFUSED_SOURCES_CONFIG, refusedSources);
    configs.put("application.id", "cf-test");
    configs.put("bootstrap.servers", "broker-1:9093");
    configs.put("security.protocol", "SASL_SSL");
    configs.put("sasl.mechanism", "PLAIN");
    configs.put("producer.linger.ms", 5);
    configs.put("processing.guarantee", "exactly_once_v2");
    return configs;
  }

  private RejectedInput decode(ProducerRecord<byte[], byte[]> r) {
    return catalog.complaintsRejected().valueSerde().deserializer().deserialize(r.topic(), r.value());
  }

  // ---- poison on the global topics ----

  @Test
  void globalPoisonIsWrittenByTheHandlersOwnProducerAndNotHandedToTheMissingCollector() {
    RejectingDeserializationHandler handler = new RejectingDeserializationHandler();
    handler.configure(configs());
    byte[] key = "poison-a".getBytes(StandardCharsets.UTF_8);
    ConsumerRecord<byte[], byte[]> poison = new ConsumerRecord<>("agents", 1, 7L, key,
        "{\"agent\":\"ivan@example.com\"}".getBytes(StandardCharsets.UTF_8));

    DeserializationExceptionHandler.Response response = handler.handleError(
        context("agents", 1, 7L, new TaskId(-1, -1), "agents-source"), poison,
        new SerializationException("unknown magic byte"));

    assertEquals(DeserializationExceptionHandler.Result.RESUME, response.result());
    assertEquals(List.of(), response.deadLetterQueueRecords(), "the global thread has no collector");
    assertEquals(1, producer.history().size());
    ProducerRecord<byte[], byte[]> out = producer.history().get(0);
    assertEquals("complaints.rejected", out.topic());
    RejectedInput reject = decode(out);
    assertEquals("undeserializable", reject.getReason());
    assertEquals("agents", reject.getTopic());
    assertEquals(1, reject.getPartition());
    assertEquals(7L, reject.getOffset());
    assertEquals(NOW, reject.getRejectedAt());
    assertTrue(reject.getExcerpt().contains("i***@e***.com"), reject.getExcerpt());

    Map<String, Object> config = producerConfigs.get(0);
    assertEquals("all", config.get("acks"));
    assertEquals(true, config.get("enable.idempotence"));
    assertEquals("broker-1:9093", config.get("bootstrap.servers"));
    assertEquals("SASL_SSL", config.get("security.protocol"));
    assertEquals("PLAIN", config.get("sasl.mechanism"));
    assertEquals(5, config.get("linger.ms"));
    assertNull(config.get("transactional.id"));
    assertNull(config.get("processing.guarantee"));
  }

  @Test
  void poisonOnTheClientsTopicIsRecognisedAsGlobalByItsTopic() {
    RejectingDeserializationHandler handler = new RejectingDeserializationHandler();
    handler.configure(configs());
    ConsumerRecord<byte[], byte[]> poison = new ConsumerRecord<>("clients", 0, 3L, null, new byte[] {1, 2});
    DeserializationExceptionHandler.Response response = handler.handleError(
        context("clients", 0, 3L, null, "clients-source"), poison, new SerializationException("bad"));
    assertEquals(DeserializationExceptionHandler.Result.RESUME, response.result());
    assertEquals(List.of(), response.deadLetterQueueRecords());
    assertEquals("clients", decode(producer.history().get(0)).getTopic());
  }

  @Test
  void aGlobalRejectThatCannotBeWrittenFailsInsteadOfDroppingTheRecord() {
    producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    RejectingDeserializationHandler handler = new RejectingDeserializationHandler();
    handler.configure(configs());
    ConsumerRecord<byte[], byte[]> poison = new ConsumerRecord<>("agents", 0, 1L, null, new byte[] {1});
    Thread broker = new Thread(() -> {
      while (!producer.errorNext(new TimeoutException("broker away"))) {
        Thread.onSpinWait();
      }
    });
    broker.setDaemon(true);
    broker.start();
    DeserializationExceptionHandler.Response response = handler.handleError(
        context("agents", 0, 1L, new TaskId(-1, -1), "agents-source"), poison, new SerializationException("bad"));
    assertEquals(DeserializationExceptionHandler.Result.FAIL, response.result());
  }

  @Test
  void poisonOnATaskTopicStillGoesThroughTheTransaction() {
    RejectingDeserializationHandler handler = new RejectingDeserializationHandler();
    handler.configure(configs());
    ConsumerRecord<byte[], byte[]> poison = new ConsumerRecord<>("complaints", 2, 9L, null, new byte[] {1});
    DeserializationExceptionHandler.Response response = handler.handleError(
        context("complaints", 2, 9L, new TaskId(0, 2), "complaints-source"), poison, new SerializationException("bad"));
    assertEquals(1, response.deadLetterQueueRecords().size());
    assertEquals(List.of(), producer.history(), "no side producer for task records");
  }

  // ---- outputs the broker refuses ----

  @Test
  void anOutputRefusedForItsTimestampBecomesARejectWithTheInputsCoordinatesAndProcessingContinues() {
    RefusedOutputHandler handler = new RefusedOutputHandler();
    handler.configure(configs());
    String input = "refused-handler-test-complaints-by-client-repartition";
    ProducerRecord<byte[], byte[]> refused = new ProducerRecord<>("cases", null,
        Instant.parse("9999-12-31T00:00:00Z").toEpochMilli(), "C-1/CF-1".getBytes(StandardCharsets.UTF_8), new byte[10]);

    ProductionExceptionHandler.Response response = handler.handleError(
        context(input, 4, 12L, new TaskId(1, 4), "cases-sink"), refused,
        new InvalidTimestampException("timestamp out of range"));

    assertEquals(ProductionExceptionHandler.Result.RESUME, response.result());
    ProducerRecord<byte[], byte[]> out = producer.history().get(0);
    assertEquals("complaints.rejected", out.topic());
    RejectedInput reject = decode(out);
    assertEquals("output-refused", reject.getReason());
    assertEquals(input, reject.getTopic());
    assertEquals(4, reject.getPartition());
    assertEquals(12L, reject.getOffset());
    assertEquals("cases", reject.getAttributes().get("outputTopic"));
    assertEquals("InvalidTimestampException", reject.getAttributes().get("error"));
    assertTrue(refusedSources.contains(meta(input, 4, 12L)), "the re-run skips the input");
    assertTrue(!refusedSources.contains(meta(input, 4, 13L)));
  }

  @Test
  void aTooLargeOutputOfAnActionIsRejectedToTheActionRejectTopic() {
    RefusedOutputHandler handler = new RefusedOutputHandler();
    handler.configure(configs());
    ProducerRecord<byte[], byte[]> refused = new ProducerRecord<>("cases", new byte[1], new byte[1]);
    ProductionExceptionHandler.Response response = handler.handleError(
        context("refused-handler-test-case-actions-by-client-repartition", 0, 1L, new TaskId(1, 0), "cases-sink"),
        refused, new RecordTooLargeException("too large"));
    assertEquals(ProductionExceptionHandler.Result.RESUME, response.result());
    assertEquals("case-actions.rejected", producer.history().get(0).topic());
  }

  @Test
  void anyOtherProductionErrorStillFails() {
    RefusedOutputHandler handler = new RefusedOutputHandler();
    handler.configure(configs());
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("cases", new byte[1], new byte[1]);
    ProductionExceptionHandler.Response response = handler.handleError(
        context("complaints", 0, 1L, new TaskId(0, 0), "cases-sink"), record,
        new org.apache.kafka.common.errors.TopicAuthorizationException("denied"));
    assertEquals(ProductionExceptionHandler.Result.FAIL, response.result());
    assertEquals(List.of(), producer.history());
  }

  private static RecordMetadata meta(String topic, int partition, long offset) {
    return new RecordMetadata() {
      public String topic() { return topic; }
      public int partition() { return partition; }
      public long offset() { return offset; }
    };
  }

  private static ErrorHandlerContext context(String topic, int partition, long offset, TaskId task, String node) {
    return new ErrorHandlerContext() {
      public String topic() { return topic; }
      public int partition() { return partition; }
      public long offset() { return offset; }
      public org.apache.kafka.common.header.Headers headers() { return new RecordHeaders(); }
      public String processorNodeId() { return node; }
      public TaskId taskId() { return task; }
      public long timestamp() { return 0L; }
      public byte[] sourceRawKey() { return null; }
      public byte[] sourceRawValue() { return null; }
    };
  }

}
