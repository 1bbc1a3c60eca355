package com.complaintflow.intake.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** /health needs no API key: a failed probe is described in fixed words, never by an exception's class or message. */
class ProbeFailuresTest {
  private static final Duration TIMEOUT = Duration.ofMillis(2000);

  @Test
  void causesAreDescribedInFixedWords() {
    assertEquals("no answer within 2000 ms", ProbeFailures.describe(new ExecutionException(
        new org.apache.kafka.common.errors.TimeoutException("Timed out waiting for a node assignment. Call: describeCluster")),
        TIMEOUT));
    assertEquals("no answer in time", ProbeFailures.describe(new java.net.http.HttpTimeoutException("request timed out"), null));
    assertEquals("authentication failed", ProbeFailures.describe(new ExecutionException(
        new org.apache.kafka.common.errors.SaslAuthenticationException("Authentication failed for user svc-intake")), TIMEOUT));
    assertEquals("authentication failed", ProbeFailures.describe(
        new jakarta.mail.AuthenticationFailedException("[AUTHENTICATIONFAILED] Invalid credentials for support@corp"), null));
    assertEquals("connection refused", ProbeFailures.describe(
        new ConnectException("Connection refused: registry.internal/10.1.2.3:8081"), TIMEOUT));
    assertEquals("unreachable", ProbeFailures.describe(new IllegalStateException("com.example.Secret at line 7"), TIMEOUT));
  }

  @Test
  void aCauseLoopEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertEquals("unreachable", ProbeFailures.describe(a, TIMEOUT));
  }
}
