package com.complaintflow.processor.sla;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The next alert moment of every open case, ordered by time: one entry per case. The key is the
 * moment as 8 big-endian bytes followed by the case id (UTF-8); the value is one marker byte
 * ({@link DeadlineEntry#FORMAT}). The store's byte order is time order, so a range scan up to
 * "now" reads exactly the cases with something due and stops at the first one that has not. The
 * case itself (its {@code SlaState.indexedAt}) says which entry is current; when the entry fires,
 * the case's due points are computed from its clocks, and its next moment is indexed again.
 *
 * <p>The previous release kept one entry per alert point: key time, case id, a zero byte and the
 * point id; value the point as JSON. {@link #parse} still reads those; they are deleted when the
 * case is next rescheduled or fired (case ids never contain a zero byte, so the layouts cannot be
 * confused).
 *
 * <p>The scan starts at a low-water mark instead of time 0: fired entries are deleted, and RocksDB
 * keeps their tombstones until a compaction, so a scan from 0 would step over every deadline fired
 * since then. Everything before the mark has been handed out; an entry put before the mark (a
 * deadline already in the past) lowers it. The mark lives in memory: a restarted task scans once
 * from 0.
 */
public final class DeadlineIndex {
  private static final Bytes FROM = Bytes.wrap(new byte[8]);

  /** An index entry that is due: the case, the moment, and the legacy point when it is one. */
  public record Due(long atMillis, String caseId, Bytes key, DeadlineEntry legacy) {}

  private final KeyValueStore<Bytes, DeadlineEntry> store;
  /** Every entry due before this has been returned by {@link #due} (or was never there). */
  private long scanFrom;

  public DeadlineIndex(KeyValueStore<Bytes, DeadlineEntry> store) {
    this.store = store;
  }

  /** The key of a case's entry. */
  public static Bytes key(long atMillis, String caseId) {
    byte[] c = caseId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(8 + c.length).putLong(Math.max(0, atMillis)).put(c).array());
  }

  /** The key the previous release used for one alert point of a case. */
  public static Bytes legacyKey(long atMillis, String caseId, String pointId) {
    byte[] c = caseId.getBytes(StandardCharsets.UTF_8);
    byte[] p = pointId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(8 + c.length + 1 + p.length)
        .putLong(Math.max(0, atMillis)).put(c).put((byte) 0).put(p).array());
  }

  /** Reads an entry of either layout. */
  public static Due parse(Bytes key, DeadlineEntry value) {
    byte[] k = key.get();
    long at = ByteBuffer.wrap(k, 0, 8).getLong();
    int end = 8;
    while (end < k.length && k[end] != 0) {
      end++;
    }
    String caseId = new String(k, 8, end - 8, StandardCharsets.UTF_8);
    return new Due(at, caseId, key, value != null && value.legacy() ? value : null);
  }

  /** Indexes the case's next moment. */
  public void put(long atMillis, String caseId) {
    store.put(key(atMillis, caseId), DeadlineEntry.MARKER);
    if (atMillis < scanFrom) {
      scanFrom = Math.max(0, atMillis);
    }
  }

  public void delete(long atMillis, String caseId) {
    store.delete(key(atMillis, caseId));
  }

  /** Removes an entry the previous release wrote for one point of a case. */
  public void deleteLegacy(long atMillis, String caseId, String pointId) {
    store.delete(legacyKey(atMillis, caseId, pointId));
  }

  public void delete(Bytes key) {
    store.delete(key);
  }

  /** Where the next scan starts (ms); tests. */
  long scanFrom() {
    return scanFrom;
  }

  /** Up to {@code limit} entries due at or before {@code nowMillis}, earliest first. */
  public List<Due> due(long nowMillis, int limit) {
    List<Due> out = new ArrayList<>();
    // Every stored key has a case id after the time, so none equals the bound: the scan ends
    // before now + 1 ms.
    Bytes to = Bytes.wrap(ByteBuffer.allocate(8).putLong(Math.max(0, nowMillis) + 1).array());
    Bytes from = scanFrom == 0 ? FROM : Bytes.wrap(ByteBuffer.allocate(8).putLong(scanFrom).array());
    try (KeyValueIterator<Bytes, DeadlineEntry> it = store.range(from, to)) {
      while (out.size() < limit && it.hasNext()) {
        KeyValue<Bytes, DeadlineEntry> kv = it.next();
        out.add(parse(kv.key, kv.value));
      }
    }
    // all due entries handed out: the next scan starts after now; else where this one stopped
    long next = out.size() < limit ? Math.max(0, nowMillis) + 1 : out.get(out.size() - 1).atMillis();
    scanFrom = Math.max(scanFrom, next);
    return out;
  }
}
