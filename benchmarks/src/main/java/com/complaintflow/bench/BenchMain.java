package com.complaintflow.bench;

import com.complaintflow.bench.classify.ClassificationScenario;
import com.complaintflow.bench.data.DataLoader;
import com.complaintflow.bench.data.DataSet;
import com.complaintflow.bench.report.Machine;
import com.complaintflow.bench.report.ResultTable;
import com.complaintflow.bench.report.ResultsJson;
import com.complaintflow.bench.scenario.AlertDeliveryScenario;
import com.complaintflow.bench.scenario.BenchContext;
import com.complaintflow.bench.scenario.BenchSettings;
import com.complaintflow.bench.scenario.BreachDelayScenario;
import com.complaintflow.bench.scenario.IntakeScenario;
import com.complaintflow.bench.scenario.ProcessorScenarios;
import com.complaintflow.bench.scenario.ScaleScenario;
import com.complaintflow.bench.scenario.Scenario;
import com.complaintflow.bench.stack.BenchStack;
import com.complaintflow.bench.stats.ScenarioResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code BenchMain [--scenario NAME]... [--quick] [--records N] [--results DIR] [--profile]}: starts
 * its own broker and registry, runs the scenarios, prints the table and writes the figures as JSON.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Benchmarks ComplaintFlow against baselines measured in the same run, on its own broker"
        + " (separate JVM), schema registry and mail server.",
    footer = {"", "Scenarios: throughput, breach-delay, memory, replay, intake, alert-delivery, classification"
        + " (default: all); scale (only when named: --records N open cases).",
        "Exit codes: 0 done (skipped scenarios included), 1 a scenario failed, 2 bad usage."})
public final class BenchMain implements Callable<Integer> {
  static final String METHOD = "Each scenario runs 1 unmeasured warm-up repetition, then >= 3 measured ones; the"
      + " table gives the median and the range (min-max) of the measured repetitions. Where a scenario has a"
      + " baseline, baseline and subject run alternately inside each repetition on the same broker with the"
      + " same records, and the ratio is the median of the per-repetition ratios subject/baseline. Goals are"
      + " checked on that median. The measured processes run in their own JVMs; progress is observed from"
      + " outside (records counted on the first stage's output topic and consumer-group offsets of the later"
      + " stages; the sink's delivery counter and the SMTP server). No figure is comparable across machines;"
      + " the ratios are the headline.";

  @Option(names = "--scenario", paramLabel = "NAME", description = "scenario to run; repeatable (default: all)")
  List<String> scenarios = new ArrayList<>();

  @Option(names = "--quick", description = "small sizes for a smoke check (whole run under 3 minutes)")
  boolean quick;

  @Option(names = "--records", paramLabel = "N", description = "complaints for the processor scenarios"
      + " (default: 1,000,000; --quick 2,000)")
  Long records;

  @Option(names = "--breach-cases", paramLabel = "N", description = "open cases per breach-delay repetition, their"
      + " deadlines spread over the window (default: min(records, 20,000); --quick 60)")
  Integer breachCases;

  @Option(names = "--emails", paramLabel = "N", description = "messages in the mailbox per e-mail intake repetition"
      + " (default: 1,000; --quick 100)")
  Integer emails;

  @Option(names = "--http-seconds", paramLabel = "S", description = "seconds of load per side (no-op baseline,"
      + " complaints) in each HTTP intake repetition (default: 20; --quick 3)")
  Integer httpSeconds;

  @Option(names = "--intake-tcp-nodelay", arity = "1", paramLabel = "true|false", defaultValue = "true",
      description = "run the intake with -Dsun.net.httpserver.nodelay=true (default: ${DEFAULT-VALUE}); false"
          + " measures the JDK HTTP server's default, where every answer waits ~40 ms on Nagle's algorithm")
  boolean intakeTcpNoDelay = true;

  @Option(names = "--results", paramLabel = "DIR", description = "where the JSON results go (default: ${DEFAULT-VALUE})")
  Path results = Path.of("target", "bench-results");

  @Option(names = "--data-dir", paramLabel = "DIR", description = "broker, registry and run data, wiped at start"
      + " (default: ${DEFAULT-VALUE})")
  Path dataDir = Path.of("target", "bench-data");

  @Option(names = "--profile", description = "record the last full-topology run with JFR and print its hot spots")
  boolean profile;

  @Option(names = "--processor-set", paramLabel = "KEY=VALUE", description = "a stream-processor setting for the"
      + " measured applications (both the full topology and the passthrough), e.g. commit.interval.ms=500;"
      + " repeatable")
  Map<String, String> processorSettings = new LinkedHashMap<>();

