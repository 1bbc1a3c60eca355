package com.complaintflow.alerts;

import com.complaintflow.alerts.delivery.Backoff;
import com.complaintflow.alerts.delivery.CalendarQuietHours;
import com.complaintflow.alerts.delivery.DeliveryEngine;
import com.complaintflow.alerts.delivery.SinkStats;
import com.complaintflow.alerts.delivery.StormControl;
import com.complaintflow.alerts.mail.AlertEmailComposer;
import com.complaintflow.alerts.mail.MailSender;
import com.complaintflow.alerts.mail.MessageIds;
import com.complaintflow.alerts.state.CaseStatusReader;
import com.complaintflow.alerts.state.KafkaDeadLetters;
import com.complaintflow.alerts.state.KafkaOutcomeStore;
import com.complaintflow.alerts.state.KafkaUndecodableRecords;
import com.complaintflow.common.config.ConfigLoader;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's Kafka side and its one worker thread: reads {@code alerts} (consumer group, manual
 * commits), follows {@code cases} and the outcome topic, drives the {@link DeliveryEngine}, and
 * commits each partition only up to its oldest alert that is not yet sent, dead-lettered or
 * dropped. A held or retrying alert is therefore read again after a restart, and the outcome topic
 * makes that replay send nothing twice. A record that is not a decodable Alert is copied unchanged
 * to the undecodable-records topic before its offset may be committed.
 */
