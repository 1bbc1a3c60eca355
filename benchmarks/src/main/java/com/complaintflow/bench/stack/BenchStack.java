package com.complaintflow.bench.stack;

import com.complaintflow.launcher.stack.Endpoints;
import com.complaintflow.launcher.stack.LocalStack;
import com.complaintflow.launcher.stack.ServiceStarter;
import com.complaintflow.launcher.stack.StackOptions;
import com.complaintflow.schemas.serde.AvroSerdeConfig;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The run's own stack, started with the launcher's code: a Kafka broker in its own JVM, the schema
 * registry (runner jar) in its own JVM, GreenMail in this JVM, every catalog topic with the
 * launcher's partition count. No services: each scenario starts what it measures.
 */
public final class BenchStack implements AutoCloseable {
  private final LocalStack stack;
  private final Admin admin;
  private final TopicCatalog catalog;
  private final int partitions;

  private BenchStack(LocalStack stack, int partitions) {
    this.stack = stack;
    this.partitions = partitions;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    this.catalog = new TopicCatalog(serdeConfig());
  }

  public static BenchStack start(Path dataDir, int partitions, PrintStream progress)
      throws IOException, InterruptedException {
    StackOptions options = new StackOptions(dataDir).fresh(true).partitions(partitions);
    return new BenchStack(LocalStack.start(options, ServiceStarter.NONE, progress), partitions);
  }

  public String bootstrapServers() {
    return stack.endpoints().kafkaBootstrapServers();
  }

  public String registryUrl() {
    return stack.endpoints().schemaRegistryUrl();
  }

  public Endpoints endpoints() {
    return stack.endpoints();
  }

  public Path dataDir() {
    return stack.options().dataDir();
  }

  public int partitions() {
    return partitions;
  }

  public Map<String, Object> serdeConfig() {
    Map<String, Object> c = new HashMap<>();
    c.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl());
    return c;
  }

  public TopicCatalog catalog() {
    return catalog;
  }

  public Admin admin() {
    return admin;
  }

  public GreenMail greenMail() {
    return stack.greenMail();
  }

  /** Settings of a fast, safe bulk producer (as the intake's: acks=all, idempotent, lz4). */
  public Map<String, Object> producerConfig() {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return p;
  }

  public void createTopic(String name, int partitionCount, Map<String, String> configs)
      throws InterruptedException, IOException {
    try {
      admin.createTopics(List.of(new NewTopic(name, partitionCount, (short) 1).configs(configs)))
          .all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IOException("creating topic " + name + " failed: " + e.getCause(), e.getCause());
      }
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException("creating topic " + name + " timed out", e);
    }
  }

  /** Waits until every partition of a new topic has a leader, so the first produce does not race it. */
  public void awaitLeaders(String topic) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        var d = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        if (d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
      } catch (ExecutionException | java.util.concurrent.TimeoutException notYet) {
        // not visible yet
      }
      Thread.sleep(100);
    }
    throw new IOException("topic " + topic + " has no leader for every partition after 30 s");
  }

  @Override
  public void close() {
    admin.close();
    stack.close();
  }
}
