package com.complaintflow.processor.sla;

import com.complaintflow.common.calendar.BusinessCalendar;
import com.complaintflow.schemas.avro.AlertKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every alert moment of a running clock under the configured warnings and escalation levels.
 * The processor indexes these by time and recomputes them whenever the clock changes (pause,
 * resume, response, reassignment, priority change), so a stale moment never fires.
 */
public final class SlaSchedule {
  private SlaSchedule() {}

  public static List<AlertPoint> points(
      SlaClock clock, SlaPolicies policies, BusinessCalendar calendar) {
    List<AlertPoint> points = new ArrayList<>();
    if (!clock.running()) {
      return points;
    }
    Duration budget = clock.budget();
    Instant due = clock.dueAt(calendar);
    for (WarningPoint warning : policies.warnings()) {
      Duration offset = warning.offsetInto(budget);
      if (offset == null) {
        continue;
      }
      points.add(new AlertPoint(AlertKind.SLA_WARNING, clock.target(), 0, warning.label(),
          clock.instantAtUse(offset, calendar), due, policies.warningRecipients()));
    }
    for (EscalationLevel level : policies.escalations()) {
      Duration offset = budget.plus(budget.multipliedBy(level.afterBreachPercent()).dividedBy(100));
      AlertKind kind = level.level() == 1 ? AlertKind.SLA_BREACH : AlertKind.SLA_ESCALATION;
      points.add(new AlertPoint(kind, clock.target(), level.level(), "L" + level.level(),
          clock.instantAtUse(offset, calendar), due, level.recipients()));
    }
    points.sort(Comparator.comparing(AlertPoint::at));
    return points;
  }
}
