package com.complaintflow.intake.publish;

import com.complaintflow.schemas.avro.CaseAction;
import java.util.concurrent.CompletableFuture;

/**
 * Where case actions posted over HTTP go ({@code case-actions}, key case id). The future completes
 * when Kafka acknowledged the record; the same exceptions as {@link ComplaintSink} signal a full
 * buffer or an unreachable Kafka or registry.
 */
public interface CaseActionSink extends AutoCloseable {
  CompletableFuture<Void> action(CaseAction action);

  @Override
  void close();
}
