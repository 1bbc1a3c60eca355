package com.complaintflow.processor.sla;

import com.complaintflow.common.calendar.BusinessCalendar;
import com.complaintflow.schemas.avro.SlaOutcome;
import com.complaintflow.schemas.avro.SlaTarget;
import java.time.Duration;
import java.time.Instant;

/**
 * One SLA clock of a case (first response, next response or resolution), as an immutable value
 * that fits a state store: its budget, the business time used in earlier running stretches, when
 * the current stretch started (null while paused or stopped), and when it was completed.
 *
 * <p>Business time is measured on the case's calendar, so nights, weekends and holidays never
 * count, and a paused clock (case waiting on the customer) does not run at all.
 */
public record SlaClock(
    SlaTarget target, long budgetMillis, long usedMillis, Long runningSinceMillis,
    Long completedAtMillis) {

  public static SlaClock start(SlaTarget target, Duration budget, Instant at) {
    return new SlaClock(target, budget.toMillis(), 0, at.toEpochMilli(), null);
  }

  public Duration budget() {
    return Duration.ofMillis(budgetMillis);
  }

  public boolean running() {
    return runningSinceMillis != null;
  }

  public boolean completed() {
    return completedAtMillis != null;
  }

  /** Stops the clock for now, banking the business time of the stretch that ends. */
  public SlaClock pause(Instant at, BusinessCalendar calendar) {
    if (!running()) {
      return this;
    }
    return new SlaClock(target, budgetMillis, usedMillis + stretch(at, calendar), null,
        completedAtMillis);
  }

  public SlaClock resume(Instant at) {
    if (running() || completed()) {
      return this;
    }
    return new SlaClock(target, budgetMillis, usedMillis, at.toEpochMilli(), null);
  }

  /** The clock's target was met (a response given, the case resolved) at {@code at}. */
  public SlaClock complete(Instant at, BusinessCalendar calendar) {
    if (completed()) {
      return this;
    }
    SlaClock paused = pause(at, calendar);
    return new SlaClock(target, budgetMillis, paused.usedMillis, null, at.toEpochMilli());
  }

  /** Business time used up to {@code now}. */
  public Duration used(Instant now, BusinessCalendar calendar) {
    return Duration.ofMillis(usedMillis + (running() ? stretch(now, calendar) : 0));
  }

  /**
   * The instant at which {@code offset} of business time will have been used, or null when the
   * clock is not running (a paused clock has no deadline until it resumes).
   */
  public Instant instantAtUse(Duration offset, BusinessCalendar calendar) {
    if (!running()) {
      return null;
    }
    Duration left = offset.minusMillis(usedMillis);
    Instant since = Instant.ofEpochMilli(runningSinceMillis);
    return left.isNegative() ? since : calendar.addBusinessTime(since, left);
  }

  /** The deadline while running; null while paused or completed. */
  public Instant dueAt(BusinessCalendar calendar) {
    return instantAtUse(budget(), calendar);
  }

  public SlaOutcome outcome(Instant now, BusinessCalendar calendar) {
    boolean over = used(completed() ? Instant.ofEpochMilli(completedAtMillis) : now, calendar)
        .compareTo(budget()) > 0;
    if (over) {
      return SlaOutcome.BREACHED;
    }
    return completed() ? SlaOutcome.MET : SlaOutcome.PENDING;
  }

  private long stretch(Instant until, BusinessCalendar calendar) {
    return calendar.businessTimeBetween(Instant.ofEpochMilli(runningSinceMillis), until).toMillis();
  }
}
