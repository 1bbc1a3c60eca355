package com.complaintflow.processor.sla;

import com.complaintflow.schemas.avro.SlaTarget;

/**
 * A case's {@link SlaClock} as it is stored (JSON, public fields), with what the store needs
 * beside the clock itself: the calendar it runs on, its cycle (the n-th next-response clock of a
 * case) and the last computed deadline, kept after completion for the resolved-case report.
 */
public final class ClockState {
  public String target;
  public long budgetMillis;
  public long usedMillis;
  public Long runningSinceMillis;
  public Long completedAtMillis;
  /** Calendar name; regulatory clocks run on 24x7 (their budget is in calendar time). */
  public String calendar;
  public int cycle = 1;
  public Long dueAtMillis;

  public SlaClock clock() {
    return new SlaClock(SlaTarget.valueOf(target), budgetMillis, usedMillis, runningSinceMillis,
        completedAtMillis);
  }

  public static ClockState of(SlaClock clock, String calendar, int cycle, Long dueAtMillis) {
    ClockState s = new ClockState();
    s.set(clock);
    s.calendar = calendar;
    s.cycle = cycle;
    s.dueAtMillis = dueAtMillis;
    return s;
  }

  public void set(SlaClock clock) {
    target = clock.target().name();
    budgetMillis = clock.budgetMillis();
    usedMillis = clock.usedMillis();
    runningSinceMillis = clock.runningSinceMillis();
    completedAtMillis = clock.completedAtMillis();
  }

  public boolean regulatory() {
    return target.startsWith("REGULATORY_");
  }
}
