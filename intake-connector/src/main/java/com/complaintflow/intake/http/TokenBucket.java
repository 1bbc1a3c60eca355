package com.complaintflow.intake.http;

/**
 * A token bucket: holds up to {@code burst} tokens, gains {@code perSecond} tokens a second, and a
 * request takes one. Time is given by the caller (milliseconds of an injectable clock), so tests
 * control it. A clock that steps backwards (e.g. an NTP correction of the wall clock) only
 * restarts the refill from the new time; it never leaves the bucket empty until the clock has
 * caught up.
 */
public final class TokenBucket {
  private final double perMilli;
  private final double burst;
  private double tokens;
  private long lastMillis;

  /** A full bucket at {@code nowMillis}. */
  public TokenBucket(double perSecond, int burst, long nowMillis) {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("perSecond must be > 0 and burst >= 1");
    }
    this.perMilli = perSecond / 1000.0;
    this.burst = burst;
    this.tokens = burst;
    this.lastMillis = nowMillis;
  }

  /** Takes one token: 0 when there was one, else the milliseconds until the next one (at least 1). */
  public synchronized long tryTake(long nowMillis) {
    refill(nowMillis);
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / perMilli));
  }

  /** True when the bucket is full at {@code nowMillis}: forgetting it then loses nothing. */
  public synchronized boolean isFull(long nowMillis) {
    refill(nowMillis);
    return tokens >= burst;
  }

  synchronized double tokens(long nowMillis) {
    refill(nowMillis);
    return tokens;
  }

  private void refill(long nowMillis) {
    if (nowMillis > lastMillis) {
      tokens = Math.min(burst, tokens + (nowMillis - lastMillis) * perMilli);
    }
    lastMillis = nowMillis;
  }
}
