package com.complaintflow.launcher.stack;

import com.complaintflow.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows some of the pipeline's topics from their beginning on a thread of its own and hands
 * every decoded record to a listener: the demo's live view and the end-to-end test watch the
 * pipeline this way. Every partition, no consumer group (it commits nothing and disturbs no one),
 * read_committed like the pipeline's own consumers. A record that cannot be decoded is skipped.
 */
public final class TopicFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

  /** Gets every record; called on the follower's thread. */
  @FunctionalInterface
  public interface Listener {
    void record(String topic, Object key, Object value, long timestamp);
  }

  private final Map<String, Deserializer<?>> keys = new HashMap<>();
  private final Map<String, Deserializer<?>> values = new HashMap<>();
  private final String bootstrapServers;
  private final Listener listener;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Thread thread;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  public TopicFollower(String bootstrapServers, List<Topic<?, ?>> topics, Listener listener) {
    this.bootstrapServers = bootstrapServers;
    this.listener = listener;
    for (Topic<?, ?> t : topics) {
      keys.put(t.name(), t.keySerde().deserializer());
      values.put(t.name(), t.valueSerde().deserializer());
    }
    this.thread = new Thread(this::run, "topic-follower");
    this.thread.setDaemon(true);
  }

  public TopicFollower start() {
    thread.start();
    return this;
  }

  private void run() {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "complaintflow-follower");
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer = c;
      if (closing.getCount() == 0) {
        return;
      }
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : values.keySet()) {
        List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos != null) {
          infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
      }
      c.assign(partitions);
      c.seekToBeginning(partitions);
      while (closing.getCount() > 0) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(300))) {
          deliver(r);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.warn("event=follower-failed error={}", e.toString());
    }
  }

  private void deliver(ConsumerRecord<byte[], byte[]> r) {
    try {
      Object key = r.key() == null ? null : keys.get(r.topic()).deserialize(r.topic(), r.key());
      Object value = r.value() == null ? null : values.get(r.topic()).deserialize(r.topic(), r.value());
      listener.record(r.topic(), key, value, r.timestamp());
    } catch (RuntimeException e) {
      log.debug("event=record-skipped topic={} partition={} offset={} error={}", r.topic(), r.partition(),
          r.offset(), e.toString());
    }
  }

  @Override
  public void close() {
    closing.countDown();
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
