package com.complaintflow.processor.time;

import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.RejectedInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First step of the complaint path: a complaint whose {@code receivedAt} is outside the
 * {@link EventTimeBounds} (relative to the processing clock) becomes a {@link RejectedInput} with
 * its topic, partition and offset; every other complaint goes on unchanged. It runs before the
 * de-duplication so that an impossible time never reaches a window store, a case or an output
 * record timestamp.
 */
public final class ComplaintTimeGuard implements Processor<String, Complaint, String, ComplaintTimeGuard.Checked> {
  private static final Logger log = LoggerFactory.getLogger(ComplaintTimeGuard.class);

  /** Either the complaint (valid time) or its reject. */
  public record Checked(Complaint complaint, RejectedInput reject) {
    public boolean rejected() {
      return reject != null;
    }
  }

  private final EventTimeBounds bounds;
  private ProcessorContext<String, Checked> context;

  public ComplaintTimeGuard(EventTimeBounds bounds) {
    this.bounds = bounds;
  }

  @Override
  public void init(ProcessorContext<String, Checked> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Complaint> record) {
    Complaint complaint = record.value();
    long now = context.currentSystemTimeMs();
    if (complaint == null || complaint.getReceivedAt() == null
        || !bounds.impossible(complaint.getReceivedAt().toEpochMilli(), now)) {
      context.forward(record.withValue(new Checked(complaint, null)));
      return;
    }
    long at = complaint.getReceivedAt().toEpochMilli();
    RecordMetadata meta = context.recordMetadata().orElse(null);
    String coordinates = meta == null ? complaint.getComplaintId()
        : meta.topic() + "-" + meta.partition() + "@" + meta.offset();
    RejectedInput reject = RejectedInput.newBuilder()
        .setRejectId(UUID.nameUUIDFromBytes((coordinates + "|" + EventTimeBounds.REASON)
            .getBytes(StandardCharsets.UTF_8)).toString())
        .setChannel(complaint.getChannel() == null ? Channel.OTHER : complaint.getChannel())
        .setReason(EventTimeBounds.REASON)
        .setDetail("receivedAt: " + bounds.describe(at, now))
        .setSourceSystem(complaint.getSourceSystem())
        .setSourceId(complaint.getComplaintId())
        .setTopic(meta == null ? null : meta.topic())
        .setPartition(meta == null ? null : meta.partition())
        .setOffset(meta == null ? null : meta.offset())
        .setRejectedAt(Instant.ofEpochMilli(now))
        .setAttributes(Map.of("receivedAt", Instant.ofEpochMilli(at).toString()))
        .build();
    log.warn("event=complaint-rejected reason={} complaintId={} topic={} partition={} offset={} receivedAt={}",
        EventTimeBounds.REASON, complaint.getComplaintId(), reject.getTopic(), reject.getPartition(),
        reject.getOffset(), Instant.ofEpochMilli(at));
    // The reject is stamped with the processing time: the complaint's own time is the problem.
    context.forward(new Record<>(record.key(), new Checked(null, reject), now, record.headers()));
  }
}
