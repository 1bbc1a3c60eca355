package com.complaintflow.reconcile;

import com.complaintflow.launcher.ClusterOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code reconcile --from T --to T}: the operator's check that everything that came in during a
 * time range is accounted for. Exit codes: 0 everything accounted for, 4 problems found (listed),
 * 1 error (Kafka or the registry unreachable), 2 bad usage.
 */
@Command(name = "reconcile", sortOptions = false, mixinStandardHelpOptions = true,
    description = {"Compares inputs (raw intake topics), complaints, rejects, cases and alerts of a time range "
        + "and lists anything unaccounted for: raw records that became neither complaint nor reject, "
        + "complaints without a case or in several cases, cases without OPENED or with gaps or repeated "
        + "events, repeated alert ids, dead-lettered alerts."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:everything accounted for", "4:problems found", "1:error", "2:bad usage"})
public final class ReconcileCommand implements Callable<Integer> {
  public static final int PROBLEMS_FOUND = 4;

  @Option(names = "--from", paramLabel = "TIME", defaultValue = "24h",
      description = "start of the range: ISO-8601 instant (2026-03-01T00:00:00Z) or an age (90m, 24h, 7d); default ${DEFAULT-VALUE}")
  String from;

  @Option(names = "--to", paramLabel = "TIME", defaultValue = "now",
      description = "end of the range: ISO-8601 instant, an age, or now; default ${DEFAULT-VALUE}")
  String to;

  /** --bootstrap-server / --schema-registry-url, by default the running local stack's (its endpoints.json). */
  @Mixin
  ClusterOptions cluster = new ClusterOptions();

  @Option(names = {"-p", "--property"}, paramLabel = "KEY=VALUE",
      description = {"kafka.<client setting> (e.g. kafka.security.protocol=SASL_SSL, kafka.sasl.jaas.config=...),",
          "topic.<name> renames, schema.registry.* serde settings"})
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(names = "--max-problems", paramLabel = "N", defaultValue = "50", description = "problems listed in full")
  int maxProblems;

  @Spec
  CommandSpec spec;

  private final Instant now;

  public ReconcileCommand() {
    this(Instant.now());
  }

  ReconcileCommand(Instant now) {
    this.now = now;
  }

  @Override
  public Integer call() throws IOException {
    Instant start = parseTime(from, "--from");
    Instant end = parseTime(to, "--to");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("--to lies before --from");
    }
    ClusterOptions.Resolved target = cluster.resolve();
    Map<String, Object> client = new HashMap<>();
    client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
    Map<String, Object> serde = new HashMap<>();
    serde.put("schema.registry.url", target.schemaRegistryUrl());
    properties.forEach((k, v) -> {
      if (k.startsWith("kafka.")) {
        client.put(k.substring("kafka.".length()), v);
      } else {
        serde.put(k, v);
      }
    });
    ReconcileReport report = new Reconciler(client, serde).reconcile(start, end);
    PrintWriter out = spec.commandLine().getOut();
    report.print(out, maxProblems);
    out.flush();
    return report.ok() ? 0 : PROBLEMS_FOUND;
  }

  Instant parseTime(String value, String option) {
    String v = value.trim();
    if (v.equalsIgnoreCase("now")) {
      return now;
    }
    if (v.matches("\\d+[smhd]")) {
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      Duration age = switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      return now.minus(age);
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          option + ": '" + value + "' is neither an ISO-8601 instant, an age like 24h, nor now");
    }
  }
}
