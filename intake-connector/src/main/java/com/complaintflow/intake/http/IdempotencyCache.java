package com.complaintflow.intake.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Remembers Idempotency-Key -> complaint id for a bounded time and count. A second request with a
 * key whose first request is still in flight waits for it, so two concurrent retries cannot both
 * produce. Across restarts the deterministic complaint id still makes a replay the same complaint.
 */
public final class IdempotencyCache {
  private final Clock clock;
  private final Duration ttl;
  private final Map<String, Entry> entries;

  private record Entry(CompletableFuture<String> complaintId, Instant expiresAt) {}

  /** The outcome of {@link #claim}: either this caller owns the key, or another's result to wait for. */
  public record Claim(boolean owner, CompletableFuture<String> complaintId) {}

  public IdempotencyCache(Clock clock, Duration ttl, int maxEntries) {
    this.clock = clock;
    this.ttl = ttl;
    this.entries = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > maxEntries;
      }
    };
  }

  public synchronized Claim claim(String key) {
    Instant now = clock.instant();
    Entry existing = entries.get(key);
    if (existing != null && existing.expiresAt().isAfter(now)) {
      return new Claim(false, existing.complaintId());
    }
    CompletableFuture<String> mine = new CompletableFuture<>();
    entries.remove(key);
    entries.put(key, new Entry(mine, now.plus(ttl)));
    return new Claim(true, mine);
  }

  /** The owner failed (reject or Kafka error): forget the key so a retry is processed afresh. */
  public synchronized void release(String key, CompletableFuture<String> future, Throwable why) {
    Entry e = entries.get(key);
    if (e != null && e.complaintId() == future) {
      entries.remove(key);
    }
    future.completeExceptionally(why);
  }
}
