package com.complaintflow.bench.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.processor.sla.DeadlineEntry;
import com.complaintflow.processor.sla.DeadlineIndex;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The probe sees the deadline index exactly as the SLA punctuation uses it ({@link DeadlineIndex#due}):
 * a scan with nothing due is timed and counted as such, a scan that hands out entries is counted
 * apart with its entries, and every other store operation passes through unchanged.
 */
class DeadlineProbeTest {

  @Test
  void separatesScansWithNothingDueFromScansThatReadEntries() {
    DeadlineProbe probe = new DeadlineProbe();
    KeyValueStore<Bytes, DeadlineEntry> store = probe.wrap(Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("sla-deadline-store"), Serdes.Bytes(), new DeadlineEntry.Serde())
        .withLoggingDisabled().withCachingDisabled()).build();
    store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    DeadlineIndex index = new DeadlineIndex(store);
    for (long at : new long[] {1_000, 2_000, 3_000}) {
      index.put(at, "C-1/CF-" + at);
    }

    assertEquals(List.of(), index.due(500, 100));
    assertEquals(List.of(), index.due(900, 100));
    assertEquals(2, index.due(2_500, 100).size());
    DeadlineProbe.Snapshot s = probe.snapshotAndReset();
    assertEquals(2, s.emptyScans());
    assertEquals(1, s.dueScans());
    assertEquals(2, s.entriesRead());
    assertTrue(s.p50Nanos() > 0 && s.p50Nanos() <= s.p99Nanos() && s.p99Nanos() <= s.maxNanos(), s.toString());

    // gets, puts and deletes are forwarded, not counted as scans; the entries handed out are
    // deleted as the SLA tracker does, and a deadline already past is put back
    index.delete(1_000, "C-1/CF-1000");
    index.delete(2_000, "C-1/CF-2000");
    index.put(1_500, "C-1/CF-1500");
    assertEquals(2, index.due(10_000, 100).size());
    DeadlineProbe.Snapshot after = probe.snapshotAndReset();
    assertEquals(0, after.emptyScans());
    assertEquals(1, after.dueScans());
    assertEquals(2, after.entriesRead());
    assertEquals(new DeadlineProbe.Snapshot(0, 0, 0, 0, 0, 0, 0), probe.snapshotAndReset());
  }

  @Test
  void snapshotLineRoundTrips() {
    DeadlineProbe.Snapshot s = new DeadlineProbe.Snapshot(60, 2, 7, 41_000, 190_000, 1_300_000, 52_000);
    assertEquals(s, DeadlineProbe.Snapshot.parse(s.toLine()));
  }
}
