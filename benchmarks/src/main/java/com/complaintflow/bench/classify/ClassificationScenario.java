package com.complaintflow.bench.classify;

import com.complaintflow.bench.data.DataSet;
import com.complaintflow.bench.report.ResultTable;
import com.complaintflow.bench.scenario.BenchContext;
import com.complaintflow.bench.scenario.BenchSettings;
import com.complaintflow.bench.scenario.Scenario;
import com.complaintflow.bench.stats.Figure;
import com.complaintflow.bench.stats.ScenarioResult;
import com.complaintflow.processor.rules.Classification;
import com.complaintflow.processor.rules.ClassificationRules;
import com.complaintflow.processor.rules.RuleFiles;
import com.complaintflow.processor.rules.Tokens;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code classification}: CPU time of classifying the benchmark's complaint texts (subject and
 * body, the built-in rules) in this JVM, no broker involved. Baseline: every keyword against every
 * token ({@link LinearClassification}, the processor's algorithm before its keyword index);
 * subject: {@link ClassificationRules} as the processor runs it. Per repetition both classify the
 * same texts, baseline first, and the figure is microseconds per complaint; every text must get the
 * same classification from both (else the scenario fails).
 *
 * <p>Runs inside {@code BenchMain} ({@code --scenario classification}) or on its own, without the
 * stack: {@code java -cp ... com.complaintflow.bench.classify.ClassificationScenario [records]}.
 */
public final class ClassificationScenario implements Scenario {
  public static final String NAME = "classification";
  /** Texts per repetition: the data set's first complaints, at least 2,000, at most 20,000. */
  static final int MIN_TEXTS = 2_000;
  static final int MAX_TEXTS = 20_000;

  @Override
  public List<String> names() {
    return List.of(NAME);
  }

  @Override
  public List<ScenarioResult> run(BenchContext context, List<String> selected) {
    return List.of(measure(context.data(), context.settings(), context.out()));
  }

  static ScenarioResult measure(DataSet data, BenchSettings settings, PrintStream out) {
    int n = (int) Math.min(MAX_TEXTS, Math.max(MIN_TEXTS, settings.records()));
    List<String[]> texts = new ArrayList<>(n);
    data.complaints(n, c -> texts.add(new String[] {c.getSubject(), c.getBody()}));
    List<String> lines = RuleFiles.lines("", ClassificationRules.BUILT_IN);
    LinearClassification linear = new LinearClassification(lines);
    ClassificationRules indexed = ClassificationRules.parse(lines);

    ScenarioResult result = new ScenarioResult(NAME).parameter("texts", n);
    long chars = 0;
    for (String[] t : texts) {
      chars += (t[0] == null ? 0 : t[0].length()) + (t[1] == null ? 0 : t[1].length());
      Classification expected = linear.classify(t[0], t[1]);
      Classification actual = indexed.classify(t[0], t[1]);
      if (!expected.equals(actual)) {
        result.fail("different classification: every keyword x token " + expected + ", index " + actual);
        break;
      }
    }
    List<Double> baseline = new ArrayList<>();
    List<Double> subject = new ArrayList<>();
    List<Double> tokenizing = new ArrayList<>();
    long blackhole = 0;
    // two code paths to compile in a fresh JVM: at least two warm-ups
    int warmups = Math.max(2, settings.warmups());
    for (int rep = 0; rep < warmups + settings.repetitions(); rep++) {
      long t0 = System.nanoTime();
      for (String[] t : texts) {
        blackhole += linear.classify(t[0], t[1]).hashCode();
      }
      long t1 = System.nanoTime();
      for (String[] t : texts) {
        blackhole += indexed.classify(t[0], t[1]).hashCode();
      }
      long t2 = System.nanoTime();
      for (String[] t : texts) {
        blackhole += Tokens.of(t[0], t[1]).size();
      }
      long t3 = System.nanoTime();
      double before = (t1 - t0) / 1e3 / n;
      double after = (t2 - t1) / 1e3 / n;
      double tokens = (t3 - t2) / 1e3 / n;
      boolean warmup = rep < warmups;
      out.printf("  .. %s %d: every keyword x token %.2f µs/complaint, index %.2f µs/complaint"
          + " (tokenizing alone %.2f)%n", warmup ? "warm-up" : "repetition", warmup ? rep + 1 : rep - warmups + 1,
          before, after, tokens);
      if (!warmup) {
        baseline.add(before);
        subject.add(after);
        tokenizing.add(tokens);
      }
    }
    result.add(Figure.paired("classify subject+body, index vs every keyword x token", "µs/complaint",
        subject, baseline));
    result.add(Figure.of("of which tokenizing (Tokens.of alone)", "µs/complaint", tokenizing));
    result.note(String.format("%,d complaint texts of the data set (%.0f chars on average), built-in rules;"
        + " same classification for every text; %d warm-ups; checksum %d", n, (double) chars / n, warmups,
        blackhole));
    return result;
  }

  /** Standalone, without broker or registry: {@code [records] [--quick]}, the data set of BenchMain. */
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "com/complaintflow/bench/bench-logback.xml");
    }
    boolean quick = List.of(args).contains("--quick");
    Long records = List.of(args).stream().filter(a -> !a.startsWith("--")).map(Long::parseLong).findFirst()
        .orElse((long) MAX_TEXTS);
    BenchSettings settings = BenchSettings.of(quick, records);
    Instant start = Instant.now().minus(Duration.ofDays(6));
    DataSet data = new DataSet(settings.clients(), 30, 42L, start);
    System.out.println("classification benchmark: " + Map.of("records", records, "warmups", settings.warmups(),
        "repetitions", settings.repetitions()));
    ScenarioResult result = measure(data, settings, System.out);
    System.out.println(ResultTable.render(List.of(result)));
    System.exit(result.isFailed() ? 1 : 0);
  }
}
