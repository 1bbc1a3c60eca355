package com.complaintflow.intake.publish;

import com.complaintflow.schemas.avro.CaseAction;
import java.util.concurrent.CompletableFuture;

/**
 * Where case actions posted over HTTP go ({@code case-actions}, keyed by the case id, or by the case
 * number when the action names its case only by number, as the HTTP endpoint does). The future completes
 * when Kafka acknowledged the record; the same exceptions as {@link ComplaintSink} signal a full
 * buffer or an unreachable Kafka or registry.
 */
public interface CaseActionSink extends AutoCloseable {
  CompletableFuture<Void> action(CaseAction action);

  @Override
  void close();
}
