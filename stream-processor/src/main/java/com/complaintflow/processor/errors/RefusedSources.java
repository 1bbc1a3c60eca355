package com.complaintflow.processor.errors;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Input records whose output the broker refused for good (see {@link RefusedOutputHandler}). With
 * exactly-once the refused send poisons the open transaction, so the task is re-run from its last
 * commit and would produce the same refused output again; the case task consults this list and
 * skips such a record the second time (its reject is already written). Kept in memory: after a
 * process restart the record fails once more and is then skipped.
 *
 * <p>One list per processor instance: {@code StreamsSettings} places a fresh one in the Streams
 * properties of each KafkaStreams instance under {@link ProcessorConfigKeys#REFUSED_SOURCES_CONFIG},
 * and the production exception handlers and the case task of that instance find it there ({@link
 * #of}). Two applications (or two instances of one) in the same JVM therefore never skip each
 * other's inputs.
 */
public final class RefusedSources {
  private static final int MAX = 10_000;
  /** For Streams properties assembled without {@code StreamsSettings}: one list per application id. */
  private static final Map<String, RefusedSources> BY_APPLICATION = new ConcurrentHashMap<>();
  /** A task's list, found once per task context ({@code appConfigs()} copies the whole configuration). */
  private static final Map<ProcessorContext<?, ?>, RefusedSources> BY_CONTEXT =
      Collections.synchronizedMap(new WeakHashMap<>());
  /** Set by the first refusal in this JVM; until then no task looks its list up. */
  private static volatile boolean anyRefused;

  private final Set<String> refused = ConcurrentHashMap.newKeySet();

  public RefusedSources() {}

  /**
   * The list of the instance these Streams configs belong to (handler configs, {@code
   * ProcessorContext.appConfigs()}): the one under {@link ProcessorConfigKeys#REFUSED_SOURCES_CONFIG},
   * or, when the properties carry none, one shared by the application id.
   */
  public static RefusedSources of(Map<String, ?> configs) {
    if (configs.get(ProcessorConfigKeys.REFUSED_SOURCES_CONFIG) instanceof RefusedSources own) {
      return own;
    }
    return BY_APPLICATION.computeIfAbsent(String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG)),
        app -> new RefusedSources());
  }

  /**
   * True when the record being processed by the task of {@code context} had its output refused in
   * this processor instance (its list: {@link #of} of the task's {@code appConfigs()}).
   */
  public static boolean contains(ProcessorContext<?, ?> context, RecordMetadata meta) {
    if (!anyRefused || meta == null) {
      return false;
    }
    RefusedSources own = BY_CONTEXT.get(context);
    if (own == null) {
      own = of(context.appConfigs());
      BY_CONTEXT.put(context, own);
    }
    return own.contains(meta);
  }

  void add(String topic, int partition, long offset) {
    if (refused.size() >= MAX) {
      refused.clear();
    }
    refused.add(key(topic, partition, offset));
    anyRefused = true;
  }

  public boolean contains(RecordMetadata meta) {
    return meta != null && !refused.isEmpty()
        && refused.contains(key(meta.topic(), meta.partition(), meta.offset()));
  }

  private static String key(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }

  @Override
  public String toString() {
    return "RefusedSources[" + refused.size() + "]";
  }
}
