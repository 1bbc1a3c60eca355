package com.complaintflow.bench.footprint;

import com.complaintflow.bench.data.DataSet;
import com.complaintflow.bench.skeleton.SkeletonProfile;
import com.complaintflow.bench.skeleton.SkeletonTopology;
import com.complaintflow.processor.ComplaintFlowTopology;
import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.processor.config.StreamsSettings;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.topics.Topic;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code FootprintMain [--records N] [--topology full|passthrough]}: runs the benchmark's own
 * complaints through a topology under {@link org.apache.kafka.streams.TopologyTestDriver} (no
 * broker) and prints, per complaint, the records and key+value bytes produced to every topic:
 * outputs, repartition topics, the team-commands topic and the changelog of every store.
 */
@Command(name = "footprint", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Records and bytes produced per complaint, per topic and store changelog, on the benchmark's"
        + " data (TopologyTestDriver, no broker).")
public final class FootprintMain implements Callable<Integer> {
  /** The run's wall clock: fixed, so that SLA calendars give the same deadlines every run. */
  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  static final String METHOD = "TopologyTestDriver over the topology built by the processor's own factory and"
      + " StreamsSettings (exactly_once_v2, record caches as configured), mock schema registry; the data set of"
      + " the benchmark (seed 42, clients = 30 %% of complaints, 30 agents per team, complaint times over the 6"
      + " days before the run's fixed wall clock %s); clients and agents loaded into the global tables first,"
      + " then the complaints keyed by client key, record time = wall clock, the wall clock advanced %d ms every"
      + " %d complaints (%,d complaints/s: wall-clock punctuations such as SLA alerts run as in a throughput run)"
      + " and 1 s at the end. Every record the driver's producer received is counted with the serialized sizes"
      + " of key, value and headers (changelogs of every logged store, repartition topics, the team-commands"
      + " topic, outputs). The driver commits after every input, so a cached store reaches its changelog once"
      + " per input that changed a key.";

  @Option(names = "--records", paramLabel = "N", description = "complaints (default: ${DEFAULT-VALUE})")
  long records = 20_000;

  @Option(names = "--topology", paramLabel = "full|passthrough|skeleton",
      description = "what to measure (default: ${DEFAULT-VALUE}); skeleton: the full topology first, then the I/O"
          + " skeleton built from its figures")
  String topology = "full";

  @Option(names = "--rate", paramLabel = "R", description = "complaints per second of the driver's wall clock"
      + " (default: ${DEFAULT-VALUE})")
  int rate = 1_000;

  @Option(names = "--step", paramLabel = "N", description = "complaints between two moves of the wall clock"
      + " (default: ${DEFAULT-VALUE})")
  int step = 100;

  @Option(names = "--processor-set", paramLabel = "KEY=VALUE", description = "a stream-processor setting;"
      + " repeatable")
  Map<String, String> processorSettings = new LinkedHashMap<>();

