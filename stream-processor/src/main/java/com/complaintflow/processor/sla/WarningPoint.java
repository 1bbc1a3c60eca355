package com.complaintflow.processor.sla;

import java.time.Duration;

/**
 * When to warn before a deadline: at a share of the target ({@code percent}, e.g. 75) or a fixed
 * business time before it ({@code before}, e.g. 15 minutes). Exactly one of the two is set.
 */
public record WarningPoint(Integer percent, Duration before) {

  /** Business time into the clock's budget at which this warning is due (null if never). */
  public Duration offsetInto(Duration budget) {
    if (percent != null) {
      return budget.multipliedBy(percent).dividedBy(100);
    }
    Duration at = budget.minus(before);
    return at.isNegative() || at.isZero() ? null : at;
  }

  /** Stable label for alert ids and texts: {@code 75%} or {@code -15m}. */
  public String label() {
    return percent != null ? percent + "%" : "-" + before.toMinutes() + "m";
  }
}
