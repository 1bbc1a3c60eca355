package com.complaintflow.common.calendar;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds named calendars from configuration:
 *
 * <pre>
 * calendar.moscow.zone=Europe/Moscow
 * calendar.moscow.hours.mon=09:00-13:00,14:00-18:00     (mon..sun; a day not given is closed)
 * calendar.moscow.hours.sat=10:00-14:00
 * calendar.moscow.holidays=2026-01-01,2026-01-07
 * calendar.moscow.holidays.ical=/etc/complaintflow/ru-holidays.ics
 * </pre>
 *
 * {@code hours.weekdays} sets mon-fri at once; {@code 00:00-24:00} is a whole day. A calendar
 * named {@value #ALWAYS} (24x7) always exists. Every problem in the configuration is reported at
 * once, each naming its key.
 */
public final class BusinessCalendars {
  public static final String ALWAYS = "24x7";
  public static final String PREFIX = "calendar.";
  private static final Map<String, DayOfWeek> DAYS = Map.of(
      "mon", DayOfWeek.MONDAY, "tue", DayOfWeek.TUESDAY, "wed", DayOfWeek.WEDNESDAY,
      "thu", DayOfWeek.THURSDAY, "fri", DayOfWeek.FRIDAY, "sat", DayOfWeek.SATURDAY,
      "sun", DayOfWeek.SUNDAY);

  private BusinessCalendars() {}

  public static Map<String, BusinessCalendar> fromConfig(Map<String, ?> config) {
    Set<String> names = new TreeSet<>();
    for (String key : config.keySet()) {
      if (key.startsWith(PREFIX)) {
        int dot = key.indexOf('.', PREFIX.length());
        if (dot > 0) {
          names.add(key.substring(PREFIX.length(), dot));
        }
      }
    }
    List<String> problems = new ArrayList<>();
    Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
    calendars.put(ALWAYS, BusinessCalendar.always(ALWAYS));
    for (String name : names) {
      if (name.equals(ALWAYS)) {
        problems.add(PREFIX + ALWAYS + ".*: the 24x7 calendar is built in and cannot be redefined");
        continue;
      }
      BusinessCalendar calendar = build(name, config, problems);
      if (calendar != null) {
        calendars.put(name, calendar);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException("calendar configuration has " + problems.size() + " problem(s): "
          + String.join("; ", problems));
    }
    return calendars;
  }

  private static BusinessCalendar build(String name, Map<String, ?> config, List<String> problems) {
    String p = PREFIX + name + ".";
    int before = problems.size();
    ZoneId zone = ZoneId.of("UTC");
    Object zoneValue = config.get(p + "zone");
    if (zoneValue == null) {
      problems.add(p + "zone is missing (e.g. Europe/Moscow)");
    } else {
      try {
        zone = ZoneId.of(zoneValue.toString().trim());
      } catch (DateTimeException e) {
        problems.add(p + "zone: unknown time zone '" + zoneValue + "'");
      }
    }
    Map<DayOfWeek, List<BusinessCalendar.Interval>> week = new EnumMap<>(DayOfWeek.class);
    Object weekdays = config.get(p + "hours.weekdays");
    if (weekdays != null) {
      List<BusinessCalendar.Interval> intervals = intervals(p + "hours.weekdays", weekdays, problems);
      for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
        week.put(day, intervals);
      }
    }
    for (Map.Entry<String, DayOfWeek> day : DAYS.entrySet()) {
      Object value = config.get(p + "hours." + day.getKey());
      if (value != null) {
        week.put(day.getValue(), intervals(p + "hours." + day.getKey(), value, problems));
      }
    }
    if (week.values().stream().allMatch(List::isEmpty)) {
      problems.add(p + "hours.*: the calendar is never open (give e.g. " + p
          + "hours.weekdays=09:00-18:00)");
    }
    Set<LocalDate> holidays = new HashSet<>();
    Object dates = config.get(p + "holidays");
    if (dates != null) {
      for (String date : dates.toString().split(",")) {
        if (date.isBlank()) {
          continue;
        }
        try {
          holidays.add(LocalDate.parse(date.trim()));
        } catch (DateTimeException e) {
          problems.add(p + "holidays: '" + date.trim() + "' is not a date (YYYY-MM-DD)");
        }
      }
    }
    Object ical = config.get(p + "holidays.ical");
    if (ical != null && !ical.toString().isBlank()) {
      try {
        holidays.addAll(ICalendarHolidays.read(Path.of(ical.toString().trim())));
      } catch (IOException | RuntimeException e) {
        problems.add(p + "holidays.ical: cannot read '" + ical + "': " + e.getMessage());
      }
    }
    return problems.size() == before ? new BusinessCalendar(name, zone, week, holidays) : null;
  }

  private static List<BusinessCalendar.Interval> intervals(
      String key, Object value, List<String> problems) {
    List<BusinessCalendar.Interval> out = new ArrayList<>();
    String text = value.toString().trim();
    if (text.isEmpty() || text.equalsIgnoreCase("closed")) {
      return out;
    }
    for (String part : text.split(",")) {
      String[] bounds = part.trim().split("-");
      try {
        if (bounds.length != 2) {
          throw new IllegalArgumentException("expected HH:MM-HH:MM");
        }
        LocalTime start = LocalTime.parse(bounds[0].trim());
        String endText = bounds[1].trim();
        LocalTime end = endText.equals("24:00") ? null : LocalTime.parse(endText);
        out.add(new BusinessCalendar.Interval(start, end));
      } catch (RuntimeException e) {
        problems.add(key + ": '" + part.trim() + "' is not an interval HH:MM-HH:MM ("
            + e.getMessage() + ")");
      }
    }
    return out;
  }
}
