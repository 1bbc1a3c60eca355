package com.complaintflow.intake.cases;

import com.complaintflow.intake.health.HealthCheck;
import com.complaintflow.schemas.avro.CaseEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the {@link CaseDirectory} from the {@code cases} topic: every partition (no consumer
 * group: each intake instance needs every case), from {@code lookback} ago (or the beginning),
 * read_committed because the processor writes transactionally. Runs on its own thread until
 * {@link #close}. A topic that does not exist yet (intake deployed before the processor) is looked
 * for again every few seconds.
 */
public final class CaseDirectoryReader implements Runnable, HealthCheck, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CaseDirectoryReader.class);
  private static final Duration RETRY = Duration.ofSeconds(5);

  private final Map<String, Object> consumerProps;
  private final String topic;
  private final Deserializer<CaseEvent> values;
  private final CaseDirectory directory;
  private final Duration lookback;
  private final Clock clock;
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile String state = "starting";

  /**
   * @param kafkaProps client settings (bootstrap servers, security)
   * @param lookback how far back to read at start; negative = from the beginning
   */
  public CaseDirectoryReader(Map<String, Object> kafkaProps, String topic, Deserializer<CaseEvent> values,
      CaseDirectory directory, Duration lookback, Clock clock) {
    Map<String, Object> props = new HashMap<>(kafkaProps);
    props.keySet().removeIf(k -> k.startsWith("group.") || k.startsWith("transactional."));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "complaintflow-intake-case-directory");
    this.consumerProps = props;
    this.topic = topic;
    this.values = values;
    this.directory = directory;
    this.lookback = lookback;
    this.clock = clock;
  }

  @Override
  public void run() {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer = c;
      if (closing.getCount() == 0) {
        return;
      }
      Map<TopicPartition, Long> target = assign(c);
      if (target == null) {
        return;
      }
      while (closing.getCount() > 0) {
        for (ConsumerRecord<byte[], byte[]> record : c.poll(Duration.ofMillis(500))) {
          learn(record);
        }
        if (!directory.caughtUp() && target.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
          directory.markCaughtUp();
          state = "up";
          log.info("event=case-directory-loaded topic={} cases={}", topic, directory.size());
        }
      }
    } catch (WakeupException e) {
      // close() was called
    } catch (KafkaException e) {
      state = "failed (log event=case-directory-failed)";
      log.error("event=case-directory-failed topic={} error={}", topic, e.toString());
    } finally {
      values.close();
    }
  }

  /** Assigns every partition and seeks to the look-back; returns the end offsets to catch up to, or null when closed. */
  private Map<TopicPartition, Long> assign(KafkaConsumer<byte[], byte[]> c) throws WakeupException {
    List<PartitionInfo> infos = null;
    while (closing.getCount() > 0) {
      try {
        infos = c.partitionsFor(topic, RETRY);
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        infos = null;
      }
      if (infos != null && !infos.isEmpty()) {
        break;
      }
      // nothing to know yet: actions for any number are answered 404 rather than 503
      directory.markCaughtUp();
      state = "up (topic " + topic + " not found yet)";
      log.info("event=case-directory-waiting topic={} reason=topic-not-found", topic);
      try {
        if (closing.await(RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
          return null;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    if (infos == null || infos.isEmpty()) {
      return null;
    }
    List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    c.assign(partitions);
    if (lookback.isNegative()) {
      c.seekToBeginning(partitions);
    } else {
      long since = clock.millis() - lookback.toMillis();
      Map<TopicPartition, Long> query = new HashMap<>();
      partitions.forEach(p -> query.put(p, since));
      Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(query, Duration.ofSeconds(30));
      Map<TopicPartition, Long> ends = c.endOffsets(partitions, Duration.ofSeconds(30));
      for (TopicPartition p : partitions) {
        OffsetAndTimestamp at = found.get(p);
        c.seek(p, at != null ? at.offset() : ends.get(p));
      }
    }
    Map<TopicPartition, Long> target = new HashMap<>(c.endOffsets(partitions, Duration.ofSeconds(30)));
    state = "loading";
    log.info("event=case-directory-reading topic={} partitions={} lookback={}", topic, partitions.size(),
        lookback.isNegative() ? "all" : lookback);
    return target;
  }

  private void learn(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    try {
      CaseEvent event = values.deserialize(record.topic(), record.value());
      directory.put(event.getCaseNumber(), event.getCaseId());
    } catch (RuntimeException e) {
      log.warn("event=case-event-skipped reason=undecodable topic={} partition={} offset={} error={}",
          record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  @Override
  public String name() {
    return "caseDirectory";
  }

  /** Down while the topic is being read at start-up: actions for a case opened before could be refused wrongly. */
  @Override
  public Result check() {
    return new Result(directory.caughtUp() && !state.startsWith("failed"), state + ", " + directory.size() + " case(s) known (max "
        + directory.maxCases() + ")");
  }

  @Override
  public void close() {
    closing.countDown();
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }
}
