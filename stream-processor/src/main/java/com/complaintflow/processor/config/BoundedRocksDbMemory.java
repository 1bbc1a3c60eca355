package com.complaintflow.processor.config;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the off-heap memory of every RocksDB store of this process at one budget. By default each
 * store of each task is its own RocksDB instance with its own memtables (up to 3 x 16 MiB) and
 * block cache: about ten stores x the partition count, which makes the process's RSS several times
 * its heap and grow with the partitions it owns. Here all of them share one LRU block cache, and
 * their memtables are charged to that same cache through a {@link WriteBufferManager}, as the
 * Kafka Streams memory-management guide describes. Index and filter blocks live in the cache too
 * (pinned at high priority), so the budget covers them.
 *
 * <p>The budget comes from {@value #TOTAL_BYTES_CONFIG} and {@value #MEMTABLE_SHARE_CONFIG} in the
 * Streams properties (set from {@code rocksdb.memory.mib} and {@code rocksdb.memtable.share} by
 * {@link StreamsSettings}). The cache is created once per process, by the first store opened, and
 * shared by every store and every stream thread after it; it is never closed (it lives as long as
 * the process).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
  public static final String TOTAL_BYTES_CONFIG = "complaintflow.rocksdb.memory.bytes";
  public static final String MEMTABLE_SHARE_CONFIG = "complaintflow.rocksdb.memtable.share";
  private static final Logger log = LoggerFactory.getLogger(BoundedRocksDbMemory.class);
  /** Memtable size per store; small because many stores share the budget. */
  private static final long MEMTABLE_BYTES = 4L << 20;
  private static final long BLOCK_BYTES = 16L << 10;

  private static Shared shared;

  private record Shared(long totalBytes, Cache cache, WriteBufferManager writeBuffers) {}

  private static synchronized Shared shared(long totalBytes, double memtableShare) {
    if (shared == null) {
      // strict capacity off: a full cache evicts instead of failing reads
      Cache cache = new LRUCache(totalBytes, -1, false, 0.1);
      WriteBufferManager writeBuffers = new WriteBufferManager((long) (totalBytes * memtableShare), cache);
      shared = new Shared(totalBytes, cache, writeBuffers);
      log.info("event=rocksdb-memory-bounded totalMiB={} memtableShare={}", totalBytes >> 20, memtableShare);
    } else if (shared.totalBytes() != totalBytes) {
      log.warn("event=rocksdb-memory-bounded-already totalMiB={} requestedMiB={} (one budget per process; the first"
          + " one configured stays)", shared.totalBytes() >> 20, totalBytes >> 20);
    }
    return shared;
  }

  /** Bytes in use of the shared cache (memtables included); -1 before the first store is opened. */
  static synchronized long usageBytes() {
    return shared == null ? -1 : shared.cache().getUsage();
  }

  /** The budget of the shared cache in bytes; -1 before the first store is opened. */
  static synchronized long capacityBytes() {
    return shared == null ? -1 : shared.totalBytes();
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    long total = Long.parseLong(String.valueOf(configs.get(TOTAL_BYTES_CONFIG)));
    double share = Double.parseDouble(String.valueOf(configs.getOrDefault(MEMTABLE_SHARE_CONFIG, "0.5")));
    Shared s = shared(total, share);
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(s.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    table.setBlockSize(BLOCK_BYTES);
    options.setTableFormatConfig(table);
    options.setWriteBufferManager(s.writeBuffers());
    options.setMaxWriteBufferNumber(2);
    options.setWriteBufferSize(MEMTABLE_BYTES);
  }

  @Override
  public void close(String storeName, Options options) {
    // the cache and the write buffer manager are shared by every store of the process: not closed here
  }
}
