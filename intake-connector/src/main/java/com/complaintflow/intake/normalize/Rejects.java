package com.complaintflow.intake.normalize;

import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.RejectedInput;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Builds reject records: reason, masked detail and excerpt, and a deterministic id from the source coordinates. */
public final class Rejects {
  private final Clock clock;

  public Rejects(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param coordinates what identifies the input at its source (e.g. mailbox + Message-ID, topic-partition@offset);
   *     the same input rejected twice gets the same reject id
   * @param rawInput the input as received; only a masked, truncated excerpt is kept
   */
  public RejectedInput.Builder builder(
      Channel channel, String reason, String detail, String rawInput, String coordinates) {
    Map<String, String> attributes = new HashMap<>();
    return RejectedInput.newBuilder()
        .setRejectId(ComplaintIds.rejectId(channel, coordinates, reason))
        .setChannel(channel)
        .setReason(reason)
        .setDetail(com.complaintflow.common.logging.Pii.scrub(detail == null ? reason : detail))
        .setExcerpt(Texts.excerpt(rawInput))
        .setRejectedAt(clock.instant())
        .setAttributes(attributes);
  }

  public RejectedInput.Builder builder(Channel channel, RejectException e, String rawInput, String coordinates) {
    RejectedInput.Builder b = builder(channel, e.reason(), e.detail(), rawInput, coordinates);
    Map<String, String> attributes = new HashMap<>();
    for (FieldError f : e.fieldErrors()) {
      attributes.put("field." + f.field(), f.reason());
    }
    return b.setAttributes(attributes);
  }
}
