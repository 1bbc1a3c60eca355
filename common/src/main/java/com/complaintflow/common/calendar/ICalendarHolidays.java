package com.complaintflow.common.calendar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads closed dates from an iCalendar (RFC 5545) file, as exported by public-holiday calendars:
 * every VEVENT's DTSTART..DTEND dates (DTEND exclusive; one day without DTEND), and yearly
 * recurrence (RRULE:FREQ=YEARLY) expanded over {@link #YEARS_AHEAD} years. Other recurrence rules
 * are refused with an error rather than silently misread.
 */
public final class ICalendarHolidays {
  static final int YEARS_AHEAD = 10;
  private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

  private ICalendarHolidays() {}

  public static Set<LocalDate> read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  static Set<LocalDate> parse(String text, String source) {
    Set<LocalDate> dates = new TreeSet<>();
    LocalDate start = null;
    LocalDate end = null;
    String rule = null;
    boolean inEvent = false;
    for (String line : unfold(text)) {
      String upper = line.toUpperCase(java.util.Locale.ROOT);
      if (upper.equals("BEGIN:VEVENT")) {
        inEvent = true;
        start = null;
        end = null;
        rule = null;
      } else if (upper.equals("END:VEVENT")) {
        if (start == null) {
          throw new IllegalArgumentException(source + ": VEVENT without DTSTART");
        }
        addEvent(dates, start, end, rule, source);
        inEvent = false;
      } else if (inEvent && upper.startsWith("DTSTART")) {
        start = dateOf(line, source);
      } else if (inEvent && upper.startsWith("DTEND")) {
        end = dateOf(line, source);
      } else if (inEvent && upper.startsWith("RRULE:")) {
        rule = upper.substring("RRULE:".length());
      }
    }
    return dates;
  }

  private static void addEvent(
      Set<LocalDate> dates, LocalDate start, LocalDate end, String rule, String source) {
    int days = end == null || !end.isAfter(start) ? 1 : (int) (end.toEpochDay() - start.toEpochDay());
    int repeats = 1;
    if (rule != null) {
      if (!rule.contains("FREQ=YEARLY")) {
        throw new IllegalArgumentException(
            source + ": only yearly recurrence is supported for holidays, not RRULE:" + rule);
      }
      repeats = YEARS_AHEAD + 1;
    }
    for (int year = 0; year < repeats; year++) {
      LocalDate first = start.plusYears(year);
      for (int d = 0; d < days; d++) {
        dates.add(first.plusDays(d));
      }
    }
  }

  private static LocalDate dateOf(String line, String source) {
    String value = line.substring(line.indexOf(':') + 1).trim();
    if (value.length() < 8) {
      throw new IllegalArgumentException(source + ": unreadable date in '" + line + "'");
    }
    return LocalDate.parse(value.substring(0, 8), BASIC);
  }

  /** RFC 5545 line unfolding: a line starting with a space or tab continues the previous one. */
  private static List<String> unfold(String text) {
    List<String> lines = new ArrayList<>();
    for (String raw : text.split("\r?\n")) {
      if ((raw.startsWith(" ") || raw.startsWith("\t")) && !lines.isEmpty()) {
        lines.set(lines.size() - 1, lines.get(lines.size() - 1) + raw.substring(1));
      } else if (!raw.isBlank()) {
        lines.add(raw.trim());
      }
    }
    return lines;
  }
}
