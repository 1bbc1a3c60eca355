package com.complaintflow.processor.time;

import java.time.Duration;
import java.time.Instant;

/**
 * The range of event times the processor believes. An event dated further ahead of the processing
 * clock than {@code maxFuture}, or before {@code earliest}, comes from a broken clock or a broken
 * producer: taking it at its word would stamp output records with a time the broker refuses
 * (message.timestamp.after.max.ms) or that retention deletes at once, and it would move SLA
 * clocks and windows to nonsense. Such inputs are rejected with reason
 * {@value #REASON}.
 */
public record EventTimeBounds(Duration maxFuture, Instant earliest) {
  public static final String REASON = "impossible-timestamp";

  public boolean impossible(long eventTimeMs, long nowMs) {
    return eventTimeMs < earliest.toEpochMilli() || eventTimeMs - nowMs > maxFuture.toMillis();
  }

  /** Why {@link #impossible} said so, without personal data. */
  public String describe(long eventTimeMs, long nowMs) {
    return eventTimeMs < earliest.toEpochMilli()
        ? "event time " + Instant.ofEpochMilli(eventTimeMs) + " is before " + earliest
        : "event time " + Instant.ofEpochMilli(eventTimeMs) + " is more than " + maxFuture
            + " ahead of the processing time " + Instant.ofEpochMilli(nowMs);
  }

  /**
   * The timestamp of an output record: the event time, unless it lies ahead of the processing
   * time (a client clock slightly ahead passes the bounds, but the broker may refuse a record
   * stamped in its future) or is not a plausible time at all; then the processing time. The
   * event's own fields keep the event time.
   */
  public static long outputTimestamp(long eventTimeMs, long nowMs) {
    return eventTimeMs > nowMs || eventTimeMs <= 0 ? nowMs : eventTimeMs;
  }
}
