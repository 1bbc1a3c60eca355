package com.complaintflow.common.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusinessCalendarTest {
  private static final ZoneId SOFIA = ZoneId.of("Europe/Sofia");

  private static BusinessCalendar sofia(String holidays) {
    Map<String, Object> config = new HashMap<>();
    config.put("calendar.sofia.zone", "Europe/Sofia");
    config.put("calendar.sofia.hours.weekdays", "09:00-13:00,14:00-18:00");
    if (holidays != null) {
      config.put("calendar.sofia.holidays", holidays);
    }
    return BusinessCalendars.fromConfig(config).get("sofia");
  }

  private static Instant sofiaTime(String localDateTime) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), SOFIA).toInstant();
  }

  @Test
  void openInsideIntervalsOnlyInItsOwnZone() {
    BusinessCalendar calendar = sofia(null);
    assertTrue(calendar.isOpen(sofiaTime("2026-11-23T09:00"))); // Monday
    assertFalse(calendar.isOpen(sofiaTime("2026-11-23T13:30"))); // lunch
    assertFalse(calendar.isOpen(sofiaTime("2026-11-23T18:00"))); // end is exclusive
    assertFalse(calendar.isOpen(sofiaTime("2026-11-22T10:00"))); // Sunday
    // 07:30 UTC is 09:30 in Sofia (UTC+2 in November)
    assertTrue(calendar.isOpen(Instant.parse("2026-11-23T07:30:00Z")));
  }

  @Test
  void deadlineIsCarriedOverWeekendAndHoliday() {
    // Friday 17:00 + 2 business hours: 1 h on Friday, Monday is a holiday, 1 h on Tuesday
    BusinessCalendar calendar = sofia("2026-11-30");
    Instant due = calendar.addBusinessTime(sofiaTime("2026-11-27T17:00"), Duration.ofHours(2));
    assertEquals(sofiaTime("2026-12-01T10:00"), due);
  }

  @Test
  void deadlineSkipsLunch() {
    BusinessCalendar calendar = sofia(null);
    assertEquals(sofiaTime("2026-11-23T14:30"),
        calendar.addBusinessTime(sofiaTime("2026-11-23T12:30"), Duration.ofHours(1)));
  }

  @Test
  void startOutsideHoursCountsFromNextOpening() {
    BusinessCalendar calendar = sofia(null);
    assertEquals(sofiaTime("2026-11-23T09:15"),
        calendar.addBusinessTime(sofiaTime("2026-11-21T23:00"), Duration.ofMinutes(15)));
    assertEquals(sofiaTime("2026-11-23T09:00"), calendar.nextOpening(sofiaTime("2026-11-22T12:00")));
  }

  @Test
  void businessTimeBetweenIsTheInverseOfAdding() {
    BusinessCalendar calendar = sofia("2026-11-30");
    Instant start = sofiaTime("2026-11-26T10:20");
    Duration budget = Duration.ofHours(13).plusMinutes(7);
    Instant due = calendar.addBusinessTime(start, budget);
    assertEquals(budget, calendar.businessTimeBetween(start, due));
    assertEquals(Duration.ofHours(8), calendar.businessTimeBetween(
        sofiaTime("2026-11-27T00:00"), sofiaTime("2026-11-30T23:59")));
  }

  @Test
  void daylightSavingChangeKeepsLocalHours() {
    // Sofia moves from UTC+3 to UTC+2 on 2026-10-25 (a Sunday)
    BusinessCalendar calendar = sofia(null);
    Instant due = calendar.addBusinessTime(sofiaTime("2026-10-23T17:00"), Duration.ofHours(2));
    assertEquals(sofiaTime("2026-10-26T10:00"), due);
    assertEquals(Instant.parse("2026-10-26T08:00:00Z"), due);
  }

  @Test
  void alwaysOpenIsPlainArithmetic() {
    BusinessCalendar always = BusinessCalendars.fromConfig(Map.of()).get("24x7");
    Instant t = Instant.parse("2026-11-22T03:00:00Z");
    assertTrue(always.isOpen(t));
    assertEquals(t.plus(Duration.ofDays(15)), always.addBusinessTime(t, Duration.ofDays(15)));
  }

  @Test
  void holidaysFromICalendarWithYearlyRecurrence(@TempDir Path dir) throws Exception {
    Path ics = dir.resolve("bg.ics");
    Files.writeString(ics, String.join("\r\n",
        "BEGIN:VCALENDAR", "VERSION:2.0",
        "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20260303", "DTEND;VALUE=DATE:20260304",
        "RRULE:FREQ=YEARLY", "SUMMARY:Liberation Day", "END:VEVENT",
        "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20261224", "DTEND;VALUE=DATE:20261227",
        "SUMMARY:Christ", " mas", "END:VEVENT",
        "END:VCALENDAR", ""));
    BusinessCalendar calendar = BusinessCalendars.fromConfig(Map.of(
        "calendar.bg.zone", "Europe/Sofia",
        "calendar.bg.hours.weekdays", "09:00-18:00",
        "calendar.bg.holidays.ical", ics.toString())).get("bg");
    assertTrue(calendar.isHoliday(LocalDate.parse("2027-03-03")));
    assertTrue(calendar.isHoliday(LocalDate.parse("2026-12-26")));
    assertFalse(calendar.isHoliday(LocalDate.parse("2026-12-27")));
  }

  @Test
  void everyConfigurationProblemIsReportedAtOnce() {
    ConfigException e = assertThrows(ConfigException.class, () -> BusinessCalendars.fromConfig(Map.of(
        "calendar.a.zone", "Mars/Olympus",
        "calendar.a.hours.mon", "9-18",
        "calendar.b.hours.weekdays", "09:00-18:00",
        "calendar.b.holidays", "tomorrow")));
    String message = e.getMessage();
    assertTrue(message.contains("calendar.a.zone"), message);
    assertTrue(message.contains("calendar.a.hours.mon"), message);
    assertTrue(message.contains("calendar.b.zone is missing"), message);
    assertTrue(message.contains("calendar.b.holidays"), message);
  }
}
