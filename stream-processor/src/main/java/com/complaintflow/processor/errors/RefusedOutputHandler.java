package com.complaintflow.processor.errors;

import com.complaintflow.common.logging.Pii;
import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output record the broker refuses for a reason that no retry can cure (its timestamp is
 * outside the topic's message.timestamp.*.max.ms, or it is too large) must not stop the
 * application, and must not vanish either: a {@link RejectedInput} with reason {@value #REASON},
 * the target topic and the coordinates of the input record that produced it goes to the reject
 * topic of that input (case-actions.rejected for actions, complaints.rejected otherwise), and
 * processing continues. Any other production error fails the stream thread as before.
 *
 * <p>The reject is written through the {@link RejectProducer}, not the task's producer: under
 * exactly-once the refused send has already doomed the task's transaction, which Kafka Streams
 * aborts and re-runs; the input is then skipped (see {@link RefusedSources}).
 */
public final class RefusedOutputHandler implements ProductionExceptionHandler {
  public static final String REASON = "output-refused";
  private static final Logger log = LoggerFactory.getLogger(RefusedOutputHandler.class);

  private TopicCatalog catalog;
  private Serializer<RejectedInput> serializer;
  private Clock clock = Clock.systemUTC();
  private Map<String, ?> configs = Map.of();
  private RejectProducer rejectProducer;
  private RefusedSources refusedSources;

  @Override
  public void configure(Map<String, ?> configs) {
    Map<String, Object> copy = new HashMap<>();
    configs.forEach((k, v) -> {
      if (k != null && v != null) {
        copy.put(k, v);
      }
    });
    this.configs = copy;
    refusedSources = RefusedSources.of(configs);
    Object processorConfig = configs.get(ProcessorConfigKeys.CATALOG_CONFIG);
    @SuppressWarnings("unchecked")
    Map<String, Object> catalogConfig = processorConfig instanceof Map<?, ?> m
        ? (Map<String, Object>) m : Map.of(ProcessorConfig.SCHEMA_REGISTRY_URL_CONFIG,
            String.valueOf(configs.get(ProcessorConfig.SCHEMA_REGISTRY_URL_CONFIG)));
    catalog = new TopicCatalog(catalogConfig);
    serializer = catalog.complaintsRejected().valueSerde().serializer();
    if (configs.get(ProcessorConfigKeys.CLOCK_CONFIG) instanceof Clock c) {
      clock = c;
    }
  }

  /** Refusals that a retry cannot cure. */
  static boolean permanent(Exception e) {
    return e instanceof InvalidTimestampException || e instanceof RecordTooLargeException;
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
      Exception exception) {
    if (!permanent(exception)) {
      return Response.fail();
    }
    String sourceTopic = context == null ? null : context.topic();
    Integer partition = sourceTopic == null ? null : context.partition();
    Long offset = sourceTopic == null ? null : context.offset();
    String rejectTopic = sourceTopic != null && (sourceTopic.equals(catalog.caseActions().name())
        || sourceTopic.contains("case-actions-by-client"))
        ? catalog.caseActionsRejected().name() : catalog.complaintsRejected().name();
    String coordinates = sourceTopic == null
        ? record.topic() + "@" + record.timestamp() : sourceTopic + "-" + partition + "@" + offset;
    String detail = "output to " + record.topic() + " refused by the broker: "
        + Pii.scrub(String.valueOf(exception.getMessage()));
    RejectedInput reject = RejectedInput.newBuilder()
        .setRejectId(UUID.nameUUIDFromBytes((coordinates + "|" + record.topic() + "|" + REASON)
            .getBytes(StandardCharsets.UTF_8)).toString())
        .setChannel(Channel.OTHER)
        .setReason(REASON)
        .setDetail(detail)
        .setSourceSystem("stream-processor")
        .setTopic(sourceTopic)
        .setPartition(partition)
        .setOffset(offset)
        .setRejectedAt(Instant.now(clock))
        .setAttributes(Map.of(
            "outputTopic", record.topic(),
            "outputTimestamp", String.valueOf(record.timestamp()),
            "outputBytes", String.valueOf(record.value() == null ? 0 : record.value().length),
            "error", exception.getClass().getSimpleName(),
            "processorNode", String.valueOf(context == null ? null : context.processorNodeId())))
        .build();
    log.error("event=output-refused outputTopic={} sourceTopic={} partition={} offset={} rejectTopic={}"
            + " error={} action=reject-and-continue", record.topic(), sourceTopic, partition, offset,
        rejectTopic, exception.getClass().getSimpleName());
    try {
      rejectProducer().sendAndWait(new ProducerRecord<>(rejectTopic, null, record.key(),
          serializer.serialize(rejectTopic, reject)));
    } catch (Exception e) {
      log.error("event=reject-write-failed outputTopic={} sourceTopic={} partition={} offset={} error={}",
          record.topic(), sourceTopic, partition, offset, e.toString());
      return Response.fail();
    }
    if (sourceTopic != null) {
      refusedSources.add(sourceTopic, partition, offset);
    }
    return Response.resume();
  }

  private synchronized RejectProducer rejectProducer() {
    if (rejectProducer == null) {
      rejectProducer = RejectProducer.forConfigs(configs);
    }
    return rejectProducer;
  }
}
