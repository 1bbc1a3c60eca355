package com.complaintflow.bench.processor;

import com.complaintflow.processor.sla.DeadlineEntry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

/**
 * Times the SLA punctuation's scan of the deadline index in the real topology, through the hook
 * {@code ComplaintFlowTopology.build(config, catalog, wrapper)} offers for the deadline store: a
 * wrapper around the whole built store (metering, caching, changelogging and RocksDB layers
 * included) that measures every range scan from the {@code range()} call to the iterator's
 * {@code close()}, in nanoseconds, and counts the entries the scan handed out. The punctuation
 * ({@code SlaTracker.fireDue}) does nothing but this scan when nothing is due, so a scan that
 * read no entry is the cost of one punctuation with nothing due. The deadline index makes no
 * other range scan; gets, puts and deletes are forwarded untouched.
 *
 * <p>Kafka Streams' own {@code punctuate-latency-avg} is measured in whole milliseconds, too
 * coarse for a scan of tens of microseconds; hence this probe.
 */
public final class DeadlineProbe {
  private static final int MAX_SAMPLES = 1 << 20;

  private long[] emptyScanNanos = new long[1024];
  private int emptyScans;
  private long dueScans;
  private long entriesRead;

  /** What the scans since the last {@link #snapshotAndReset()} cost. */
  public record Snapshot(int emptyScans, long dueScans, long entriesRead, long p50Nanos, long p99Nanos,
      long maxNanos, double meanNanos) {
    public String toLine() {
      return "PROBE " + emptyScans + " " + dueScans + " " + entriesRead + " " + p50Nanos + " " + p99Nanos + " "
          + maxNanos + " " + (long) meanNanos;
    }

    public static Snapshot parse(String line) {
      String[] p = line.split(" ");
      return new Snapshot(Integer.parseInt(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]), Long.parseLong(p[4]),
          Long.parseLong(p[5]), Long.parseLong(p[6]), Long.parseLong(p[7]));
    }
  }

  synchronized void record(long nanos, long entries) {
    entriesRead += entries;
    if (entries > 0) {
      dueScans++;
      return;
    }
    if (emptyScans == emptyScanNanos.length && emptyScans < MAX_SAMPLES) {
      emptyScanNanos = Arrays.copyOf(emptyScanNanos, emptyScans * 2);
    }
    if (emptyScans < emptyScanNanos.length) {
      emptyScanNanos[emptyScans++] = nanos;
    }
  }

  /** The scans since the last call, then starts counting afresh. */
  public synchronized Snapshot snapshotAndReset() {
    long[] sorted = Arrays.copyOf(emptyScanNanos, emptyScans);
    Arrays.sort(sorted);
    long sum = 0;
    for (long v : sorted) {
      sum += v;
    }
    Snapshot s = sorted.length == 0
        ? new Snapshot(0, dueScans, entriesRead, 0, 0, 0, 0)
        : new Snapshot(sorted.length, dueScans, entriesRead, percentile(sorted, 50), percentile(sorted, 99),
            sorted[sorted.length - 1], sum / (double) sorted.length);
    emptyScans = 0;
    dueScans = 0;
    entriesRead = 0;
    return s;
  }

  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** The hook for {@code ComplaintFlowTopology.build}: wraps the deadline store's builder. */
  public StoreBuilder<KeyValueStore<Bytes, DeadlineEntry>> wrap(StoreBuilder<KeyValueStore<Bytes, DeadlineEntry>> b) {
    return new ProbeBuilder(b, this);
  }

  private record ProbeBuilder(StoreBuilder<KeyValueStore<Bytes, DeadlineEntry>> inner, DeadlineProbe probe)
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
      return new ProbeStore(inner.build(), probe);
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

  /** Forwards everything; times range scans. */
  private record ProbeStore(KeyValueStore<Bytes, DeadlineEntry> inner, DeadlineProbe probe)
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
      return inner.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, DeadlineEntry> range(Bytes from, Bytes to) {
      long start = System.nanoTime();
      return timed(inner.range(from, to), start);
    }

    @Override
    public KeyValueIterator<Bytes, DeadlineEntry> reverseRange(Bytes from, Bytes to) {
      return inner.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, DeadlineEntry> all() {
      return inner.all();
    }

    @Override
    public KeyValueIterator<Bytes, DeadlineEntry> reverseAll() {
      return inner.reverseAll();
    }

    @Override
    public long approximateNumEntries() {
      return inner.approximateNumEntries();
    }

    private KeyValueIterator<Bytes, DeadlineEntry> timed(KeyValueIterator<Bytes, DeadlineEntry> it, long start) {
      return new KeyValueIterator<>() {
        private long entries;

        @Override
        public void close() {
          it.close();
          probe.record(System.nanoTime() - start, entries);
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
          entries++;
          return it.next();
        }
      };
    }
  }
}
