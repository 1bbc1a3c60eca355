package com.complaintflow.processor.identity;

import com.complaintflow.schemas.avro.Complaint;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets each complaint id through once within the dedupe window: a replayed or retried complaint
 * changes nothing downstream. Runs before identity resolution, on the intake's own partitioning
 * (by client key), so a replay meets its original even if the CRM re-linked the contact in
 * between. The window store's retention expires old ids.
 */
public final class ComplaintDeduplicator implements Processor<String, Complaint, String, Complaint> {
  private static final Logger log = LoggerFactory.getLogger(ComplaintDeduplicator.class);
  private final String storeName;
  private final long windowMs;
  private ProcessorContext<String, Complaint> context;
  private WindowStore<String, Long> seen;

  public ComplaintDeduplicator(String storeName, Duration window) {
    this.storeName = storeName;
    this.windowMs = window.toMillis();
  }

  @Override
  public void init(ProcessorContext<String, Complaint> context) {
    this.context = context;
    this.seen = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, Complaint> record) {
    Complaint complaint = record.value();
    if (complaint == null) {
      log.warn("event=empty-complaint action=ignored key-present={}", record.key() != null);
      return;
    }
    String id = complaint.getComplaintId();
    long time = complaint.getReceivedAt().toEpochMilli();
    try (WindowStoreIterator<Long> it = seen.fetch(id, time - windowMs, time + windowMs)) {
      if (it.hasNext()) {
        log.debug("event=duplicate-complaint complaintId={} action=ignored", id);
        return;
      }
    }
    seen.put(id, time, time);
    context.forward(record);
  }
}