  /** What one run measured. */
  public record Result(long complaints, long inputBytes, List<Footprint.Line> lines, double seconds,
      org.apache.kafka.streams.TopologyDescription description, String complaintsTopic, String teamCommandsTopic) {
    public long records() {
      return lines.stream().mapToLong(l -> l.bytes().records()).sum();
    }

    public long bytes() {
      return lines.stream().mapToLong(l -> l.bytes().bytes()).sum();
    }

    public long bytes(Footprint.Kind kind) {
      return lines.stream().filter(l -> l.kind() == kind).mapToLong(l -> l.bytes().bytes()).sum();
    }

    public long records(Footprint.Kind kind) {
      return lines.stream().filter(l -> l.kind() == kind).mapToLong(l -> l.bytes().records()).sum();
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    out.println("footprint of the " + topology + " topology, " + String.format(Locale.ROOT, "%,d", records)
        + " complaints");
    out.println("method: " + method(rate, step));
    SkeletonProfile profile = null;
    if (topology.equals("skeleton")) {
      Result full = run("full", records, rate, step, processorSettings);
      out.println();
      out.println("full topology:");
      out.println(render(full));
      profile = SkeletonProfile.from(full);
      out.println("skeleton profile:");
      out.print(profile.describe());
    }
    Result r = run(topology, records, rate, step, processorSettings, profile);
    out.println();
    out.println(topology + ":");
    out.println(render(r));
    return 0;
  }

  static String method(int rate, int step) {
    return String.format(Locale.ROOT, METHOD, NOW, Math.max(1, step * 1000L / rate), step, rate);
  }

  /** Runs {@code n} complaints of the benchmark's data set through the named topology. */
  public static Result run(String which, long n, int rate, int step, Map<String, String> settings)
      throws IOException {
    return run(which, n, rate, step, settings, null);
  }

  /** As {@link #run(String, long, int, int, Map)}; {@code profile} for the skeleton. */
  public static Result run(String which, long n, int rate, int step, Map<String, String> settings,
      SkeletonProfile profile) throws IOException {
    Path stateDir = Files.createTempDirectory("bench-footprint");
    try {
      Map<String, Object> values = new HashMap<>();
      values.put(ProcessorConfig.APPLICATION_ID_CONFIG, "bench-footprint");
      values.put(ProcessorConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://bench-footprint-" + System.nanoTime());
      values.put(ProcessorConfig.STATE_DIR_CONFIG, stateDir.toString());
      values.putAll(settings);
      ProcessorConfig config = new ProcessorConfig(values);
      TopicCatalog catalog = new TopicCatalog(config.catalogConfig());
      Topology t = switch (which) {
        case "full" -> ComplaintFlowTopology.build(config, catalog);
        case "passthrough" -> com.complaintflow.bench.processor.ProcessorChild.passthrough(catalog,
            "bench-footprint-out");
        case "skeleton" -> SkeletonTopology.build(profile, config.applicationId(), catalog.complaints().name(),
            catalog.caseActions().name(), config.internalPartitions());
        default -> throw new IllegalArgumentException("unknown topology '" + which
            + "' (full, passthrough, skeleton)");
      };
      Properties props = StreamsSettings.of(config);
      int clients = (int) Math.max(100, Math.min(300_000, n * 3 / 10));
      DataSet data = new DataSet(clients, 30, 42L, NOW.minus(Duration.ofDays(6)));
      long t0 = System.nanoTime();
      try (Footprint f = new Footprint(t, props, NOW)) {
        if (which.equals("full")) {
          // the global tables of the full topology; the others have none
          Topic<String, Client> clientTopic = catalog.clients();
          TestInputTopic<String, Client> clientsIn = f.driver().createInputTopic(clientTopic.name(),
              clientTopic.keySerde().serializer(), clientTopic.valueSerde().serializer());
          for (int i = 0; i < clients; i++) {
            Client c = data.client(i);
            clientsIn.pipeInput(c.getClientId(), c, NOW);
          }
          Topic<String, Agent> agentTopic = catalog.agents();
          TestInputTopic<String, Agent> agentsIn = f.driver().createInputTopic(agentTopic.name(),
              agentTopic.keySerde().serializer(), agentTopic.valueSerde().serializer());
          for (Agent a : data.agents()) {
            agentsIn.pipeInput(a.getAgentId(), a, NOW);
          }
        }
        f.drain();
        Topic<String, Complaint> complaints = catalog.complaints();
        Serializer<String> keys = complaints.keySerde().serializer();
        Serializer<Complaint> complaintValues = complaints.valueSerde().serializer();
        TestInputTopic<byte[], byte[]> in = f.driver().createInputTopic(complaints.name(),
            new ByteArraySerializer(), new ByteArraySerializer());
        long[] inputBytes = {0};
        long[] piped = {0};
        Duration tick = Duration.ofMillis(Math.max(1, step * 1000L / rate));
        data.complaints(n, c -> {
          byte[] k = keys.serialize(complaints.name(), c.getClientKey());
          byte[] v = complaintValues.serialize(complaints.name(), c);
          inputBytes[0] += k.length + v.length;
          in.pipeInput(k, v, f.now());
          if (++piped[0] % step == 0) {
            f.advance(tick);
          }
        });
        f.advance(Duration.ofSeconds(1));
        return new Result(n, inputBytes[0], f.lines(), (System.nanoTime() - t0) / 1e9, t.describe(),
            complaints.name(), ComplaintFlowTopology.teamCommandsTopic(config));
      }
    } finally {
      deleteTree(stateDir);
    }
  }

  /** A Markdown table, per complaint, with totals by kind and the grand total. */
  public static String render(Result r) {
    StringBuilder sb = new StringBuilder();
    double n = r.complaints();
    sb.append(String.format(Locale.ROOT, "%,d complaints in, %,.0f B per complaint (key + value on the input topic);"
        + " %.1f s%n%n", r.complaints(), r.inputBytes() / n, r.seconds()));
    sb.append("| produced to | kind | records | records per complaint | bytes per complaint | bytes per record"
        + " | tombstones |\n");
    sb.append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Footprint.Line l : r.lines()) {
      Footprint.TopicBytes b = l.bytes();
      sb.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.2f | %,.0f | %,.0f | %,d |%n", l.shortName(),
          l.kind().name().toLowerCase(Locale.ROOT), b.records(), b.records() / n, b.bytes() / n,
          b.records() == 0 ? 0.0 : (double) b.bytes() / b.records(), b.tombstones()));
    }
    for (Footprint.Kind k : Footprint.Kind.values()) {
      sb.append(String.format(Locale.ROOT, "| all %s topics | | %,d | %.2f | %,.0f | | |%n",
          k.name().toLowerCase(Locale.ROOT), r.records(k), r.records(k) / n, r.bytes(k) / n));
    }
    sb.append(String.format(Locale.ROOT, "| **total produced** | | %,d | **%.2f** | **%,.0f** | %,.0f | |%n",
        r.records(), r.records() / n, r.bytes() / n, r.records() == 0 ? 0.0 : (double) r.bytes() / r.records()));
    sb.append(String.format(Locale.ROOT, "%nFOOTPRINT records/complaint=%.2f bytes/complaint=%.0f%n",
        r.records() / n, r.bytes() / n));
    return sb.toString();
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "com/complaintflow/bench/bench-logback.xml");
    }
    System.exit(new CommandLine(new FootprintMain()).execute(args));
  }
}
