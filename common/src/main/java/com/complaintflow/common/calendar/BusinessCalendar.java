package com.complaintflow.common.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Business hours of a team or SLA policy: a time zone, opening intervals per weekday (several a
 * day), and closed dates (holidays). SLA clocks run only while the calendar is open; quiet hours
 * of the alert sink are the times it is closed.
 *
 * <p>All arithmetic happens in the calendar's zone on local dates and times, so daylight-saving
 * changes and non-UTC zones need no special handling by callers.
 */
public final class BusinessCalendar {
  /** How far ahead an opening is searched before the calendar is declared never open. */
  private static final int MAX_DAYS_AHEAD = 800;

  /** An opening interval; {@code end == null} means midnight at the end of the day. */
  public record Interval(LocalTime start, LocalTime end) {
    public Interval {
      Objects.requireNonNull(start, "start");
      if (end != null && !end.isAfter(start)) {
        throw new IllegalArgumentException("interval end " + end + " is not after start " + start);
      }
    }

    boolean contains(LocalTime t) {
      return !t.isBefore(start) && (end == null || t.isBefore(end));
    }
  }

  private final String name;
  private final ZoneId zone;
  private final Map<DayOfWeek, List<Interval>> week;
  private final Set<LocalDate> holidays;
  private final boolean always;

  public BusinessCalendar(
      String name, ZoneId zone, Map<DayOfWeek, List<Interval>> week, Set<LocalDate> holidays) {
    this(name, zone, week, holidays, false);
  }

  private BusinessCalendar(String name, ZoneId zone, Map<DayOfWeek, List<Interval>> week,
      Set<LocalDate> holidays, boolean always) {
    this.name = Objects.requireNonNull(name, "name");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.week = new EnumMap<>(DayOfWeek.class);
    week.forEach((day, intervals) -> this.week.put(day, intervals.stream()
        .sorted(Comparator.comparing(Interval::start)).toList()));
    this.holidays = Set.copyOf(holidays);
    this.always = always;
  }

  /** Open around the clock, every day (24x7). */
  public static BusinessCalendar always(String name) {
    return new BusinessCalendar(name, ZoneId.of("UTC"), Map.of(), Set.of(), true);
  }

  public String name() {
    return name;
  }

  public ZoneId zone() {
    return zone;
  }

  public boolean isAlwaysOpen() {
    return always;
  }

  public boolean isHoliday(LocalDate date) {
    return holidays.contains(date);
  }

  public boolean isOpen(Instant t) {
    if (always) {
      return true;
    }
    ZonedDateTime local = t.atZone(zone);
    return intervalAt(local.toLocalDate(), local.toLocalTime()) != null;
  }

  /** The first open instant at or after {@code t}: {@code t} itself when open. */
  public Instant nextOpening(Instant t) {
    if (always) {
      return t;
    }
    ZonedDateTime local = t.atZone(zone);
    LocalDate date = local.toLocalDate();
    LocalTime time = local.toLocalTime();
    for (int day = 0; day < MAX_DAYS_AHEAD; day++, date = date.plusDays(1)) {
      if (holidays.contains(date)) {
        continue;
      }
      for (Interval interval : week.getOrDefault(date.getDayOfWeek(), List.of())) {
        if (day == 0) {
          if (interval.contains(time)) {
            return t;
          }
          if (interval.start().isAfter(time)) {
            return at(date, interval.start());
          }
        } else {
          return at(date, interval.start());
        }
      }
    }
    throw neverOpen();
  }

  /**
   * The instant at which {@code duration} of business time has elapsed since {@code start}.
   * A start outside business hours counts from the next opening, so a deadline never falls in
   * closed time (except exactly at a closing time, when the budget runs out there).
   */
  public Instant addBusinessTime(Instant start, Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration " + duration);
    }
    if (always) {
      return start.plus(duration);
    }
    Duration remaining = duration;
    Instant cursor = nextOpening(start);
    for (int guard = 0; guard < MAX_DAYS_AHEAD * 8; guard++) {
      Instant end = intervalEnd(cursor);
      Duration available = Duration.between(cursor, end);
      if (remaining.compareTo(available) <= 0) {
        return cursor.plus(remaining);
      }
      remaining = remaining.minus(available);
      cursor = nextOpening(end);
    }
    throw neverOpen();
  }

  /** Business time between two instants (zero when {@code to} is not after {@code from}). */
  public Duration businessTimeBetween(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    if (always) {
      return Duration.between(from, to);
    }
    Duration total = Duration.ZERO;
    Instant cursor = from;
    while (cursor.isBefore(to)) {
      Instant open = nextOpening(cursor);
      if (!open.isBefore(to)) {
        break;
      }
      Instant end = intervalEnd(open);
      total = total.plus(Duration.between(open, end.isBefore(to) ? end : to));
      cursor = end;
    }
    return total;
  }

  /** End of the open interval containing {@code open} (which must be open). */
  private Instant intervalEnd(Instant open) {
    ZonedDateTime local = open.atZone(zone);
    LocalDate date = local.toLocalDate();
    Interval interval = intervalAt(date, local.toLocalTime());
    if (interval == null) {
      throw new IllegalStateException("not open at " + open);
    }
    return interval.end() == null ? at(date.plusDays(1), LocalTime.MIDNIGHT) : at(date, interval.end());
  }

  private Interval intervalAt(LocalDate date, LocalTime time) {
    if (holidays.contains(date)) {
      return null;
    }
    for (Interval interval : week.getOrDefault(date.getDayOfWeek(), List.of())) {
      if (interval.contains(time)) {
        return interval;
      }
    }
    return null;
  }

  private Instant at(LocalDate date, LocalTime time) {
    return ZonedDateTime.of(date, time, zone).toInstant();
  }

  private IllegalStateException neverOpen() {
    return new IllegalStateException(
        "calendar " + name + " has no opening within " + MAX_DAYS_AHEAD + " days: check its hours");
  }

  /** Opening intervals of a weekday, for display. */
  public List<Interval> hours(DayOfWeek day) {
    return new ArrayList<>(week.getOrDefault(day, List.of()));
  }

  @Override
  public String toString() {
    return "BusinessCalendar[" + name + ", " + (always ? "24x7" : zone + ", " + week) + "]";
  }
}
