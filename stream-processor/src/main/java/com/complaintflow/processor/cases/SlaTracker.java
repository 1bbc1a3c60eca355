package com.complaintflow.processor.cases;

import com.complaintflow.schemas.avro.CaseStatus;

import com.complaintflow.common.calendar.BusinessCalendar;
import com.complaintflow.common.calendar.BusinessCalendars;
import com.complaintflow.processor.sla.AlertPoint;
import com.complaintflow.processor.sla.ClockState;
import com.complaintflow.processor.sla.RegulatoryClock;
import com.complaintflow.processor.sla.SlaClock;
import com.complaintflow.processor.sla.SlaPolicy;
import com.complaintflow.processor.sla.SlaSchedule;
import com.complaintflow.processor.sla.SlaSettings;
import com.complaintflow.processor.sla.SlaState;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Priority;
import com.complaintflow.schemas.avro.SlaOutcome;
import com.complaintflow.schemas.avro.SlaResult;
import com.complaintflow.schemas.avro.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SLA clocks of a case and its alert points, as plain computation on the case's state: every
 * SLA event (open, response, pause, resume, owner or team change, priority change, reopen,
 * resolve) changes the clocks; {@link #nextMoment} tells which moment the deadline index must hold
 * for the case, {@link #due} which alerts are due at a given time (and marks them, so that an
 * alert point is never handled twice). It reads no store and sends nothing: the case task
 * ({@link CaseManager}) keeps the index in step when it saves the case and sends the alerts.
 *
 * <p>Clocks run on event time (when the client wrote, when the agent answered); the deadline
 * fires on the processing clock's wall time.
 */
final class SlaTracker {
  private static final List<SlaTarget> BUSINESS_TARGETS =
      List.of(SlaTarget.FIRST_RESPONSE, SlaTarget.NEXT_RESPONSE, SlaTarget.RESOLUTION);

  private final SlaSettings settings;
  private final AlertFactory alerts;

  SlaTracker(SlaSettings settings, AlertFactory alerts) {
    this.settings = settings;
    this.alerts = alerts;
  }

  AlertFactory alerts() {
    return alerts;
  }

  // ---- clock events ----------------------------------------------------------------------

  void opened(CaseState c, long at) {
    SlaState s = c.sla;
    SlaPolicy policy = policy(c);
    s.calendar = calendarName(c, policy);
    Instant t = Instant.ofEpochMilli(at);
    start(c, SlaTarget.FIRST_RESPONSE, policy, t, 1);
    start(c, SlaTarget.RESOLUTION, policy, t, 1);
    RegulatoryClock reg = settings.policies().regulatory();
    if (reg.enabled()) {
      s.clocks.put(SlaTarget.REGULATORY_RESPONSE.name(), ClockState.of(SlaClock.start(
          SlaTarget.REGULATORY_RESPONSE, Duration.between(t, reg.responseDue(t)), t),
          BusinessCalendars.ALWAYS, 1, null));
      s.clocks.put(SlaTarget.REGULATORY_FINAL.name(), ClockState.of(SlaClock.start(
          SlaTarget.REGULATORY_FINAL, Duration.between(t, reg.finalDue(t)), t),
          BusinessCalendars.ALWAYS, 1, null));
    }
    s.queuedSince = at;
  }

  /** The client wrote again (follow-up or CUSTOMER_REPLIED): resume, and a response is owed. */
  void customerWrote(CaseState c, long at) {
    sync(c, at);
    Instant t = Instant.ofEpochMilli(at);
    update(c, SlaTarget.RESOLUTION, clock -> clock.resume(t));
    ClockState first = c.sla.clocks.get(SlaTarget.FIRST_RESPONSE.name());
    ClockState next = c.sla.clocks.get(SlaTarget.NEXT_RESPONSE.name());
    boolean firstAnswered = first == null || first.completedAtMillis != null;
    boolean nextRunning = next != null && next.completedAtMillis == null;
    if (firstAnswered && !nextRunning && !c.isFinished()) {
      if (next != null) {
        c.sla.pastNextResponses.add(next);
      }
      start(c, SlaTarget.NEXT_RESPONSE, policy(c), t, ++c.sla.nextResponseCycles);
    }
  }

  void responded(CaseState c, long at) {
    sync(c, at);
    Instant t = Instant.ofEpochMilli(at);
    for (SlaTarget target : List.of(SlaTarget.FIRST_RESPONSE, SlaTarget.NEXT_RESPONSE,
        SlaTarget.REGULATORY_RESPONSE)) {
      update(c, target, clock -> clock.complete(t, calendarOf(c, target)));
    }
  }

  void paused(CaseState c, long at) {
    sync(c, at);
    Instant t = Instant.ofEpochMilli(at);
    update(c, SlaTarget.RESOLUTION, clock -> clock.pause(t, calendarOf(c, SlaTarget.RESOLUTION)));
  }

  /** Resolving completes every clock (the resolution answers the client) and cancels alerts. */
  void resolved(CaseState c, long at) {
    Instant t = Instant.ofEpochMilli(at);
    for (ClockState state : c.sla.clocks.values()) {
      SlaClock clock = state.clock();
      BusinessCalendar calendar = settings.calendar(state.calendar);
      if (clock.running() && state.completedAtMillis == null) {
        state.dueAtMillis = millis(clock.dueAt(calendar));
      }
      state.set(clock.complete(t, calendar));
    }
    c.sla.queuedSince = null;
  }

  /** A reopened case: the resolution clock runs on from where it stopped; a response is owed. */
  void reopened(CaseState c, long at) {
    Instant t = Instant.ofEpochMilli(at);
    ClockState res = c.sla.clocks.get(SlaTarget.RESOLUTION.name());
    if (res != null) {
      res.completedAtMillis = null;
      res.runningSinceMillis = at;
    }
    if (c.status == CaseStatus.QUEUED) {
      c.sla.queuedSince = at;
    }
    sync(c, at);
    ClockState next = c.sla.clocks.get(SlaTarget.NEXT_RESPONSE.name());
    if (next != null) {
      c.sla.pastNextResponses.add(next);
    }
    start(c, SlaTarget.NEXT_RESPONSE, policy(c), t, ++c.sla.nextResponseCycles);
  }

  /** Assignment or reassignment: the case has an owner, and its team (calendar) may change. */
  void ownerChanged(CaseState c, long at) {
    if (c.ownerId != null) {
      c.sla.queuedSince = null;
    }
    sync(c, at);
  }

  /** Priority (and so possibly the policy) changed: new budgets, same time used. */
  void priorityChanged(CaseState c, long at) {
    sync(c, at);
  }

  /**
   * Brings the clocks in line with the case's current policy and calendar: a changed calendar
   * banks the business time used so far on the old one and runs on the new one from {@code at};
   * a changed policy gives the clocks its budgets.
   */
  private void sync(CaseState c, long at) {
    SlaPolicy policy = policy(c);
    String calendar = calendarName(c, policy);
    Instant t = Instant.ofEpochMilli(at);
    boolean calendarChanged = !calendar.equals(c.sla.calendar);
    for (SlaTarget target : BUSINESS_TARGETS) {
      ClockState state = c.sla.clocks.get(target.name());
      if (state == null) {
        continue;
      }
      SlaClock clock = state.clock();
      if (calendarChanged && clock.running()) {
        clock = clock.pause(t, settings.calendar(state.calendar)).resume(t);
        state.calendar = calendar;
      } else if (calendarChanged) {
        state.calendar = calendar;
      }
      Duration budget = policy.targets().of(target);
      if (budget != null && budget.toMillis() != clock.budgetMillis()) {
        clock = new SlaClock(target, budget.toMillis(), clock.usedMillis(),
            clock.runningSinceMillis(), clock.completedAtMillis());
      }
      state.set(clock);
    }
    c.sla.calendar = calendar;
  }

  private void start(CaseState c, SlaTarget target, SlaPolicy policy, Instant at, int cycle) {
    Duration budget = policy.targets().of(target);
    if (budget == null) {
      return;
    }
    c.sla.clocks.put(target.name(), ClockState.of(SlaClock.start(target, budget, at),
        c.sla.calendar, cycle, null));
  }

  private void update(CaseState c, SlaTarget target, java.util.function.UnaryOperator<SlaClock> change) {
    ClockState state = c.sla.clocks.get(target.name());
    if (state != null) {
      SlaClock before = state.clock();
      if (before.running()) {
        state.dueAtMillis = millis(before.dueAt(settings.calendar(state.calendar)));
      }
      state.set(change.apply(before));
    }
  }

  private SlaPolicy policy(CaseState c) {
    return settings.policies().select(c.tier, c.priority,
        c.category);
  }

  private String calendarName(CaseState c, SlaPolicy policy) {
    return policy.calendar() != null ? policy.calendar() : settings.teamCalendar(c.team);
  }

  private BusinessCalendar calendarOf(CaseState c, SlaTarget target) {
    ClockState state = c.sla.clocks.get(target.name());
    return settings.calendar(state == null ? c.sla.calendar : state.calendar);
  }

  // ---- deadlines -------------------------------------------------------------------------

  /** An alert moment of a case as its clocks are now. */
  private record Point(AlertKind kind, SlaTarget target, int level, String label, int cycle,
      long at, Long dueAt, List<String> recipients, String alertId) {}

  /**
   * The case's alert points not handled yet (no mark), earliest first. Also refreshes each running
   * clock's computed deadline, which the case report shows.
   */
  private List<Point> pending(CaseState c) {
    List<Point> out = new ArrayList<>();
    SlaState s = c.sla;
    if (c.isFinished()) {
      return out;
    }
    for (ClockState state : s.clocks.values()) {
      SlaClock clock = state.clock();
      if (!clock.running()) {
        continue;
      }
      BusinessCalendar calendar = settings.calendar(state.calendar);
      state.dueAtMillis = millis(clock.dueAt(calendar));
      for (AlertPoint p : SlaSchedule.points(clock, settings.policies(), calendar)) {
        out.add(point(c, p.kind(), p.target(), p.level(), p.label(), state.cycle,
            p.at().toEpochMilli(), p.dueAt().toEpochMilli(), p.recipients()));
      }
    }
    if (s.queuedSince != null && c.ownerId == null) {
      long at = settings.calendar(s.calendar)
          .addBusinessTime(Instant.ofEpochMilli(s.queuedSince), settings.unassignedAfter())
          .toEpochMilli();
      out.add(point(c, AlertKind.UNASSIGNED, SlaTarget.NONE, 1, "queued@" + s.queuedSince, 1, at,
          null, settings.unassignedRecipients()));
    }
    out.removeIf(p -> s.marked(p.alertId()));
    out.sort(java.util.Comparator.comparingLong(Point::at));
    return out;
  }

  private static Point point(CaseState c, AlertKind kind, SlaTarget target, int level, String label,
      int cycle, long at, Long dueAt, List<String> recipients) {
    return new Point(kind, target, level, label, cycle, at, dueAt, recipients,
        AlertFactory.alertId(c.caseId, kind, target, level, label, cycle));
  }

  /**
   * The case's next alert moment as its clocks are now (null when nothing is left to alert),
   * what the deadline index must hold for it. Computed when the case is saved, so the index is
   * written at most once per input, and only when the moment moved.
   */
  Long nextMoment(CaseState c) {
    List<Point> pending = pending(c);
    return pending.isEmpty() ? null : pending.get(0).at();
  }

  /**
   * The alerts of the case that are due at {@code now} and not handled yet, marked as handled
   * (the caller sends them). A warning whose deadline has already passed is marked without an
   * alert: the breach alert says it all.
   */
  List<Alert> due(CaseState c, long now) {
    List<Alert> out = new ArrayList<>();
    for (Point p : pending(c)) {
      if (p.at() > now) {
        break;
      }
      if (p.kind() == AlertKind.SLA_WARNING && p.dueAt() != null && now >= p.dueAt()) {
        c.sla.markIfNew(p.alertId()); // skipped: the deadline itself has passed already
        continue;
      }
      Alert alert = deadlineAlert(c, p, now);
      if (c.sla.markIfNew(alert.getAlertId())) {
        out.add(alert);
      }
    }
    return out;
  }

  private Alert deadlineAlert(CaseState c, Point e, long now) {
    AlertKind kind = e.kind();
    SlaTarget target = e.target();
    Alert.Builder a = alerts.base(c, kind, target, e.level(), e.label(), e.cycle(), e.recipients(), now);
    String what = AlertFactory.targetName(target);
    ClockState state = c.sla.clocks.get(target.name());
    java.time.ZoneId zone = settings.calendar(state == null ? c.sla.calendar : state.calendar).zone();
    String who = AlertFactory.who(c);
    switch (kind) {
      case SLA_WARNING -> a.setDueAt(Instant.ofEpochMilli(e.dueAt())).setSummary(String.format(
          "%s: %s warning (%s), due %s, %s left; %s", c.caseNumber, what, e.label(),
          AlertFactory.time(e.dueAt(), zone), AlertFactory.human(e.dueAt() - now), who));
      case SLA_BREACH -> a.setDueAt(Instant.ofEpochMilli(e.dueAt()))
          .setLateByMillis(Math.max(0, now - e.dueAt())).setSummary(String.format(
              "%s: %s target breached, was due %s; %s", c.caseNumber, what,
              AlertFactory.time(e.dueAt(), zone), who));
      case SLA_ESCALATION -> a.setDueAt(Instant.ofEpochMilli(e.dueAt()))
          .setLateByMillis(Math.max(0, now - e.dueAt())).setSummary(String.format(
              "%s: %s overdue by %s, escalation level %d; %s", c.caseNumber, what,
              AlertFactory.human(now - e.dueAt()), e.level(), who));
      case UNASSIGNED -> a.setDueAt(Instant.ofEpochMilli(e.at()))
          .setLateByMillis(Math.max(0, now - e.at())).setSummary(String.format(
              "%s: waiting without an owner since %s in the queue of team %s",
              c.caseNumber, AlertFactory.time(c.sla.queuedSince == null ? e.at() : c.sla.queuedSince, zone),
              c.team));
      default -> a.setSummary(c.caseNumber + ": " + kind);
    }
    if (c.repeat) {
      a.setSummary(a.getSummary() + " [repeat complaint, same category]");
    }
    return a.build();
  }

  // ---- results ---------------------------------------------------------------------------

  List<SlaResult> results(CaseState c, long now) {
    List<SlaResult> out = new ArrayList<>();
    List<ClockState> all = new ArrayList<>(c.sla.pastNextResponses);
    all.addAll(c.sla.clocks.values());
    all.sort(java.util.Comparator.comparing((ClockState s) -> SlaTarget.valueOf(s.target).ordinal())
        .thenComparingInt(s -> s.cycle));
    for (ClockState state : all) {
      SlaClock clock = state.clock();
      BusinessCalendar calendar = settings.calendar(state.calendar);
      Instant end = Instant.ofEpochMilli(state.completedAtMillis != null ? state.completedAtMillis
          : c.resolvedAt != null ? c.resolvedAt : now);
      SlaOutcome outcome = clock.outcome(end, calendar);
      out.add(SlaResult.newBuilder()
          .setTarget(clock.target())
          .setDueAt(state.dueAtMillis == null ? null : Instant.ofEpochMilli(state.dueAtMillis))
          .setOutcome(outcome)
          .setCompletedAt(state.completedAtMillis == null ? null : Instant.ofEpochMilli(state.completedAtMillis))
          .setBusinessMillisUsed(clock.used(end, calendar).toMillis())
          .build());
    }
    return out;
  }

  /** Both regulatory clocks met; null when the regulatory clock is off. */
  Boolean regulatoryTimely(CaseState c, long now) {
    if (!settings.policies().regulatory().enabled()) {
      return null;
    }
    boolean timely = true;
    for (SlaTarget target : List.of(SlaTarget.REGULATORY_RESPONSE, SlaTarget.REGULATORY_FINAL)) {
      ClockState state = c.sla.clocks.get(target.name());
      if (state == null) {
        return null;
      }
      Instant end = Instant.ofEpochMilli(state.completedAtMillis != null ? state.completedAtMillis
          : c.resolvedAt != null ? c.resolvedAt : now);
      timely &= state.clock().outcome(end, settings.calendar(state.calendar)) == SlaOutcome.MET;
    }
    return timely;
  }

  private static Long millis(Instant t) {
    return t == null ? null : t.toEpochMilli();
  }
}
