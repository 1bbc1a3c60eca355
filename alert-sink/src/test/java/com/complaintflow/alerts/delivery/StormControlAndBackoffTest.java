package com.complaintflow.alerts.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StormControlAndBackoffTest {
  private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");

  @Test
  void moreThanNWithinTheWindowAreDigestedPerRecipient() {
    StormControl storm = new StormControl(3, Duration.ofMinutes(5));
    for (int i = 0; i < 3; i++) {
      assertTrue(storm.admitIndividually("a@x.test", T0.plusSeconds(i)));
    }
    assertFalse(storm.admitIndividually("A@x.test", T0.plusSeconds(10)), "fourth within 5 min, any case");
    assertTrue(storm.admitIndividually("b@x.test", T0.plusSeconds(10)), "other recipients unaffected");
    // the storm has to calm down: digested alerts count as well
    assertFalse(storm.admitIndividually("a@x.test", T0.plus(Duration.ofMinutes(2))));
    assertTrue(storm.admitIndividually("a@x.test", T0.plus(Duration.ofMinutes(20))));
    storm.prune(T0.plus(Duration.ofHours(1)));
    assertEquals(0, storm.tracked());
  }

  @Test
  void backoffDoublesUpToTheCapWithJitter() {
    Backoff exact = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), 0.0, () -> 0.9);
    assertEquals(Duration.ofSeconds(1), exact.delay(1));
    assertEquals(Duration.ofSeconds(2), exact.delay(2));
    assertEquals(Duration.ofSeconds(8), exact.delay(4));
    assertEquals(Duration.ofSeconds(10), exact.delay(30));
    Backoff low = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(60), 0.2, () -> 0.0);
    Backoff high = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(60), 0.2, () -> 0.999999);
    assertEquals(Duration.ofSeconds(8), low.delay(1));
    assertEquals(Duration.ofSeconds(12), high.delay(1));
  }
}
