package com.complaintflow.bench.processor;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * When a Kafka Streams application has processed everything, observed from outside so that the
 * measurement costs the measured JVM nothing and is the same for subject and baseline: every input
 * record has come out of its first stage (a {@link RecordCounter} on the stage's output topic, one
 * record per input), and the application's consumer group has consumed and committed everything
 * of its own internal topics (repartition and loop topics), i.e. the later stages are done too.
 *
 * <p>Under exactly-once the end of a partition may be a transaction marker that a committed offset
 * does not pass; a partition therefore also counts as done when it is at most one behind and the
 * group's offsets have not moved for {@link #SETTLE}. The completion time is the poll at which
 * they last moved, so the settle wait is not counted.
 */
public final class GroupProgress {
  static final Duration POLL = Duration.ofMillis(200);
  static final Duration SETTLE = Duration.ofSeconds(2);
  static final Duration REPORT = Duration.ofSeconds(15);

  private final Admin admin;
  private final String groupId;
  private final String inputTopic;

  public GroupProgress(Admin admin, String groupId, String inputTopic) {
    this.admin = admin;
    this.groupId = groupId;
    this.inputTopic = inputTopic;
  }

  /** When the first record left the first stage, and when everything was done. */
  public record Completion(long firstProgressNanos, long doneNanos) {}

  Completion await(long inputRecords, RecordCounter firstStage, Duration timeout, BooleanSupplier alive,
      Consumer<String> progress) throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextReport = System.nanoTime() + REPORT.toNanos();
    Map<TopicPartition, Long> lastCommitted = Map.of();
    long lastChange = System.nanoTime();
    while (System.nanoTime() < deadline) {
      if (!alive.getAsBoolean()) {
        throw new IllegalStateException("the measured process died; see its log");
      }
      long now = System.nanoTime();
      long through = firstStage.count();
      Map<TopicPartition, Long> committed = committedInternal();
      if (!committed.equals(lastCommitted)) {
        lastChange = now;
        lastCommitted = committed;
      }
      if (now >= nextReport || through >= inputRecords) {
        long maxLag = 0;
        long lag = 0;
        Map<TopicPartition, Long> ends = ends(committed.keySet());
        for (Map.Entry<TopicPartition, Long> e : committed.entrySet()) {
          long l = Math.max(0, ends.getOrDefault(e.getKey(), 0L) - e.getValue());
          lag += l;
          maxLag = Math.max(maxLag, l);
        }
        if (now >= nextReport) {
          nextReport = now + REPORT.toNanos();
          progress.accept(String.format("%s: %,d of %,d through the first stage, lag of later stages %,d",
              groupId, through, inputRecords, lag));
        }
        if (through >= inputRecords
            && (maxLag == 0 || (maxLag <= 1 && now - lastChange >= SETTLE.toNanos()))) {
          long done = maxLag == 0 ? now : lastChange;
          return new Completion(firstStage.firstAtNanos(), Math.max(done, firstStage.firstAtNanos()));
        }
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new TimeoutException("group " + groupId + " did not finish within " + timeout.toSeconds() + " s ("
        + firstStage.count() + " of " + inputRecords + " through the first stage)");
  }

  /** Committed offsets of the group on everything but the external input topic. */
  Map<TopicPartition, Long> committedInternal() throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> raw = admin.listConsumerGroupOffsets(groupId)
        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, Long> out = new HashMap<>();
    raw.forEach((tp, om) -> {
      if (om != null && !tp.topic().equals(inputTopic)) {
        out.put(tp, om.offset());
      }
    });
    return out;
  }

  Map<TopicPartition, Long> ends(Set<TopicPartition> partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info = admin.listOffsets(request).all()
        .get(10, TimeUnit.SECONDS);
    Map<TopicPartition, Long> out = new HashMap<>();
    info.forEach((tp, i) -> out.put(tp, i.offset()));
    return out;
  }
}
