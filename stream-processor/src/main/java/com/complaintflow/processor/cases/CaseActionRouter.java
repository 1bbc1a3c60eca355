package com.complaintflow.processor.cases;

import com.complaintflow.schemas.avro.CaseAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Sends a case action on to the case task that holds its case (through
 * {@code case-actions-by-client} and {@link Partitioner}). An action names its case in one of two
 * ways:
 *
 * <ul>
 *   <li><b>by case id</b> ({@code caseId}, else the record key, is {@code <client id>/CF-<n>}): re-keyed
 *       by the client id embedded in the case id and partitioned like every client-keyed record;
 *   <li><b>by case number</b> (no case id of ours, and {@code caseNumber}, else the record key, is
 *       {@code CF-<n>}): keyed by the number, with {@code caseId} empty and {@code caseNumber} set,
 *       and sent to partition {@code n % case.number.partition.stride}, the partition whose case task
 *       allocated the number; that task finds the case id in its {@link CaseNumberIndex}.
 * </ul>
 *
 * An action naming neither goes on with an empty key and is rejected there as unknown-case. The
 * action's topic, partition and offset travel along as headers, for a reject to name them.
 */
public final class CaseActionRouter implements Processor<String, CaseAction, String, CaseAction> {
  private ProcessorContext<String, CaseAction> context;

  @Override
  public void init(ProcessorContext<String, CaseAction> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, CaseAction> record) {
    CaseAction action = record.value();
    String caseId = action != null && action.getCaseId() != null && !action.getCaseId().isEmpty()
        ? action.getCaseId() : record.key();
    String clientId = CaseIds.clientIdOf(caseId);
    Record<String, CaseAction> out;
    if (clientId != null) {
      out = action == null || caseId.equals(action.getCaseId()) ? record.withKey(clientId)
          : record.withKey(clientId).withValue(CaseAction.newBuilder(action).setCaseId(caseId).build());
    } else {
      String number = action == null ? null
          : action.getCaseNumber() != null && !action.getCaseNumber().isEmpty() ? action.getCaseNumber()
          : record.key();
      if (action != null && CaseIds.numberOf(number) >= 0) {
        CaseAction byNumber = number.equals(action.getCaseNumber()) && action.getCaseId().isEmpty() ? action
            : CaseAction.newBuilder(action).setCaseId("").setCaseNumber(number).build();
        out = record.withKey(number).withValue(byNumber);
      } else {
        out = record.withKey("");
      }
    }
    RecordMetadata meta = context.recordMetadata().orElse(null);
    if (meta != null) {
      out.headers().remove(CaseActionHandler.TOPIC_HEADER).remove(CaseActionHandler.PARTITION_HEADER)
          .remove(CaseActionHandler.OFFSET_HEADER);
      out.headers().add(CaseActionHandler.TOPIC_HEADER, bytes(meta.topic()));
      out.headers().add(CaseActionHandler.PARTITION_HEADER, bytes(Integer.toString(meta.partition())));
      out.headers().add(CaseActionHandler.OFFSET_HEADER, bytes(Long.toString(meta.offset())));
    }
    context.forward(out);
  }

  /** The case number of an action the router addressed by number, or null (addressed by case id, or by nothing). */
  public static String addressedNumber(CaseAction routed) {
    if (routed == null || routed.getCaseId() == null || !routed.getCaseId().isEmpty()) {
      return null;
    }
    return CaseIds.numberOf(routed.getCaseNumber()) >= 0 ? routed.getCaseNumber() : null;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Partitions {@code case-actions-by-client}: an action addressed by number to
   * {@code n % stride}, everything else as the producer partitions any client-keyed record
   * (murmur2 of the key), so an action by case id meets its client's complaints. A number whose
   * partition does not exist cannot belong to any case; it goes by its key and is rejected as
   * unknown-case.
   */
  public static final class Partitioner implements StreamPartitioner<String, CaseAction> {
    private final int stride;

    public Partitioner(int stride) {
      this.stride = stride;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, CaseAction value, int numPartitions) {
      String number = addressedNumber(value);
      if (number == null) {
        return Optional.empty();
      }
      int partition = CaseIds.partitionOf(CaseIds.numberOf(number), stride);
      return partition < numPartitions ? Optional.of(Set.of(partition)) : Optional.empty();
    }
  }
}
