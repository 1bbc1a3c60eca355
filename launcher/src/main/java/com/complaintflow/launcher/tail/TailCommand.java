package com.complaintflow.launcher.tail;

import com.complaintflow.launcher.ClusterOptions;
import com.complaintflow.schemas.serde.AvroSerde;
import com.complaintflow.schemas.serde.AvroSerdeConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints a topic's records as JSON lines, Avro values decoded through the registry. Reads every
 * partition without a consumer group (nothing is committed, other consumers are not disturbed)
 * and only committed transactional records (read_committed), as the pipeline's consumers see them.
 */
@Command(name = "tail", sortOptions = false, mixinStandardHelpOptions = true,
    description = "Print a topic's records as JSON lines (Avro decoded through the schema registry).",
    footer = {"", "Exit codes: 0 done (--max reached, --timeout passed or Ctrl-C), 1 error, 2 bad usage."})
public final class TailCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPIC", description = "topic name, e.g. complaints")
  String topic;

  @Option(names = "--from-beginning", description = "start at the oldest record (default: only new records)")
  boolean fromBeginning;

  @Option(names = "--max", paramLabel = "N", description = "stop after N records")
  Integer max;

  @Option(names = "--timeout", paramLabel = "S",
      description = "stop when no record arrived for S seconds (default: run until Ctrl-C)")
  Double timeoutSeconds;

  @Mixin
  ClusterOptions cluster;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (max != null && max < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max must be at least 1");
    }
    if (timeoutSeconds != null && timeoutSeconds <= 0) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--timeout must be positive");
    }
    ClusterOptions.Resolved target = cluster.resolve();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AvroSerde<GenericRecord> serde = AvroSerde.generic();
    serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, target.schemaRegistryUrl()), false);
    RecordJson renderer = new RecordJson(serde.deserializer());

    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(target.bootstrapServers()),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15));
      if (partitions == null || partitions.isEmpty()) {
        err.println("topic " + topic + " does not exist on " + target.bootstrapServers()
            + "; topics: " + String.join(", ", consumer.listTopics(Duration.ofSeconds(15)).keySet().stream()
                .filter(t -> !t.startsWith("__")).sorted().toList()));
        return 1;
      }
      List<TopicPartition> assigned = partitions.stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(assigned);
      if (fromBeginning) {
        consumer.seekToBeginning(assigned);
      } else {
        consumer.seekToEnd(assigned);
      }
      assigned.forEach(consumer::position);

      CountDownLatch finished = new CountDownLatch(1);
      Thread stopOnSignal = new Thread(() -> {
        consumer.wakeup();
        try {
          finished.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException ignored) {
          // exiting anyway
        }
      }, "tail-stop");
      Runtime.getRuntime().addShutdownHook(stopOnSignal);
      try {
        consume(consumer, renderer, out);
      } catch (WakeupException signalled) {
        // Ctrl-C: stop quietly
      } finally {
        out.flush();
        finished.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(stopOnSignal);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running already
        }
      }
    }
    return 0;
  }

  private void consume(KafkaConsumer<byte[], byte[]> consumer, RecordJson renderer, PrintWriter out) {
    long printed = 0;
    long idleLimitNanos = timeoutSeconds == null ? Long.MAX_VALUE : (long) (timeoutSeconds * 1e9);
    long lastRecord = System.nanoTime();
    while (true) {
      var records = consumer.poll(Duration.ofMillis(200));
      for (ConsumerRecord<byte[], byte[]> record : records) {
        out.println(renderer.render(record));
        printed++;
        if (max != null && printed >= max) {
          return;
        }
      }
      out.flush();
      if (!records.isEmpty()) {
        lastRecord = System.nanoTime();
      } else if (System.nanoTime() - lastRecord >= idleLimitNanos) {
        return;
      }
    }
  }

  static Map<String, Object> consumerConfig(String bootstrapServers) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "complaintflow-tail");
    return config;
  }
}
