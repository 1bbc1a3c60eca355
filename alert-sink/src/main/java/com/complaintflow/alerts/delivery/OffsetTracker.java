package com.complaintflow.alerts.delivery;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of each partition may be committed: everything below the oldest alert whose
 * outcome (sent, dead-lettered, dropped) is not yet recorded. Held and retrying alerts therefore
 * keep their offsets uncommitted and are read again after a restart.
 */
public final class OffsetTracker {
  private final Map<TopicPartition, TreeSet<Long>> open = new HashMap<>();
  private final Map<TopicPartition, Long> next = new HashMap<>();

  public void track(TopicPartition tp, long offset) {
    open.computeIfAbsent(tp, p -> new TreeSet<>()).add(offset);
    next.merge(tp, offset + 1, Math::max);
  }

  public void settle(TopicPartition tp, long offset) {
    TreeSet<Long> offsets = open.get(tp);
    if (offsets != null) {
      offsets.remove(offset);
    }
  }

  public Map<TopicPartition, OffsetAndMetadata> committable() {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    next.forEach((tp, n) -> {
      TreeSet<Long> offsets = open.get(tp);
      out.put(tp, new OffsetAndMetadata(offsets == null || offsets.isEmpty() ? n : offsets.first()));
    });
    return out;
  }

  public void forget(Collection<TopicPartition> partitions) {
    partitions.forEach(tp -> {
      open.remove(tp);
      next.remove(tp);
    });
  }
}
