package com.complaintflow.processor.cases;

import com.complaintflow.schemas.avro.CaseAction;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Re-keys a case action from its case id to the case's client id (embedded in the case id), so it
 * reaches the task that holds the case. The action's topic, partition and offset travel along as
 * headers, for a reject to name them. An action whose case id is not one of ours goes on with an
 * empty key and is rejected there as unknown-case.
 */
public final class CaseActionRouter implements Processor<String, CaseAction, String, CaseAction> {
  private ProcessorContext<String, CaseAction> context;

  @Override
  public void init(ProcessorContext<String, CaseAction> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, CaseAction> record) {
    String caseId = record.value() != null && record.value().getCaseId() != null
        ? record.value().getCaseId() : record.key();
    String clientId = CaseIds.clientIdOf(caseId);
    Record<String, CaseAction> out = record.withKey(clientId == null ? "" : clientId);
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

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
