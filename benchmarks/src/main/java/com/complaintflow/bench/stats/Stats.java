package com.complaintflow.bench.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Order statistics of a small set of measurements. Percentiles use the nearest-rank definition
 * (the smallest value with at least p% of the values at or below it), so every reported figure is
 * a value that was actually observed; the median of an even count is the mean of the middle two.
 */
public final class Stats {
  private Stats() {}

  public static double median(List<Double> values) {
    List<Double> sorted = sorted(values);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  public static double min(List<Double> values) {
    return sorted(values).get(0);
  }

  public static double max(List<Double> values) {
    List<Double> sorted = sorted(values);
    return sorted.get(sorted.size() - 1);
  }

  /** Nearest-rank percentile, {@code p} in (0, 100]. */
  public static double percentile(List<Double> values, double p) {
    List<Double> sorted = sorted(values);
    return percentileOfSorted(sorted, p);
  }

  /** As {@link #percentile} on an already sorted array (large latency samples). */
  public static long percentileOfSorted(long[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    checkP(p);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  static double percentileOfSorted(List<Double> sorted, double p) {
    checkP(p);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }

  /** Element-wise ratio a[i] / b[i] of paired repetitions. */
  public static List<Double> ratios(List<Double> subject, List<Double> baseline) {
    if (subject.size() != baseline.size()) {
      throw new IllegalArgumentException("paired lists differ in size: " + subject.size() + " vs " + baseline.size());
    }
    List<Double> out = new ArrayList<>(subject.size());
    for (int i = 0; i < subject.size(); i++) {
      out.add(baseline.get(i) == 0.0 ? Double.NaN : subject.get(i) / baseline.get(i));
    }
    return out;
  }

  private static void checkP(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
    }
  }

  private static List<Double> sorted(List<Double> values) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Double> copy = new ArrayList<>(values);
    Collections.sort(copy);
    return copy;
  }
}
