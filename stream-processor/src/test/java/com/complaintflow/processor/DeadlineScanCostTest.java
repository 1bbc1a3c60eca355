package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.processor.sla.DeadlineEntry;
import com.complaintflow.processor.sla.DeadlineIndex;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.Channel;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.junit.jupiter.api.Test;

/**
 * With 100,000 open cases in the deadline index, a punctuation with nothing due reads no entry
 * and one with ten due reads ten: counted on the store itself (every get and every iterator
 * step), not timed. The ten urgent cases go through the whole topology; the 100,000 others are
 * written straight into the deadline store as the tracker writes them (one entry per case at its
 * first-response breach, same key layout), since piping 100,000 complaints through the test
 * driver would take minutes and what is measured is the index scan.
 */
class DeadlineScanCostTest {
  private static final int OPEN_CASES = 100_000;
  private static final int URGENT_CASES = 10;
  /** The lower bound of the deadline store's latest range scan. */
  private static final java.util.concurrent.atomic.AtomicReference<Bytes> lastFrom =
      new java.util.concurrent.atomic.AtomicReference<>();

  @Test
  void aPunctuationReadsOnlyWhatIsDue() throws Exception {
    AtomicLong reads = new AtomicLong();
    lastFrom.set(null);
    Map<String, Object> config = Map.of(
        "sla.policy.default.first-response", "4h",
        "sla.policy.default.resolution", "16h",
        "sla.policy.urgent.priority", "URGENT",
        "sla.policy.urgent.first-response", "1h",
        "sla.warnings", "none",
        "sla.unassigned.after", "30d",
        "team.service.supervisors", "sup@example.com");
    try (TopologyFixture f = new TopologyFixture(config, null, null, TopologyFixture.T0,
        builder -> new CountingBuilder(builder, reads))) {
      Instant t = f.now();
      KeyValueStore<Bytes, DeadlineEntry> store =
          f.driver.getKeyValueStore(ComplaintFlowTopology.DEADLINE_STORE);
      for (int i = 0; i < OPEN_CASES; i++) {
        String caseId = "C-" + i + "/CF-" + (i * 1000L + 1);
        // one entry per case: its next moment, the first-response breach
        store.put(DeadlineIndex.key(t.plus(Duration.ofHours(4)).toEpochMilli(), caseId),
            DeadlineEntry.MARKER);
      }
      for (int i = 0; i < URGENT_CASES; i++) {
        f.send(f.complaint(Channel.WEB, "u" + i + "@example.com", null, null, "подам в суд")
            .setReceivedAt(t).build());
      }
      long entries = f.driver.getKeyValueStore(ComplaintFlowTopology.DEADLINE_STORE).approximateNumEntries();
      System.out.println("deadline index entries (approx.): " + entries);
      f.alerts.readValuesToList(); // the legal alerts of the urgent cases

      reads.set(0);
      f.advance(Duration.ofSeconds(1));
      long idle = reads.get();
      System.out.println("store reads of a punctuation with nothing due: " + idle);
      assertTrue(idle <= 1, "nothing due must read O(1) entries, read " + idle);

      reads.set(0);
      f.advanceTo(t.plus(Duration.ofHours(1)));
      List<Alert> alerts = f.alerts.readValuesToList();
      System.out.println("store reads of a punctuation with " + alerts.size() + " due: " + reads.get());
      assertEquals(URGENT_CASES, alerts.size());
      assertTrue(alerts.stream().allMatch(a -> a.getKind().name().equals("SLA_BREACH")));
      assertTrue(reads.get() <= URGENT_CASES + 1, "reads grow with what is due: " + reads.get());

      // The next scans start after what has been fired (not at time 0, where the tombstones of every
      // fired deadline lie until a compaction) ...
      f.advance(Duration.ofSeconds(1));
      long from = ByteBuffer.wrap(lastFrom.get().get(), 0, 8).getLong();
      assertTrue(from >= t.plus(Duration.ofHours(1)).toEpochMilli(), "scan starts at " + Instant.ofEpochMilli(from));
      // ... and a deadline that is already in the past when it is scheduled still fires
      f.send(f.complaint(Channel.WEB, "late@example.com", null, null, "подам в суд")
          .setReceivedAt(f.now().minus(Duration.ofHours(2))).build());
      f.advance(Duration.ofSeconds(1));
      List<Alert> late = f.alerts.readValuesToList().stream()
          .filter(a -> a.getKind().name().equals("SLA_BREACH")).toList();
      assertEquals(1, late.size(), "breach of the case whose deadline was already past: " + late);
    }
  }

