package com.complaintflow.bench.stats;

/** A target from the issue, checked on the median (of the ratio when the figure has a baseline). */
public record Goal(String text, Kind kind, double threshold) {
  public enum Kind { AT_LEAST, BELOW }

  public static Goal atLeast(double threshold, String text) {
    return new Goal(text, Kind.AT_LEAST, threshold);
  }

  public static Goal below(double threshold, String text) {
    return new Goal(text, Kind.BELOW, threshold);
  }

  public boolean metBy(double value) {
    return kind == Kind.AT_LEAST ? value >= threshold : value < threshold;
  }
}
