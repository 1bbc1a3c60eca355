package com.complaintflow.intake.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.testing.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestRateLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  @Test
  void eachCallerHasItsOwnBucket() {
    RequestRateLimiter limiter = new RequestRateLimiter(1, 2, 100, clock);
    assertTrue(limiter.acquire("api-key#1").allowed());
    assertTrue(limiter.acquire("api-key#1").allowed());
    RequestRateLimiter.Decision refused = limiter.acquire("api-key#1");
    assertFalse(refused.allowed());
    assertEquals(1, refused.retryAfterSeconds());
    assertTrue(limiter.acquire("api-key#2").allowed(), "another key is not limited by the first one's use");
    assertTrue(limiter.acquire("address:10.0.0.1").allowed());
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUp() {
    RequestRateLimiter limiter = new RequestRateLimiter(0.25, 1, 100, clock); // a token every 4 s
    assertTrue(limiter.acquire("c").allowed());
    assertEquals(4, limiter.acquire("c").retryAfterSeconds());
    clock.advance(Duration.ofMillis(3_500));
    assertEquals(1, limiter.acquire("c").retryAfterSeconds());
  }

  @Test
  void zeroRateIsOff() {
    RequestRateLimiter limiter = new RequestRateLimiter(0, 1, 1, clock);
    assertFalse(limiter.enabled());
    for (int i = 0; i < 1000; i++) {
      assertTrue(limiter.acquire("caller-" + i).allowed());
    }
    assertEquals(0, limiter.trackedClients());
  }

  @Test
  void aFloodOfCallersKeepsAtMostMaxClientsBuckets() {
    RequestRateLimiter limiter = new RequestRateLimiter(1, 1, 50, clock);
    for (int i = 0; i < 10_000; i++) {
      limiter.acquire("address:" + i);
    }
    assertEquals(50, limiter.trackedClients());
  }

  @Test
  void whenRoomIsNeededAFullBucketGoesBeforeTheLeastRecentlyUsedOne() {
    RequestRateLimiter limiter = new RequestRateLimiter(1, 2, 3, clock);
    assertTrue(limiter.acquire("busy").allowed());
    assertTrue(limiter.acquire("busy").allowed()); // empty, and the least recently used below
    assertTrue(limiter.acquire("idle-1").allowed());
    assertTrue(limiter.acquire("idle-2").allowed());
    clock.advance(Duration.ofSeconds(1)); // busy: 1 token; idle-1, idle-2: full again
    assertTrue(limiter.acquire("new").allowed());
    assertEquals(3, limiter.trackedClients());
    assertTrue(limiter.acquire("busy").allowed());
    assertFalse(limiter.acquire("busy").allowed(), "busy kept its bucket: forgetting it would have given a new burst");
  }

  @Test
  void whenNoBucketIsFullTheLeastRecentlyUsedGoes() {
    RequestRateLimiter limiter = new RequestRateLimiter(0.001, 1, 3, clock); // a token every 1000 s
    assertTrue(limiter.acquire("oldest").allowed());
    assertTrue(limiter.acquire("b").allowed());
    assertTrue(limiter.acquire("c").allowed());
    assertFalse(limiter.acquire("b").allowed());
    assertFalse(limiter.acquire("c").allowed());
    assertTrue(limiter.acquire("new").allowed());
    assertEquals(3, limiter.trackedClients());
    assertTrue(limiter.acquire("oldest").allowed(), "forgotten, it starts again with a full burst");
  }

  @Test
  void refusalsAreLoggedOncePerIntervalWithTheirCount() {
    RequestRateLimiter limiter = new RequestRateLimiter(0.001, 1, 10, clock);
    assertTrue(limiter.acquire("c").allowed());
    RequestRateLimiter.Decision first = limiter.acquire("c");
    assertTrue(first.log());
    assertEquals(1, first.refusedSinceLog());
    for (int i = 0; i < 5; i++) {
      assertFalse(limiter.acquire("c").log());
    }
    clock.advance(Duration.ofMillis(RequestRateLimiter.LOG_EVERY_MILLIS));
    RequestRateLimiter.Decision later = limiter.acquire("c");
    assertTrue(later.log());
    assertEquals(6, later.refusedSinceLog());
  }

  @Test
  void addressesAreGroupedByHostForIpv4AndBySlash64ForIpv6() throws Exception {
    InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("203.0.113.77"), 5000);
    assertEquals("203.0.113.77", IntakeHttpServer.addressGroup(v4));
    assertEquals("203.0.113.0/24", IntakeHttpServer.maskedAddress(v4));
    InetSocketAddress a = new InetSocketAddress(InetAddress.getByName("2001:db8:1:2:aaaa::1"), 5000);
    InetSocketAddress b = new InetSocketAddress(InetAddress.getByName("2001:db8:1:2:bbbb::9"), 5000);
    InetSocketAddress c = new InetSocketAddress(InetAddress.getByName("2001:db8:1:3::1"), 5000);
    assertEquals(IntakeHttpServer.addressGroup(a), IntakeHttpServer.addressGroup(b));
    assertFalse(IntakeHttpServer.addressGroup(a).equals(IntakeHttpServer.addressGroup(c)));
    assertEquals("2001:db8:1:2::/64", IntakeHttpServer.addressGroup(a));
  }
}
