package com.complaintflow.intake.http;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Request rate limits of the HTTP API: one {@link TokenBucket} per caller (an API key, or a client
 * address for requests without a valid key). At most {@code maxClients} buckets are kept, so a
 * flood from many addresses cannot exhaust memory: when a new caller arrives at the limit, a full
 * bucket is dropped first (a full bucket is the same as a new one, so nothing is lost), else the
 * least recently used one, whose caller then starts again with a full burst.
 */
public final class RequestRateLimiter {
  /** Refusals of one caller are logged at most this often (the first one at once). */
  static final long LOG_EVERY_MILLIS = 10_000;
  /** How many of the least recently used buckets are checked for a full one before the oldest is dropped. */
  private static final int EVICTION_SCAN = 16;

  private final double perSecond;
  private final int burst;
  private final int maxClients;
  private final Clock clock;
  private final LinkedHashMap<String, Entry> buckets = new LinkedHashMap<>(16, 0.75f, true);

  /** The outcome for one request; {@code log} is set when this refusal should be logged (with {@code refusedSinceLog}). */
  public record Decision(boolean allowed, long retryAfterSeconds, boolean log, long refusedSinceLog) {
    static final Decision ALLOWED = new Decision(true, 0, false, 0);
  }

  private static final class Entry {
    final TokenBucket bucket;
    long refusedSinceLog;
    long lastLogMillis = Long.MIN_VALUE;

    Entry(TokenBucket bucket) {
      this.bucket = bucket;
    }
  }

  /** @param perSecond sustained requests a second per caller; 0 turns limiting off */
  public RequestRateLimiter(double perSecond, int burst, int maxClients, Clock clock) {
    if (perSecond < 0 || burst < 1 || maxClients < 1) {
      throw new IllegalArgumentException("perSecond >= 0, burst >= 1 and maxClients >= 1 required");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.maxClients = maxClients;
    this.clock = clock;
  }

  public static RequestRateLimiter off() {
    return new RequestRateLimiter(0, 1, 1, Clock.systemUTC());
  }

  public boolean enabled() {
    return perSecond > 0;
  }

  /** Takes one request of {@code caller} from its bucket. */
  public Decision acquire(String caller) {
    if (!enabled()) {
      return Decision.ALLOWED;
    }
    long now = clock.millis();
    Entry entry;
    synchronized (buckets) {
      entry = buckets.get(caller);
      if (entry == null) {
        if (buckets.size() >= maxClients) {
          evictOne(now);
        }
        entry = new Entry(new TokenBucket(perSecond, burst, now));
        buckets.put(caller, entry);
      }
    }
    long waitMillis = entry.bucket.tryTake(now);
    if (waitMillis == 0) {
      return Decision.ALLOWED;
    }
    long retryAfter = Math.max(1, (waitMillis + 999) / 1000);
    synchronized (entry) {
      entry.refusedSinceLog++;
      if (entry.lastLogMillis == Long.MIN_VALUE || now - entry.lastLogMillis >= LOG_EVERY_MILLIS || now < entry.lastLogMillis) {
        long refused = entry.refusedSinceLog;
        entry.refusedSinceLog = 0;
        entry.lastLogMillis = now;
        return new Decision(false, retryAfter, true, refused);
      }
    }
    return new Decision(false, retryAfter, false, 0);
  }

  /** Buckets currently kept (bounded by maxClients). */
  public int trackedClients() {
    synchronized (buckets) {
      return buckets.size();
    }
  }

  private void evictOne(long now) {
    Iterator<Map.Entry<String, Entry>> it = buckets.entrySet().iterator();
    for (int i = 0; i < EVICTION_SCAN && it.hasNext(); i++) {
      if (it.next().getValue().bucket.isFull(now)) {
        it.remove();
        return;
      }
    }
    it = buckets.entrySet().iterator();
    it.next();
    it.remove();
  }
}
