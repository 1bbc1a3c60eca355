package com.complaintflow.processor.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.complaintflow.common.calendar.BusinessCalendar;
import com.complaintflow.common.calendar.BusinessCalendars;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.SlaOutcome;
import com.complaintflow.schemas.avro.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlaClockTest {
  private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
  private static final BusinessCalendar OFFICE = BusinessCalendars.fromConfig(Map.of(
      "calendar.office.zone", "Europe/Moscow",
      "calendar.office.hours.weekdays", "09:00-18:00",
      "calendar.office.holidays", "2026-11-30")).get("office");

  private static Instant msk(String local) {
    return ZonedDateTime.of(LocalDateTime.parse(local), MOSCOW).toInstant();
  }

  @Test
  void deadlineCarriedOverWeekendAndHoliday() {
    SlaClock clock = SlaClock.start(SlaTarget.FIRST_RESPONSE, Duration.ofHours(4), msk("2026-11-27T16:00"));
    // Friday 16-18 = 2 h; Sat, Sun closed; Monday 30th a holiday; Tuesday 09-11 = 2 h
    assertEquals(msk("2026-12-01T11:00"), clock.dueAt(OFFICE));
  }

  @Test
  void pauseStopsTheClockAndResumeMovesTheDeadline() {
    SlaClock clock = SlaClock.start(SlaTarget.RESOLUTION, Duration.ofHours(8), msk("2026-11-23T09:00"));
    clock = clock.pause(msk("2026-11-23T12:00"), OFFICE); // 3 h used, waiting on the customer
    assertNull(clock.dueAt(OFFICE));
    assertEquals(Duration.ofHours(3), clock.used(msk("2026-11-25T12:00"), OFFICE));
    clock = clock.resume(msk("2026-11-25T10:00")); // customer replied two days later
    assertEquals(msk("2026-11-25T15:00"), clock.dueAt(OFFICE));
  }

  @Test
  void completionDecidesTheOutcome() {
    SlaClock clock = SlaClock.start(SlaTarget.FIRST_RESPONSE, Duration.ofHours(1), msk("2026-11-23T09:00"));
    assertEquals(SlaOutcome.MET, clock.complete(msk("2026-11-23T09:59"), OFFICE).outcome(msk("2026-11-24T00:00"), OFFICE));
    assertEquals(SlaOutcome.BREACHED, clock.complete(msk("2026-11-23T10:01"), OFFICE).outcome(msk("2026-11-24T00:00"), OFFICE));
    assertEquals(SlaOutcome.PENDING, clock.outcome(msk("2026-11-23T09:30"), OFFICE));
    assertEquals(SlaOutcome.BREACHED, clock.outcome(msk("2026-11-23T10:30"), OFFICE));
  }

  @Test
  void scheduleHasWarningsBreachAndEscalationsInOrder() {
    SlaPolicies policies = SlaPolicies.fromConfig(SlaPoliciesTest.config());
    SlaClock clock = SlaClock.start(SlaTarget.FIRST_RESPONSE, Duration.ofHours(4), msk("2026-11-23T09:00"));
    List<AlertPoint> points = SlaSchedule.points(clock, policies, OFFICE);
    assertEquals(List.of("50%", "75%", "-15m", "L1", "L2"), points.stream().map(AlertPoint::label).toList());
    assertEquals(msk("2026-11-23T11:00"), points.get(0).at());
    assertEquals(msk("2026-11-23T12:00"), points.get(1).at());
    assertEquals(msk("2026-11-23T12:45"), points.get(2).at());
    assertEquals(AlertKind.SLA_BREACH, points.get(3).kind());
    assertEquals(msk("2026-11-23T13:00"), points.get(3).at());
    assertEquals(AlertKind.SLA_ESCALATION, points.get(4).kind());
    assertEquals(msk("2026-11-23T15:00"), points.get(4).at());
    assertEquals(List.of("head@example.com"), points.get(4).recipients());
  }

  @Test
  void pausedClockHasNoAlertPoints() {
    SlaPolicies policies = SlaPolicies.fromConfig(SlaPoliciesTest.config());
    SlaClock clock = SlaClock.start(SlaTarget.RESOLUTION, Duration.ofHours(4), msk("2026-11-23T09:00"))
        .pause(msk("2026-11-23T10:00"), OFFICE);
    assertEquals(List.of(), SlaSchedule.points(clock, policies, OFFICE));
  }

  @Test
  void durationsParseBothForms() {
    assertEquals(Duration.ofMinutes(90), Durations.parse("90m"));
    assertEquals(Duration.ofHours(4), Durations.parse("PT4H"));
    assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
    assertEquals(Duration.ofSeconds(250), Durations.parse("250s"));
    assertEquals(Duration.ofMinutes(250), Durations.parse("250m"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("ms"));
    assertEquals("12 min", Durations.human(Duration.ofMinutes(12)));
    assertEquals("2 d 4 h", Durations.human(Duration.ofHours(52)));
  }
}
