package com.complaintflow.alerts.delivery;

import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * Quiet hours from the teams' business calendars (the same calendars the SLA clocks run on): an
 * alert for a team that is closed waits for the next opening, unless its kind or escalation level
 * is urgent.
 */
public final class CalendarQuietHours implements QuietHours {
  private final Map<String, OpeningHours> byTeam;
  private final OpeningHours fallback;
  private final Set<AlertKind> urgentKinds;
  private final int urgentMinLevel;

  /**
   * @param byTeam team -> its calendar
   * @param fallback the calendar of teams without one (and of alerts without a team)
   */
  public CalendarQuietHours(Map<String, OpeningHours> byTeam, OpeningHours fallback,
      Set<AlertKind> urgentKinds, int urgentMinLevel) {
    this.byTeam = Map.copyOf(byTeam);
    this.fallback = fallback;
    this.urgentKinds = Set.copyOf(urgentKinds);
    this.urgentMinLevel = urgentMinLevel;
  }

  public boolean isUrgent(Alert alert) {
    return urgentKinds.contains(alert.getKind()) || alert.getLevel() >= urgentMinLevel;
  }

  @Override
  public Instant releaseAt(Alert alert, Instant now) {
    if (isUrgent(alert)) {
      return now;
    }
    OpeningHours hours = calendarOf(alert.getTeam());
    return hours.isOpen(now) ? now : hours.nextOpening(now);
  }

  public ZoneId zoneOf(String team) {
    return calendarOf(team).zone();
  }

  private OpeningHours calendarOf(String team) {
    OpeningHours hours = team == null ? null : byTeam.get(team);
    return hours == null ? fallback : hours;
  }
}
