package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.processor.config.StreamsSettings;
import com.complaintflow.processor.errors.ProcessorConfigKeys;
import com.complaintflow.processor.errors.RefusedOutputHandler;
import com.complaintflow.processor.errors.RefusedSources;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseEventType;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ContactPoints;
import com.complaintflow.schemas.registry.InMemorySchemaRegistry;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/**
 * The list of inputs whose output the broker refused belongs to one processor instance: two
 * topologies of the same application in one JVM, each with its own Streams properties, do not
 * share it. The refusal is reported to instance A's production exception handler (configured
 * from A's properties, as Kafka Streams does); A's case task then skips that input, and B, fed
 * the same input at the same coordinates, processes it.
 */
class RefusedSourcesPerInstanceTest {
  private static final String APP = "cf-refused";
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private record Instance(String scope, Properties props, TopologyTestDriver driver,
      TestInputTopic<String, Complaint> complaints, TestOutputTopic<String, CaseEvent> cases) {}

  @Test
  void twoTopologiesInOneJvmDoNotShareTheirRefusedInputs() throws Exception {
    Instance a = start("refused-a");
    Instance b = start("refused-b");
    try {
      RefusedSources ofA = RefusedSources.of(map(a.props()));
      assertNotSame(ofA, RefusedSources.of(map(b.props())));

      // A's broker refused the output of the case task's first input (its transaction aborts)
      RefusedOutputHandler handler = new RefusedOutputHandler();
      handler.configure(map(a.props()));
      String caseInput = APP + "-complaints-by-client-repartition";
      ProductionExceptionHandler.Response response = handler.handleError(context(caseInput, 0, 0L),
          new ProducerRecord<>("cases", new byte[1], new byte[1]), new InvalidTimestampException("out of range"));
      assertEquals(ProductionExceptionHandler.Result.RESUME, response.result());

      for (Instance i : List.of(a, b)) {
        i.complaints().pipeInput("ivan@example.com", complaint("c-1"), T0);
      }
      assertEquals(List.of(), a.cases().readValuesToList(), "A skips its refused input");
      assertEquals(1, b.cases().readValuesToList().stream()
          .filter(e -> e.getType() == CaseEventType.OPENED).count(), "B processes the same input");

      // A skips only that input
      a.complaints().pipeInput("olga@example.com", complaint("c-2"), T0.plusSeconds(60));
      assertEquals(1, a.cases().readValuesToList().stream()
          .filter(e -> e.getType() == CaseEventType.OPENED).count());
    } finally {
      close(a);
      close(b);
    }
  }

  private static Instance start(String scope) throws Exception {
    Path dir = Files.createTempDirectory("refused-ttd");
    Map<String, Object> values = new HashMap<>();
    values.put(ProcessorConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + scope);
    values.put(ProcessorConfig.STATE_DIR_CONFIG, dir.toString());
    values.put(ProcessorConfig.APPLICATION_ID_CONFIG, APP);
    ProcessorConfig config = new ProcessorConfig(values);
    TopicCatalog catalog = new TopicCatalog(config.catalogConfig());
    Properties props = StreamsSettings.of(config);
    Function<Map<String, Object>, Producer<byte[], byte[]>> rejects =
        c -> new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    props.put(ProcessorConfigKeys.REJECT_PRODUCER_FACTORY_CONFIG, rejects);
    TopologyTestDriver driver = new TopologyTestDriver(ComplaintFlowTopology.build(config, catalog), props, T0);
    return new Instance(scope, props, driver,
        driver.createInputTopic(catalog.complaints().name(), Serdes.String().serializer(),
            catalog.complaints().valueSerde().serializer()),
        driver.createOutputTopic(catalog.cases().name(), Serdes.String().deserializer(),
            catalog.cases().valueSerde().deserializer()));
  }

  private static void close(Instance i) {
    i.driver().close();
    InMemorySchemaRegistry.dropScope(i.scope());
  }

  private static Map<String, Object> map(Properties props) {
    Map<String, Object> out = new HashMap<>();
    props.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static Complaint complaint(String id) {
    String email = id.equals("c-1") ? "ivan@example.com" : "olga@example.com";
    return Complaint.newBuilder()
        .setComplaintId(id)
        .setChannel(Channel.WEB)
        .setSourceSystem("test")
        .setSourceId("src-" + id)
        .setReceivedAt(T0)
        .setClientKey(email)
        .setContact(ContactPoints.newBuilder().setEmail(email).build())
        .setSubject("Брак")
        .setBody("Товар пришел с браком")
        .setLanguage("ru")
        .build();
  }

  private static ErrorHandlerContext context(String topic, int partition, long offset) {
    return new ErrorHandlerContext() {
      public String topic() { return topic; }
      public int partition() { return partition; }
      public long offset() { return offset; }
      public Headers headers() { return new RecordHeaders(); }
      public String processorNodeId() { return "cases-sink"; }
      public TaskId taskId() { return new TaskId(1, partition); }
      public long timestamp() { return 0L; }
      public byte[] sourceRawKey() { return null; }
      public byte[] sourceRawValue() { return null; }
    };
  }
}
