package com.complaintflow.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft Kafka broker (combined broker + controller) for integration tests,
 * started once per test class:
 *
 * <pre>
 *   &#64;RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
 * </pre>
 *
 * {@link #topic(String)} gives each test its own topic names, so tests of one class never see
 * each other's records.
 */
public final class EmbeddedKafka implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final Map<String, String> brokerProps = new HashMap<>();
  private KafkaClusterTestKit cluster;
  private Admin admin;
  private String currentTest = "test";

  public EmbeddedKafka() {
    // A single node cannot replicate: internal topics must accept one replica, or group
    // coordination and transactions hang.
    brokerProps.put("offsets.topic.replication.factor", "1");
    brokerProps.put("offsets.topic.num.partitions", "3");
    brokerProps.put("transaction.state.log.replication.factor", "1");
    brokerProps.put("transaction.state.log.min.isr", "1");
    brokerProps.put("transaction.state.log.num.partitions", "3");
    brokerProps.put("group.initial.rebalance.delay.ms", "0");
    brokerProps.put("auto.create.topics.enable", "false");
    brokerProps.put("num.partitions", "1");
  }

  /** Adds or overrides a broker property; call before the class's tests start. */
  public EmbeddedKafka withBrokerProperty(String key, String value) {
    brokerProps.put(key, value);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    currentTest = context.getRequiredTestMethod().getName();
  }

  public void start() throws Exception {
    if (cluster != null) {
      return;
    }
    TestKitNodes nodes = new TestKitNodes.Builder()
        .setCombined(true)
        .setNumBrokerNodes(1)
        .setNumControllerNodes(1)
        .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
        .build();
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
    brokerProps.forEach(builder::setConfigProp);
    cluster = builder.build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    admin = cluster.admin();
  }

  public void stop() throws Exception {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
      admin = null;
    }
    if (cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  public String bootstrapServers() {
    requireStarted();
    return cluster.bootstrapServers();
  }

  /**
   * {@code localhost:port} of the broker's listener of that name: a listener added through
   * {@link #withBrokerProperty} ({@code listeners}, as {@link ScramKafka} does). {@link
   * #bootstrapServers()} is the test kit's own listener, which {@link #admin()} and the helpers use.
   */
  public String bootstrapServers(String listenerName) {
    requireStarted();
    ListenerName name = ListenerName.normalised(listenerName);
    return cluster.brokers().values().stream()
        .map(broker -> "localhost:" + broker.boundPort(name))
        .collect(Collectors.joining(","));
  }

  public Admin admin() {
    requireStarted();
    return admin;
  }

  /**
   * A topic name unique to this test run and test method, e.g. {@code complaints-roundTrip-7}.
   * The topic is not created; see {@link #createTopic}.
   */
  public String topic(String prefix) {
    String method = currentTest.replaceAll("[^A-Za-z0-9]", "");
    return prefix + "-" + method + "-" + SEQUENCE.incrementAndGet();
  }

  /** Creates the topic (idempotent) with the given partitions and extra configs. */
  public String createTopic(String name, int partitions, Map<String, String> configs) {
    try {
      admin().createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs)))
          .all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("could not create topic " + name, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return name;
  }

  public String createTopic(String name, int partitions) {
    return createTopic(name, partitions, Map.of());
  }

  /** Unique name + creation in one step. */
  public String newTopic(String prefix, int partitions) {
    return createTopic(topic(prefix), partitions);
  }

  public Set<String> topics() throws Exception {
    return admin().listTopics().names().get();
  }

  /** Producer settings: idempotent, acks=all, against this broker. */
  public Properties producerProps() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return props;
  }

  /** Consumer settings: a fresh group, from the beginning, read_committed. */
  public Properties consumerProps(String group) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return props;
  }

  /**
   * Reads the topic from the beginning until {@code expected} records arrived or the timeout
   * passed; returns what it read (fewer than expected on timeout, so the test can say so).
   */
  public <K, V> List<ConsumerRecord<K, V>> readAll(
      String topic, Deserializer<K> keys, Deserializer<V> values, int expected, Duration timeout) {
    List<ConsumerRecord<K, V>> out = new ArrayList<>();
    String group = "reader-" + topic + "-" + SEQUENCE.incrementAndGet();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(consumerProps(group), keys, values)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (out.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }

  private void requireStarted() {
    if (cluster == null) {
      throw new IllegalStateException(
          "EmbeddedKafka not started: register it with @RegisterExtension on a static field");
    }
  }

  @Override
  public String toString() {
    return "EmbeddedKafka[" + (cluster == null ? "stopped" : cluster.bootstrapServers()) + "]";
  }
}