public final class AlertSinkService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AlertSinkService.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final AlertSinkConfig config;
  private final Clock clock;
  private final MailSender sender;
  private final TopicCatalog catalog;
  private final SinkStats stats = new SinkStats();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private volatile boolean running = true;
  private volatile boolean failed;
  private Thread worker;

  public AlertSinkService(AlertSinkConfig config, Clock clock, MailSender sender) {
    this.config = config;
    this.clock = clock;
    this.sender = sender;
    this.catalog = new TopicCatalog(config.originals());
  }

  public SinkStats stats() {
    return stats;
  }

  /** Starts the worker thread; returns at once. */
  public AlertSinkService start() {
    worker = new Thread(this::run, "alert-sink");
    worker.start();
    return this;
  }

  /** Completes when the sink has loaded its state and subscribed. */
  public CompletableFuture<Void> ready() {
    return ready;
  }

  /** Completes when the worker stops; exceptionally if it died. */
  public CompletableFuture<Void> terminated() {
    return terminated;
  }

  private void run() {
    Map<String, Object> common = kafkaClientConfig();
    CalendarQuietHours quietHours;
    try {
      quietHours = QuietHoursFactory.create(config);
    } catch (RuntimeException e) {
      log.error("event=sink-failed reason=invalid-configuration error=\"{}\"", e.getMessage());
      ready.completeExceptionally(e);
      terminated.completeExceptionally(e);
      sender.close();
      return;
    }
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(common),
            new StringSerializer(), new ByteArraySerializer());
        KafkaProducer<byte[], byte[]> rawProducer = new KafkaProducer<>(producerConfig(common),
            new ByteArraySerializer(), new ByteArraySerializer());
        KafkaOutcomeStore outcomes = new KafkaOutcomeStore(config.sentTopic(),
            new KafkaConsumer<>(readerConfig(common), new StringDeserializer(), new ByteArrayDeserializer()),
            producer, clock, config.sentRetention());
        CaseStatusReader cases = new CaseStatusReader(catalog.cases().name(),
            new KafkaConsumer<>(readerConfig(common), new StringDeserializer(), new ByteArrayDeserializer()),
            catalog.cases().valueSerde().deserializer(), clock, config.casesLookback())) {
      ensureSentTopic(common);
      ensureUndecodableTopic(common);
      outcomes.load(STARTUP_TIMEOUT);
      cases.start(STARTUP_TIMEOUT);
      AlertEmailComposer composer = new AlertEmailComposer(sender.session(), config.mailFrom(),
          new MessageIds(config.messageIdDomain()), quietHours::zoneOf);
      DeliveryEngine engine = new DeliveryEngine(clock, sender, composer, outcomes,
          new KafkaDeadLetters(catalog.alertsDead().name(), producer,
              catalog.alertsDead().valueSerde().serializer()),
          cases, quietHours, new StormControl(config.stormThreshold(), config.stormWindow()),
          new Backoff(config.retryInitialBackoff(), config.retryMaxBackoff(), config.retryJitter(),
              () -> ThreadLocalRandom.current().nextDouble()),
          new DeliveryEngine.Settings(config.teamRecipients(), config.stormDigestDelay(),
              config.stormDigestMaxAlerts(), config.retryGiveUpAfter()),
          stats);
      loop(common, engine, outcomes, cases, new KafkaUndecodableRecords(config.undecodableTopic(), rawProducer));
      terminated.complete(null);
    } catch (Throwable e) {
      failed = true;
      log.error("event=sink-failed error=\"{}\"", e.toString(), e);
      ready.completeExceptionally(e);
      terminated.completeExceptionally(e);
    } finally {
      sender.close();
    }
  }

  private void loop(Map<String, Object> common, DeliveryEngine engine, KafkaOutcomeStore outcomes,
      CaseStatusReader cases, KafkaUndecodableRecords undecodable) {
    Deserializer<Alert> alerts = catalog.alerts().valueSerde().deserializer();
    String topic = catalog.alerts().name();
    // keys as bytes: an undecodable record is copied exactly as it came
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(groupConfig(common),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
      consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
          if (!failed) {
            commit(consumer, engine, committed, Set.copyOf(partitions));
          }
          engine.forget(partitions);
          partitions.forEach(committed::remove);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
          engine.forget(partitions);
          partitions.forEach(committed::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          // another instance may have sent alerts of these partitions until a moment ago
          outcomes.catchUp(STARTUP_TIMEOUT);
          log.info("event=partitions-assigned partitions={}", partitions);
        }
      });
      log.info("event=started service=alert-sink alertsTopic={} outcomeTopic={} group={}", topic,
          config.sentTopic(), config.groupId());
      ready.complete(null);
      try {
        poll(consumer, engine, outcomes, cases, alerts, undecodable, committed);
      } catch (Throwable e) {
        // no commit while the consumer closes: whatever was in flight is read again on restart
        failed = true;
        throw e;
      }
      commit(consumer, engine, committed, consumer.assignment());
      log.info("event=stopped service=alert-sink {}", stats);
    }
  }

  private void poll(KafkaConsumer<byte[], byte[]> consumer, DeliveryEngine engine, KafkaOutcomeStore outcomes,
      CaseStatusReader cases, Deserializer<Alert> alerts, KafkaUndecodableRecords undecodable,
      Map<TopicPartition, OffsetAndMetadata> committed) {
    boolean paused = false;
    while (running) {
      Duration wait = config.pollInterval();
      Instant next = engine.nextDue();
      if (next != null) {
        Duration untilDue = Duration.between(clock.instant(), next);
        wait = untilDue.isNegative() ? Duration.ZERO : (untilDue.compareTo(wait) < 0 ? untilDue : wait);
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        Alert alert = decode(alerts, undecodable, r);
        if (alert == null) {
          engine.skip(tp, r.offset());
        } else {
          engine.accept(alert, tp, r.offset());
        }
      }
      outcomes.poll();
      cases.poll();
      engine.runDue();
      commit(consumer, engine, committed, consumer.assignment());
      boolean full = engine.pendingDeliveries() >= config.maxPendingDeliveries();
      if (full && !paused) {
        consumer.pause(consumer.assignment());
        paused = true;
        log.warn("event=consumption-paused pending={}", engine.pendingDeliveries());
      } else if (!full && paused) {
        consumer.resume(consumer.paused());
        paused = false;
        log.info("event=consumption-resumed pending={}", engine.pendingDeliveries());
      }
      stats.loops.incrementAndGet();
    }
  }

  /** The alert, or null after the record was copied to the undecodable-records topic (and acknowledged). */
  private Alert decode(Deserializer<Alert> alerts, KafkaUndecodableRecords undecodable, ConsumerRecord<byte[], byte[]> r) {
    String reason;
    String detail;
    if (r.value() == null) {
      reason = "empty-alert";
      detail = "record without a value";
    } else {
      try {
        Alert alert = alerts.deserialize(r.topic(), r.headers(), r.value());
        if (alert != null) {
          return alert;
        }
        reason = "empty-alert";
        detail = "record value decodes to nothing";
      } catch (SerializationException e) {
        reason = "undecodable-alert";
        detail = e.getMessage();
      }
    }
    // on failure the exception stops the sink before any commit: the record is read again after a restart
    undecodable.copy(r, reason, detail);
    stats.undecodable.incrementAndGet();
    log.warn("event=alert-skipped reason={} topic={} partition={} offset={} copiedTo={} detail=\"{}\"", reason,
        r.topic(), r.partition(), r.offset(), undecodable.topic(), detail);
    return null;
  }

  private void commit(KafkaConsumer<byte[], byte[]> consumer, DeliveryEngine engine,
      Map<TopicPartition, OffsetAndMetadata> committed, Set<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> changed = new HashMap<>();
    engine.committable().forEach((tp, offset) -> {
      if (partitions.contains(tp) && !offset.equals(committed.get(tp))) {
        changed.put(tp, offset);
      }
    });
    if (!changed.isEmpty()) {
      consumer.commitSync(changed);
      committed.putAll(changed);
    }
  }

  private void ensureSentTopic(Map<String, Object> common) throws Exception {
    if (config.createSentTopic()) {
      ensureTopic(common, new NewTopic(config.sentTopic(), Optional.of(1), Optional.empty()).configs(Map.of(
          "cleanup.policy", "compact,delete",
          "retention.ms", Long.toString(config.sentRetention().toMillis()))));
    }
  }

  private void ensureUndecodableTopic(Map<String, Object> common) throws Exception {
    if (config.createUndecodableTopic()) {
      ensureTopic(common, new NewTopic(config.undecodableTopic(), Optional.of(1), Optional.empty()));
    }
  }

  private static void ensureTopic(Map<String, Object> common, NewTopic topic) throws Exception {
    try (Admin admin = Admin.create(common)) {
      if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic.name())) {
        return;
      }
      try {
        admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        log.info("event=topic-created topic={} cleanupPolicy={}", topic.name(),
            topic.configs() == null ? "default" : topic.configs().getOrDefault("cleanup.policy", "default"));
      } catch (java.util.concurrent.ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }

  /** {@code kafka.*} keys with the prefix removed (bootstrap servers, security settings ...). */
  private Map<String, Object> kafkaClientConfig() {
    Map<String, Object> out = ConfigLoader.withPrefix(config.originals(), "kafka.");
    out.put("bootstrap.servers", config.bootstrapServers());
    return out;
  }

  private static Map<String, Object> producerConfig(Map<String, Object> common) {
    Map<String, Object> p = new HashMap<>(common);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return p;
  }

  private static Map<String, Object> readerConfig(Map<String, Object> common) {
    Map<String, Object> c = new HashMap<>(common);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return c;
  }

  private Map<String, Object> groupConfig(Map<String, Object> common) {
    Map<String, Object> c = readerConfig(common);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return c;
  }

  /** Stops after the current round, commits what is settled and closes. */
  @Override
  public void close() {
    // the loop notices within one poll interval; no wakeup(), so the last commit still happens
    running = false;
    if (worker != null) {
      try {
        worker.join(Duration.ofSeconds(30).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
