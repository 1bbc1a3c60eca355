package com.complaintflow.launcher.load;

import com.complaintflow.launcher.ClusterOptions;
import com.complaintflow.schemas.serde.AvroSerdeConfig;
import com.complaintflow.schemas.topics.Topic;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code load clients FILE} / {@code load agents FILE}: a CRM export or staff list into the compacted topics. */
@Command(name = "load", sortOptions = false, mixinStandardHelpOptions = true,
    description = "Validate a CSV (with a header row) or JSON-lines file of clients or agents and write"
        + " the good rows to the compacted clients / agents topic. Bad rows are reported with line"
        + " number and reason; the others are still loaded.",
    footer = {"", "Exit codes: 0 every row loaded, 3 some rows were bad (the good ones were loaded),"
        + " 1 nothing loaded (file unreadable, Kafka or registry unreachable), 2 bad usage."})
public final class LoadCommand implements Callable<Integer> {
  public static final int EXIT_SOME_ROWS_BAD = 3;

  /** What to load. */
  public enum Kind { clients, agents }

  @Parameters(index = "0", paramLabel = "clients|agents", description = "what the file holds")
  Kind kind;

  @Parameters(index = "1", paramLabel = "FILE", description = "CSV with a header row, or JSON lines")
  Path file;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "csv, jsonl or auto (by extension, else by content; default: ${DEFAULT-VALUE})")
  RowFormat format = RowFormat.AUTO;

  @Option(names = "--default-region", paramLabel = "CC",
      description = "region for phone numbers without +country code, ISO 3166 (default: ${DEFAULT-VALUE})")
  String defaultRegion = "RU";

  @Option(names = "--topic", paramLabel = "NAME", description = "topic to write (default: clients / agents)")
  String topic;

  @Option(names = "--dry-run", description = "only validate and report; write nothing")
  boolean dryRun;

  @Mixin
  ClusterOptions cluster;

  @Spec
  CommandSpec spec;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isReadable(file)) {
      err.println("error: cannot read " + file);
      return 1;
    }
    return switch (kind) {
      case clients -> run(new ClientMapper(defaultRegion.toUpperCase(java.util.Locale.ROOT), clock),
          TopicCatalog::clients, out, err);
      case agents -> run(new AgentMapper(clock), TopicCatalog::agents, out, err);
    };
  }

  private <T> int run(RecordMapper<T> mapper, java.util.function.Function<TopicCatalog, Topic<String, T>> pick,
      PrintWriter out, PrintWriter err) throws Exception {
    RowValidation.Result<T> result = RowValidation.validate(file, format, mapper);
    result.warnings().forEach(w -> err.println("warning: " + w));
    result.errors().forEach(e -> err.println("rejected " + e));
    err.flush();
    String noun = mapper.noun() + "s";
    if (dryRun) {
      out.printf("%d %s valid, %d rows rejected (dry run: nothing written)%n",
          result.records().size(), noun, result.errors().size());
      return result.errors().isEmpty() ? 0 : EXIT_SOME_ROWS_BAD;
    }
    int written = 0;
    String topicName = null;
    if (!result.records().isEmpty()) {
      ClusterOptions.Resolved target = cluster.resolve();
      Map<String, Object> config = new HashMap<>();
      config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, target.schemaRegistryUrl());
      if (topic != null) {
        config.put(kind == Kind.clients ? "topic.clients" : "topic.agents", topic);
      }
      Topic<String, T> destination = pick.apply(new TopicCatalog(config));
      topicName = destination.name();
      written = publish(target.bootstrapServers(), destination, result.records());
    }
    out.printf("%d %s loaded%s, %d rows rejected%n", written, noun,
        topicName == null ? "" : " to topic " + topicName, result.errors().size());
    out.flush();
    return result.errors().isEmpty() ? 0 : EXIT_SOME_ROWS_BAD;
  }

  /** Writes all records and waits for every acknowledgement; a failure fails the command. */
  static <T> int publish(String bootstrapServers, Topic<String, T> topic, List<RecordMapper.Mapped<T>> records)
      throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "complaintflow-load");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    try (KafkaProducer<String, T> producer = new KafkaProducer<>(config,
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      List<Future<RecordMetadata>> acks = new ArrayList<>();
      for (RecordMapper.Mapped<T> record : records) {
        acks.add(producer.send(new ProducerRecord<>(topic.name(), record.key(), record.value())));
      }
      producer.flush();
      for (Future<RecordMetadata> ack : acks) {
        ack.get(60, TimeUnit.SECONDS);
      }
      return acks.size();
    }
  }
}
