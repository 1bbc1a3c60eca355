package com.complaintflow.bench.stats;

import java.util.List;

/**
 * One measured quantity of a scenario: the value of each measured repetition of the subject and,
 * where the scenario has one, of the baseline measured in the same repetition (same broker, same
 * records). The headline is the median of the per-repetition ratios subject / baseline.
 *
 * @param goalOnRatio whether the goal applies to the ratio (else to the subject's median)
 */
public record Figure(String name, String unit, List<Double> subject, List<Double> baseline, Goal goal,
    boolean goalOnRatio) {

  public static Figure of(String name, String unit, List<Double> subject) {
    return new Figure(name, unit, List.copyOf(subject), null, null, false);
  }

  public static Figure paired(String name, String unit, List<Double> subject, List<Double> baseline) {
    return new Figure(name, unit, List.copyOf(subject), List.copyOf(baseline), null, false);
  }

  public Figure withGoal(Goal g, boolean onRatio) {
    return new Figure(name, unit, subject, baseline, g, onRatio);
  }

  public boolean hasBaseline() {
    return baseline != null && !baseline.isEmpty();
  }

  public double median() {
    return Stats.median(subject);
  }

  public List<Double> ratios() {
    return Stats.ratios(subject, baseline);
  }

  /** Met, missed, or null when there is no goal. */
  public Boolean goalMet() {
    if (goal == null) {
      return null;
    }
    double value = goalOnRatio ? Stats.median(ratios()) : median();
    return goal.metBy(value);
  }
}
