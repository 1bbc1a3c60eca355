package com.complaintflow.processor.errors;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Input records whose output the broker refused for good (see {@link RefusedOutputHandler}). With
 * exactly-once the refused send poisons the open transaction, so the task is re-run from its last
 * commit and would produce the same refused output again; the case task consults this list and
 * skips such a record the second time (its reject is already written). Kept in memory: after a
 * process restart the record fails once more and is then skipped.
 */
public final class RefusedSources {
  private static final int MAX = 10_000;
  private static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();

  private RefusedSources() {}

  static void add(String topic, int partition, long offset) {
    if (REFUSED.size() >= MAX) {
      REFUSED.clear();
    }
    REFUSED.add(key(topic, partition, offset));
  }

  public static boolean contains(RecordMetadata meta) {
    return meta != null && !REFUSED.isEmpty()
        && REFUSED.contains(key(meta.topic(), meta.partition(), meta.offset()));
  }

  private static String key(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }
}
