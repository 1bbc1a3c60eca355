package com.complaintflow.bench.report;

import com.complaintflow.bench.stats.Figure;
import com.complaintflow.bench.stats.ScenarioResult;
import com.complaintflow.bench.stats.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The printed table: per figure the subject's median and range over the measured repetitions,
 * the baseline's median, and the median and range of the per-repetition ratio, with the goal.
 */
public final class ResultTable {
  private static final String[] HEADER = {"scenario", "figure", "unit", "median", "range", "n",
      "baseline", "ratio", "ratio range", "goal"};

  private ResultTable() {}

  public static String render(List<ScenarioResult> results) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    List<String> footnotes = new ArrayList<>();
    for (ScenarioResult r : results) {
      if (r.isSkipped()) {
        rows.add(new String[] {r.scenario(), "SKIPPED", "", "", "", "", "", "", "", ""});
        footnotes.add(r.scenario() + ": SKIPPED: " + r.skippedReason());
        continue;
      }
      for (Figure f : r.figures()) {
        rows.add(row(r.scenario(), f));
      }
      for (String failure : r.failures()) {
        footnotes.add(r.scenario() + ": FAILED: " + failure);
      }
      for (String note : r.notes()) {
        footnotes.add(r.scenario() + ": " + note);
      }
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      for (int i = 0; i < row.length; i++) {
        out.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i]));
        out.append(i + 1 < row.length ? " | " : "");
      }
      out.append(System.lineSeparator());
      if (r == 0) {
        for (int i = 0; i < widths.length; i++) {
          out.append("-".repeat(widths[i])).append(i + 1 < widths.length ? "-+-" : "");
        }
        out.append(System.lineSeparator());
      }
    }
    if (!footnotes.isEmpty()) {
      out.append(System.lineSeparator());
      footnotes.forEach(n -> out.append("  * ").append(n).append(System.lineSeparator()));
    }
    return out.toString();
  }

  static String[] row(String scenario, Figure f) {
    String baseline = "";
    String ratio = "";
    String ratioRange = "";
    if (f.hasBaseline()) {
      baseline = number(Stats.median(f.baseline()));
      List<Double> ratios = f.ratios();
      ratio = String.format(Locale.ROOT, "%.2f", Stats.median(ratios));
      ratioRange = String.format(Locale.ROOT, "%.2f-%.2f", Stats.min(ratios), Stats.max(ratios));
    }
    String goal = "";
    if (f.goal() != null) {
      goal = (f.goalMet() ? "MET" : "MISSED") + " (" + f.goal().text() + ")";
    }
    return new String[] {scenario, f.name(), f.unit(), number(f.median()),
        number(Stats.min(f.subject())) + "-" + number(Stats.max(f.subject())),
        Integer.toString(f.subject().size()), baseline, ratio, ratioRange, goal};
  }

  /** Three significant digits is all that noisy shared machines justify. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double abs = Math.abs(v);
    if (abs >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (abs >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (abs >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
