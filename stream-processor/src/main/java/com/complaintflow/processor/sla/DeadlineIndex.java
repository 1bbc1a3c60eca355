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
 */
public final class DeadlineIndex {
  private static final Bytes FROM = Bytes.wrap(new byte[8]);

  private final KeyValueStore<Bytes, DeadlineEntry> store;

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
  }

  public void delete(long atMillis, String caseId, String pointId) {
    store.delete(key(atMillis, caseId, pointId));
  }

  /** Up to {@code limit} entries due at or before {@code nowMillis}, earliest first. */
  public List<DeadlineEntry> due(long nowMillis, int limit) {
    List<DeadlineEntry> out = new ArrayList<>();
    // Every stored key has a suffix, so none equals the bound: the scan ends before now + 1 ms.
    Bytes to = Bytes.wrap(ByteBuffer.allocate(8).putLong(Math.max(0, nowMillis) + 1).array());
    try (KeyValueIterator<Bytes, DeadlineEntry> it = store.range(FROM, to)) {
      while (out.size() < limit && it.hasNext()) {
        KeyValue<Bytes, DeadlineEntry> kv = it.next();
        out.add(kv.value);
      }
    }
    return out;
  }
}
