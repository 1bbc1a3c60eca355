package com.complaintflow.processor.errors;

import com.complaintflow.common.logging.Pii;
import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be deserialized (poison bytes, unknown schema id) must neither stop the
 * application nor vanish: it is turned into a {@link RejectedInput} (reason {@code
 * undeserializable}, with topic, partition, offset and the error) and written to the reject topic
 * of its source in the same transaction that skips it. Actions go to case-actions.rejected,
 * everything else to complaints.rejected.
 *
 * <p>The global-store thread (topics clients and agents) has no record collector and no
 * transaction: Kafka Streams cannot send a dead-letter record from there. For those records the
 * handler writes the reject itself through the {@link RejectProducer} and waits for the broker's
 * acknowledgement before the record is skipped. A global store rebuilt from its topic (new state
 * directory) meets the record again and writes the same reject again, with the same rejectId.
 */
public final class RejectingDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(RejectingDeserializationHandler.class);
  private static final int EXCERPT_CHARS = 200;

  private TopicCatalog catalog;
  private Serializer<RejectedInput> serializer;
  private Clock clock = Clock.systemUTC();
  private Map<String, ?> configs = Map.of();
  private RejectProducer rejectProducer;

  @Override
  public void configure(Map<String, ?> configs) {
    this.configs = Map.copyOf(nonNull(configs));
    Object processorConfig = configs.get(ProcessorConfigKeys.CATALOG_CONFIG);
    @SuppressWarnings("unchecked")
    Map<String, Object> catalogConfig = processorConfig instanceof Map<?, ?> m
        ? (Map<String, Object>) m : Map.of(ProcessorConfig.SCHEMA_REGISTRY_URL_CONFIG,
            configs.get(ProcessorConfig.SCHEMA_REGISTRY_URL_CONFIG));
    catalog = new TopicCatalog(catalogConfig);
    serializer = catalog.complaintsRejected().valueSerde().serializer();
    if (configs.get(ProcessorConfigKeys.CLOCK_CONFIG) instanceof Clock c) {
      clock = c;
    }
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
      Exception exception) {
    String rejectTopic = record.topic().equals(catalog.caseActions().name())
        ? catalog.caseActionsRejected().name() : catalog.complaintsRejected().name();
    String coordinates = record.topic() + "-" + record.partition() + "@" + record.offset();
    RejectedInput reject = RejectedInput.newBuilder()
        .setRejectId(UUID.nameUUIDFromBytes(coordinates.getBytes(StandardCharsets.UTF_8)).toString())
        .setChannel(Channel.OTHER)
        .setReason("undeserializable")
        .setDetail(Pii.scrub(String.valueOf(exception.getMessage())))
        .setExcerpt(excerpt(record.value()))
        .setSourceSystem("stream-processor")
        .setTopic(record.topic())
        .setPartition(record.partition())
        .setOffset(record.offset())
        .setRejectedAt(Instant.now(clock))
        .setAttributes(Map.of("processorNode", String.valueOf(context.processorNodeId())))
        .build();
    byte[] value = serializer.serialize(rejectTopic, reject);
    ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(rejectTopic, null, record.key(), value);
    boolean global = isGlobal(context, record.topic());
    log.warn("event=undeserializable-record topic={} partition={} offset={} rejectTopic={} globalStore={} error={}",
        record.topic(), record.partition(), record.offset(), rejectTopic, global,
        Pii.scrub(String.valueOf(exception.getMessage())));
    if (!global) {
      return Response.resume(List.of(out));
    }
    try {
      rejectProducer().sendAndWait(out);
      return Response.resume();
    } catch (Exception e) {
      // Skipping without a durable reject would lose the record silently: stop instead.
      log.error("event=reject-write-failed topic={} partition={} offset={} rejectTopic={} error={}",
          record.topic(), record.partition(), record.offset(), rejectTopic, e.toString());
      return Response.fail();
    }
  }

  /**
   * The global-store thread: its context carries the task id -1_-1; the global topics are also
   * recognised by name, should an error context come without a task id.
   */
  private boolean isGlobal(ErrorHandlerContext context, String topic) {
    TaskId task = context == null ? null : context.taskId();
    return (task != null && task.subtopology() < 0)
        || topic.equals(catalog.clients().name()) || topic.equals(catalog.agents().name());
  }

  private synchronized RejectProducer rejectProducer() {
    if (rejectProducer == null) {
      rejectProducer = RejectProducer.forConfigs(configs);
    }
    return rejectProducer;
  }

  private static Map<String, ?> nonNull(Map<String, ?> configs) {
    Map<String, Object> out = new java.util.HashMap<>();
    configs.forEach((k, v) -> {
      if (k != null && v != null) {
        out.put(k, v);
      }
    });
    return out;
  }

  private static String excerpt(byte[] value) {
    if (value == null) {
      return null;
    }
    String text = new String(value, 0, Math.min(value.length, EXCERPT_CHARS), StandardCharsets.UTF_8)
        .replaceAll("\\p{Cntrl}", "?");
    return Pii.scrub(text);
  }
}
