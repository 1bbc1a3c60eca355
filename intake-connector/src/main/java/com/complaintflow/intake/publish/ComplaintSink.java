package com.complaintflow.intake.publish;

import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.RejectedInput;
import java.util.concurrent.CompletableFuture;

/**
 * Where normalized complaints and rejects go. The returned future completes when Kafka
 * acknowledged the record (acks=all); only then may a source be told "accepted", an IMAP message
 * be moved or an offset be committed.
 *
 * @throws BufferFullException synchronously, when the producer buffer stays full for max.block.ms
 * @throws SinkUnavailableException synchronously, when metadata or the schema registry cannot be reached
 */
public interface ComplaintSink extends AutoCloseable {
  CompletableFuture<Void> complaint(Complaint complaint);

  CompletableFuture<Void> reject(RejectedInput reject);

  /** Waits until every record sent so far is acknowledged or failed. */
  void flush();

  @Override
  void close();
}
