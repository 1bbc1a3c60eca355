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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be deserialized (poison bytes, unknown schema id) must neither stop the
 * application nor vanish: it is turned into a {@link RejectedInput} (reason {@code
 * undeserializable}, with topic, partition, offset and the error) and written to the reject topic
 * of its source in the same transaction that skips it. Actions go to case-actions.rejected,
 * everything else to complaints.rejected.
 */
public final class RejectingDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(RejectingDeserializationHandler.class);
  private static final int EXCERPT_CHARS = 200;

  private TopicCatalog catalog;
  private Serializer<RejectedInput> serializer;
  private Clock clock = Clock.systemUTC();

  @Override
  public void configure(Map<String, ?> configs) {
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
    log.warn("event=undeserializable-record topic={} partition={} offset={} rejectTopic={} error={}",
        record.topic(), record.partition(), record.offset(), rejectTopic,
        Pii.scrub(String.valueOf(exception.getMessage())));
    return Response.resume(List.of(new ProducerRecord<>(rejectTopic, null, record.key(), value)));
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
