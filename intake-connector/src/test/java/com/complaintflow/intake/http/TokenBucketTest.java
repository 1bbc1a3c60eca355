package com.complaintflow.intake.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  @Test
  void aFullBucketGivesItsBurstThenRefusesWithTheWaitForTheNextToken() {
    TokenBucket bucket = new TokenBucket(2, 5, clock.millis()); // a token every 500 ms
    for (int i = 0; i < 5; i++) {
      assertEquals(0, bucket.tryTake(clock.millis()), "request " + (i + 1) + " of the burst");
    }
    assertEquals(500, bucket.tryTake(clock.millis()));
    clock.advance(Duration.ofMillis(200));
    assertEquals(300, bucket.tryTake(clock.millis()), "a refusal takes nothing: the wait only shrinks");
    clock.advance(Duration.ofMillis(300));
    assertEquals(0, bucket.tryTake(clock.millis()));
    assertEquals(500, bucket.tryTake(clock.millis()));
  }

  @Test
  void refillIsCappedAtTheBurst() {
    TokenBucket bucket = new TokenBucket(10, 3, clock.millis());
    bucket.tryTake(clock.millis());
    clock.advance(Duration.ofHours(1));
    assertTrue(bucket.isFull(clock.millis()));
    int taken = 0;
    while (bucket.tryTake(clock.millis()) == 0) {
      taken++;
    }
    assertEquals(3, taken);
  }

  @Test
  void sustainedRateIsThePerSecondRate() {
    TokenBucket bucket = new TokenBucket(50, 100, clock.millis());
    int accepted = 0;
    // 10 s of one request a millisecond: the burst plus 50 a second
    for (int ms = 0; ms < 10_000; ms++) {
      if (bucket.tryTake(clock.millis()) == 0) {
        accepted++;
      }
      clock.advance(Duration.ofMillis(1));
    }
    assertEquals(100 + 50 * 10, accepted, 1);
  }

  @Test
  void aClockSteppingBackDoesNotStarveTheBucket() {
    TokenBucket bucket = new TokenBucket(1, 1, clock.millis());
    assertEquals(0, bucket.tryTake(clock.millis()));
    clock.advance(Duration.ofHours(-1));
    assertEquals(1000, bucket.tryTake(clock.millis()), "no refill for the step back, but no hour-long wait either");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(0, bucket.tryTake(clock.millis()));
  }

  @Test
  void fractionalRatesWork() {
    TokenBucket bucket = new TokenBucket(0.5, 1, clock.millis());
    assertEquals(0, bucket.tryTake(clock.millis()));
    assertEquals(2000, bucket.tryTake(clock.millis()));
    assertFalse(bucket.isFull(clock.millis()));
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new TokenBucket(Double.NaN, 1, 0));
  }
}
