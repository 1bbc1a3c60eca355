package com.complaintflow.reconcile;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of a reconciliation: counts (what was found) and problems (what is unaccounted for),
 * each problem with a machine-readable kind. Identifiers only: no personal data.
 */
public final class ReconcileReport {
  /** One thing unaccounted for. */
  public record Problem(String kind, String detail) {}

  private final Instant from;
  private final Instant to;
  private final Map<String, Long> counts = new TreeMap<>();
  private final List<Problem> problems = new ArrayList<>();

  ReconcileReport(Instant from, Instant to) {
    this.from = from;
    this.to = to;
  }

  void count(String name, long value) {
    counts.put(name, value);
  }

  void countReason(String name) {
    counts.merge(name, 1L, Long::sum);
  }

  void problem(String kind, String detail) {
    problems.add(new Problem(kind, detail));
  }

  public Map<String, Long> counts() {
    return Map.copyOf(counts);
  }

  public long count(String name) {
    return counts.getOrDefault(name, 0L);
  }

  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  /** Problems of one kind. */
  public List<Problem> problems(String kind) {
    return problems.stream().filter(p -> p.kind().equals(kind)).toList();
  }

  public boolean ok() {
    return problems.isEmpty();
  }

  /** key=value lines: the counts, then each problem (at most {@code maxProblems} listed, the rest counted). */
  public void print(PrintWriter out, int maxProblems) {
    out.println("reconcile from=" + from + " to=" + to);
    counts.forEach((k, v) -> out.println("count " + k + "=" + v));
    Map<String, Long> byKind = new TreeMap<>();
    problems.forEach(p -> byKind.merge(p.kind(), 1L, Long::sum));
    byKind.forEach((k, v) -> out.println("problems " + k + "=" + v));
    problems.stream().limit(maxProblems).forEach(p -> out.println("problem kind=" + p.kind() + " " + p.detail()));
    if (problems.size() > maxProblems) {
      out.println("... " + (problems.size() - maxProblems) + " more problem(s)");
    }
    out.println(ok() ? "result=OK everything accounted for" : "result=PROBLEMS " + problems.size());
  }

  @Override
  public String toString() {
    return "ReconcileReport" + counts + " problems=" + problems.size()
        + (problems.isEmpty() ? "" : " first=" + problems.subList(0, Math.min(5, problems.size())));
  }
}
