package com.complaintflow.alerts.delivery;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of what the sink did; read by the health log line and by tests. */
public final class SinkStats {
  public final AtomicLong accepted = new AtomicLong();
  public final AtomicLong sent = new AtomicLong();
  public final AtomicLong digests = new AtomicLong();
  public final AtomicLong digested = new AtomicLong();
  public final AtomicLong held = new AtomicLong();
  public final AtomicLong duplicatesSkipped = new AtomicLong();
  public final AtomicLong dropped = new AtomicLong();
  public final AtomicLong deadLettered = new AtomicLong();
  public final AtomicLong transientFailures = new AtomicLong();
  public final AtomicLong undecodable = new AtomicLong();
  public final AtomicLong pending = new AtomicLong();
  public final AtomicLong loops = new AtomicLong();

  @Override
  public String toString() {
    return "accepted=" + accepted + " sent=" + sent + " digests=" + digests + " digested=" + digested
        + " held=" + held + " duplicatesSkipped=" + duplicatesSkipped + " dropped=" + dropped
        + " deadLettered=" + deadLettered + " transientFailures=" + transientFailures
        + " undecodable=" + undecodable + " pending=" + pending;
  }
}
