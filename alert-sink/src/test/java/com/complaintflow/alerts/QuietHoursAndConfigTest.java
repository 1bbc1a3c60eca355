package com.complaintflow.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.alerts.delivery.CalendarQuietHours;
import com.complaintflow.schemas.avro.AlertKind;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class QuietHoursAndConfigTest {
  private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

  private static Map<String, Object> config() {
    Map<String, Object> c = new HashMap<>();
    c.put("calendar.moscow.zone", "Europe/Moscow");
    c.put("calendar.moscow.hours.weekdays", "09:00-18:00");
    c.put("calendar.moscow.holidays", "2026-03-09");
    c.put("team.billing.calendar", "moscow");
    c.put("team.billing.recipients", "lead@cf.test, sup@cf.test,lead@cf.test");
    c.put("smtp.password", "s3cret-value");
    return c;
  }

  @Test
  void saturdayAlertWaitsForMondayOpeningUrgentOnesDoNot() {
    CalendarQuietHours quiet = QuietHoursFactory.create(new AlertSinkConfig(config()));
    Instant saturday = ZonedDateTime.of(2026, 3, 14, 23, 30, 0, 0, MOSCOW).toInstant();
    Instant monday = ZonedDateTime.of(2026, 3, 16, 9, 0, 0, 0, MOSCOW).toInstant();
    assertEquals(monday, quiet.releaseAt(TestAlerts.breach("CF-1", saturday, "a@x.test").build(), saturday));
    assertEquals(saturday, quiet.releaseAt(TestAlerts.breach("CF-1", saturday, "a@x.test")
        .setKind(AlertKind.LEGAL_THREAT).setLevel(0).build(), saturday));
    assertEquals(saturday, quiet.releaseAt(TestAlerts.breach("CF-1", saturday, "a@x.test")
        .setKind(AlertKind.SLA_ESCALATION).setLevel(2).build(), saturday), "level 2 is urgent");
    Instant tuesdayNoon = ZonedDateTime.of(2026, 3, 17, 12, 0, 0, 0, MOSCOW).toInstant();
    assertEquals(tuesdayNoon, quiet.releaseAt(TestAlerts.breach("CF-1", tuesdayNoon, "a@x.test").build(), tuesdayNoon));
    Instant holidayMorning = ZonedDateTime.of(2026, 3, 9, 10, 0, 0, 0, MOSCOW).toInstant();
    assertEquals(ZonedDateTime.of(2026, 3, 10, 9, 0, 0, 0, MOSCOW).toInstant(),
        quiet.releaseAt(TestAlerts.breach("CF-1", holidayMorning, "a@x.test").build(), holidayMorning));
    Instant night = ZonedDateTime.of(2026, 3, 17, 2, 0, 0, 0, MOSCOW).toInstant();
    assertEquals(night, quiet.releaseAt(TestAlerts.breach("CF-1", night, "a@x.test").setTeam("other").build(), night),
        "teams without a calendar use the 24x7 default");
  }

  @Test
  void unknownCalendarIsAConfigurationError() {
    Map<String, Object> c = config();
    c.put("team.legal.calendar", "nowhere");
    ConfigException e = assertThrows(ConfigException.class, () -> QuietHoursFactory.create(new AlertSinkConfig(c)));
    assertTrue(e.getMessage().contains("team.legal.calendar"), e.getMessage());
  }

  @Test
  void teamListsAreParsedAndThePasswordNeverPrinted() {
    AlertSinkConfig config = new AlertSinkConfig(config());
    assertEquals(Map.of("billing", List.of("lead@cf.test", "sup@cf.test")), config.teamRecipients());
    assertEquals("s3cret-value", config.smtpPassword().value());
    assertFalse(config.smtpPassword().toString().contains("s3cret"));
    assertFalse(config.values().toString().contains("s3cret"));
  }
}