  /** Wraps the deadline store's builder so that the built store counts its reads. */
  private record CountingBuilder(StoreBuilder<KeyValueStore<Bytes, DeadlineEntry>> inner, AtomicLong reads)
      implements StoreBuilder<KeyValueStore<Bytes, DeadlineEntry>> {
    @Override
    public StoreBuilder<KeyValueStore<Bytes, DeadlineEntry>> withCachingEnabled() {
      inner.withCachingEnabled();
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<Bytes, DeadlineEntry>> withCachingDisabled() {
      inner.withCachingDisabled();
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<Bytes, DeadlineEntry>> withLoggingEnabled(Map<String, String> config) {
      inner.withLoggingEnabled(config);
      return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<Bytes, DeadlineEntry>> withLoggingDisabled() {
      inner.withLoggingDisabled();
      return this;
    }

    @Override
    public KeyValueStore<Bytes, DeadlineEntry> build() {
      return new CountingStore(inner.build(), reads);
    }

    @Override
    public Map<String, String> logConfig() {
      return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return inner.loggingEnabled();
    }

    @Override
    public String name() {
      return inner.name();
    }
  }

  /** Forwards everything; counts get() calls and every entry an iterator hands out. */
  private record CountingStore(KeyValueStore<Bytes, DeadlineEntry> inner, AtomicLong reads)
      implements KeyValueStore<Bytes, DeadlineEntry> {
    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
      inner.init(context, this);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
      inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> offsets) {
      inner.commit(offsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
      return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
      return inner.managesOffsets();
    }

    @Override
    public void close() {
      inner.close();
    }

    @Override
    public boolean persistent() {
      return inner.persistent();
    }

    @Override
    public boolean isOpen() {
      return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound bound, QueryConfig config) {
      return inner.query(query, bound, config);
    }

    @Override
    public Position getPosition() {
      return inner.getPosition();
    }

    @Override
    public void put(Bytes key, DeadlineEntry value) {
      inner.put(key, value);
    }

    @Override
    public DeadlineEntry putIfAbsent(Bytes key, DeadlineEntry value) {
      return inner.putIfAbsent(key, value);
    }

    @Override
    public void putAll(List<KeyValue<Bytes, DeadlineEntry>> entries) {
      inner.putAll(entries);
    }

    @Override
    public DeadlineEntry delete(Bytes key) {
      return inner.delete(key);
    }

    @Override
    public DeadlineEntry get(Bytes key) {
      reads.incrementAndGet();
      return inner.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, DeadlineEntry> range(Bytes from, Bytes to) {
      lastFrom.set(from);
      return counting(inner.range(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, DeadlineEntry> reverseRange(Bytes from, Bytes to) {
      return counting(inner.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, DeadlineEntry> all() {
      return counting(inner.all());
    }

    @Override
    public KeyValueIterator<Bytes, DeadlineEntry> reverseAll() {
      return counting(inner.reverseAll());
    }

    @Override
    public long approximateNumEntries() {
      return inner.approximateNumEntries();
    }

    private KeyValueIterator<Bytes, DeadlineEntry> counting(KeyValueIterator<Bytes, DeadlineEntry> it) {
      return new KeyValueIterator<>() {
        @Override
        public void close() {
          it.close();
        }

        @Override
        public Bytes peekNextKey() {
          return it.peekNextKey();
        }

        @Override
        public boolean hasNext() {
          return it.hasNext();
        }

        @Override
        public KeyValue<Bytes, DeadlineEntry> next() {
          reads.incrementAndGet();
          return it.next();
        }
      };
    }
  }
}
