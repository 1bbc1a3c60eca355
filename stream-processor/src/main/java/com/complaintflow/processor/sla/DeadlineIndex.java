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
 * Deadlines ordered by due time. The key is the due time as 8 big-endian bytes, then the case
 * id, a zero byte and the point id: the store's byte order is time order, so a range scan up to
 * "now" reads exactly the entries that are due and stops at the first one that is not. The cost
 * of a punctuation therefore grows with what is due, not with the number of open cases.
 *
 * <p>The scan starts at a low-water mark instead of time 0: fired entries are deleted, and RocksDB
 * keeps their tombstones until a compaction, so a scan from 0 would step over every deadline fired
 * since then (measured: about 0.3 ms per 5,000 fired with nothing due). Everything before the mark
 * has been handed out; an entry put before the mark (a deadline already in the past) lowers it.
 * The mark lives in memory: a restarted task scans once from 0.
 */
public final class DeadlineIndex {
  private static final Bytes FROM = Bytes.wrap(new byte[8]);

  private final KeyValueStore<Bytes, DeadlineEntry> store;
  /** Every entry due before this has been returned by {@link #due} (or was never there). */
  private long scanFrom;

  public DeadlineIndex(KeyValueStore<Bytes, DeadlineEntry> store) {
    this.store = store;
  }

  public static Bytes key(long atMillis, String caseId, String pointId) {
    byte[] c = caseId.getBytes(StandardCharsets.UTF_8);
    byte[] p = pointId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(8 + c.length + 1 + p.length)
        .putLong(Math.max(0, atMillis)).put(c).put((byte) 0).put(p).array());
  }

  public void put(DeadlineEntry entry) {
    store.put(key(entry.atMillis, entry.caseId, entry.pointId), entry);
    if (entry.atMillis < scanFrom) {
      scanFrom = Math.max(0, entry.atMillis);
    }
  }

  /** Where the next scan starts (ms); tests. */
  long scanFrom() {
    return scanFrom;
  }

  public void delete(long atMillis, String caseId, String pointId) {
    store.delete(key(atMillis, caseId, pointId));
  }

  /** Up to {@code limit} entries due at or before {@code nowMillis}, earliest first. */
  public List<DeadlineEntry> due(long nowMillis, int limit) {
    List<DeadlineEntry> out = new ArrayList<>();
    // Every stored key has a suffix, so none equals the bound: the scan ends before now + 1 ms.
    Bytes to = Bytes.wrap(ByteBuffer.allocate(8).putLong(Math.max(0, nowMillis) + 1).array());
    Bytes from = scanFrom == 0 ? FROM : Bytes.wrap(ByteBuffer.allocate(8).putLong(scanFrom).array());
    try (KeyValueIterator<Bytes, DeadlineEntry> it = store.range(from, to)) {
      while (out.size() < limit && it.hasNext()) {
        KeyValue<Bytes, DeadlineEntry> kv = it.next();
        out.add(kv.value);
      }
    }
    // all due entries handed out: the next scan starts after now; else where this one stopped
    long next = out.size() < limit ? Math.max(0, nowMillis) + 1 : out.get(out.size() - 1).atMillis;
    scanFrom = Math.max(scanFrom, next);
    return out;
  }
}
