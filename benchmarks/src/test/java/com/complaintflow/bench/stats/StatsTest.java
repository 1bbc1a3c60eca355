package com.complaintflow.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(3.0, Stats.median(List.of(5.0, 1.0, 3.0)));
    assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 3.0, 2.0)));
    assertEquals(7.0, Stats.median(List.of(7.0)));
  }

  @Test
  void rangeIsMinAndMaxRegardlessOfOrder() {
    List<Double> values = List.of(3.0, 9.0, -1.0, 4.0);
    assertEquals(-1.0, Stats.min(values));
    assertEquals(9.0, Stats.max(values));
  }

  @Test
  void nearestRankPercentilesReportObservedValues() {
    long[] sorted = new long[100];
    for (int i = 0; i < 100; i++) {
      sorted[i] = i + 1;
    }
    assertEquals(50, Stats.percentileOfSorted(sorted, 50));
    assertEquals(99, Stats.percentileOfSorted(sorted, 99));
    assertEquals(100, Stats.percentileOfSorted(sorted, 100));
    assertEquals(1, Stats.percentileOfSorted(sorted, 0.5));
    // few samples: p99 of 3 values is the largest
    assertEquals(30.0, Stats.percentile(List.of(10.0, 30.0, 20.0), 99));
    assertEquals(20.0, Stats.percentile(List.of(10.0, 30.0, 20.0), 50));
  }

  @Test
  void invalidInputIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Stats.median(List.of()));
    assertThrows(IllegalArgumentException.class, () -> Stats.percentile(List.of(1.0), 0));
    assertThrows(IllegalArgumentException.class, () -> Stats.percentileOfSorted(new long[0], 50));
    assertThrows(IllegalArgumentException.class, () -> Stats.ratios(List.of(1.0), List.of(1.0, 2.0)));
  }

  @Test
  void ratiosArePairedPerRepetitionAndTheGoalUsesTheirMedian() {
    Figure f = Figure.paired("records/s", "rec/s", List.of(40.0, 60.0, 45.0), List.of(100.0, 100.0, 150.0))
        .withGoal(Goal.atLeast(0.5, "ratio >= 0.5"), true);
    assertEquals(List.of(0.4, 0.6, 0.3), f.ratios());
    // median ratio 0.4 although the ratio of the medians would be 45/100 = 0.45
    assertEquals(0.4, Stats.median(f.ratios()), 1e-12);
    assertFalse(f.goalMet());
    Figure heap = Figure.of("heap", "MiB", List.of(300.0, 700.0, 400.0))
        .withGoal(Goal.below(512, "heap < 512 MiB"), false);
    assertTrue(heap.goalMet());
  }

  @Test
  void zeroBaselineGivesNoRatioInsteadOfInfinity() {
    assertTrue(Double.isNaN(Stats.ratios(List.of(1.0), List.of(0.0)).get(0)));
  }
}
