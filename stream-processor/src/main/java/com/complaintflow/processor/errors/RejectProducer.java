package com.complaintflow.processor.errors;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Writes rejects where Kafka Streams offers no (usable) record collector: on the global-store
 * thread, which has none, and after the broker refused an output record, when the task's
 * transaction can no longer commit. A plain idempotent producer with acks=all, built from the
 * Streams configuration (bootstrap servers, security and producer.* settings); each write waits
 * for the broker's acknowledgement, so a reject is durable before the input is skipped.
 *
 * <p>One producer per configuration and JVM, created on first use: handlers are instantiated per
 * stream thread (and again for every replaced thread) and Kafka Streams never closes them.
 */
public final class RejectProducer {
  private static final Map<Map<String, Object>, RejectProducer> SHARED = new ConcurrentHashMap<>();
  private static final Duration SEND_TIMEOUT = Duration.ofMinutes(2);

  private final Map<String, Object> producerConfig;
  private final Function<Map<String, Object>, Producer<byte[], byte[]>> factory;
  private volatile Producer<byte[], byte[]> producer;

  private RejectProducer(Map<String, Object> producerConfig,
      Function<Map<String, Object>, Producer<byte[], byte[]>> factory) {
    this.producerConfig = producerConfig;
    this.factory = factory;
  }

  /**
   * The shared reject producer for these Streams handler configs. A factory under {@link
   * ProcessorConfigKeys#REJECT_PRODUCER_FACTORY_CONFIG} replaces the KafkaProducer (tests).
   */
  @SuppressWarnings("unchecked")
  public static RejectProducer forConfigs(Map<String, ?> configs) {
    Map<String, Object> producerConfig = producerConfig(configs);
    Object custom = configs.get(ProcessorConfigKeys.REJECT_PRODUCER_FACTORY_CONFIG);
    if (custom instanceof Function<?, ?> f) {
      return new RejectProducer(producerConfig, (Function<Map<String, Object>, Producer<byte[], byte[]>>) f);
    }
    return SHARED.computeIfAbsent(producerConfig, c -> new RejectProducer(c,
        pc -> new KafkaProducer<>(pc, new ByteArraySerializer(), new ByteArraySerializer())));
  }

  /** Producer settings out of the Streams configuration: shared client settings, then producer.*. */
  static Map<String, Object> producerConfig(Map<String, ?> configs) {
    Map<String, Object> out = new HashMap<>();
    configs.forEach((k, v) -> {
      if (v != null && ProducerConfig.configNames().contains(k)) {
        out.put(k, v);
      }
    });
    configs.forEach((k, v) -> {
      if (v != null && k.startsWith(StreamsConfig.PRODUCER_PREFIX)) {
        out.put(k.substring(StreamsConfig.PRODUCER_PREFIX.length()), v);
      }
    });
    out.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    out.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
    out.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    out.remove(ProducerConfig.PARTITIONER_CLASS_CONFIG);
    out.put(ProducerConfig.ACKS_CONFIG, "all");
    out.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    Object app = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    out.put(ProducerConfig.CLIENT_ID_CONFIG, (app == null ? "complaintflow" : app) + "-rejects");
    return out;
  }

  /** Sends and waits for the acknowledgement; any failure is thrown. */
  public void sendAndWait(ProducerRecord<byte[], byte[]> record) throws Exception {
    try {
      producer().send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      throw new TimeoutException("reject to " + record.topic() + " not acknowledged within " + SEND_TIMEOUT);
    }
  }

  private Producer<byte[], byte[]> producer() {
    Producer<byte[], byte[]> p = producer;
    if (p == null) {
      synchronized (this) {
        if (producer == null) {
          producer = factory.apply(producerConfig);
        }
        p = producer;
      }
    }
    return p;
  }
}