  static List<Scenario> all() {
    return List.of(new ProcessorScenarios(), new BreachDelayScenario(), new IntakeScenario(),
        new AlertDeliveryScenario(), new ClassificationScenario(), new ScaleScenario());
  }

  /** Every scenario name: the default ones, and scale, which runs only when named (it is long). */
  static List<String> knownNames() {
    List<String> names = new ArrayList<>(allNames());
    names.add(ScaleScenario.NAME);
    return names;
  }

  static List<String> allNames() {
    return List.of(ProcessorScenarios.THROUGHPUT, BreachDelayScenario.NAME, ProcessorScenarios.MEMORY,
        ProcessorScenarios.REPLAY, IntakeScenario.NAME, AlertDeliveryScenario.NAME, ClassificationScenario.NAME);
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    List<String> selected = scenarios.isEmpty() ? allNames() : scenarios;
    for (String s : selected) {
      if (!knownNames().contains(s)) {
        throw new CommandLine.ParameterException(new CommandLine(this), "unknown scenario '" + s + "'; known: "
            + knownNames());
      }
    }
    BenchSettings settings = BenchSettings.of(quick, records, breachCases, emails, httpSeconds);
    Instant started = Instant.now();
    Map<String, Object> machine = Machine.describe();
    out.println("ComplaintFlow benchmarks " + (quick ? "(quick)" : "(full)") + " started " + started);
    out.println("machine: " + machine);
    out.println("settings: " + settings.asMap());
    if (!processorSettings.isEmpty()) {
      out.println("processor settings: " + processorSettings);
    }
    out.println("method: " + METHOD);
    if (settings.reducedRepetitions() != null) {
      out.println("NOTE " + settings.reducedRepetitions());
    }
    List<ScenarioResult> resultsList = new ArrayList<>();
    boolean failed = false;
    Path resultsDir = results.toAbsolutePath();
    try (BenchStack stack = BenchStack.start(dataDir.toAbsolutePath(), com.complaintflow.launcher.stack.TopicSetup
        .DEFAULT_PARTITIONS, out)) {
      // complaint times spread over the last 6 days: inside the dedupe window and topic retention
      DataSet data = new DataSet(settings.clients(), 30, 42L, started.minus(java.time.Duration.ofDays(6)));
      long t0 = System.nanoTime();
      DataLoader.loadTables(stack, data);
      out.printf("==> loaded %,d clients and %d agents in %.1f s%n", settings.clients(), data.agents().size(),
          (System.nanoTime() - t0) / 1e9);
      BenchContext ctx = new BenchContext(stack, settings, data, stack.dataDir().resolve("runs"), resultsDir,
          profile, Map.copyOf(processorSettings), intakeTcpNoDelay, out);
      Map<String, ScenarioResult> byName = new LinkedHashMap<>();
      for (Scenario scenario : all()) {
        List<String> mine = scenario.names().stream().filter(selected::contains).toList();
        if (mine.isEmpty()) {
          continue;
        }
        out.println("==> scenario " + String.join(", ", mine));
        long s0 = System.nanoTime();
        try {
          for (ScenarioResult r : scenario.run(ctx, mine)) {
            byName.put(r.scenario(), r);
            if (r.isFailed()) {
              failed = true;
              r.failures().forEach(f -> out.println("    FAILED " + r.scenario() + ": " + f));
            }
          }
        } catch (Exception | AssertionError e) {
          failed = true;
          e.printStackTrace(out);
          for (String name : mine) {
            byName.put(name, ScenarioResult.skipped(name, "FAILED: " + e));
          }
        }
        out.printf("    done in %.0f s%n", (System.nanoTime() - s0) / 1e9);
      }
      for (String name : selected) {
        if (byName.containsKey(name)) {
          resultsList.add(byName.get(name));
        }
      }
    }
    out.println();
    out.println(ResultTable.render(resultsList));
    if (settings.reducedRepetitions() != null) {
      out.println("NOTE " + settings.reducedRepetitions());
    }
    Path file = ResultsJson.write(resultsDir, started,
        ResultsJson.document(started, machine, settingsWithOverrides(settings), METHOD, resultsList));
    out.println("results: " + file);
    return failed ? 1 : 0;
  }

  private Map<String, Object> settingsWithOverrides(BenchSettings settings) {
    Map<String, Object> m = new LinkedHashMap<>(settings.asMap());
    if (settings.reducedRepetitions() != null) {
      m.put("note", settings.reducedRepetitions());
    }
    if (!processorSettings.isEmpty()) {
      m.put("processorSettings", new LinkedHashMap<>(processorSettings));
    }
    return m;
  }

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "com/complaintflow/bench/bench-logback.xml");
    }
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }
}
