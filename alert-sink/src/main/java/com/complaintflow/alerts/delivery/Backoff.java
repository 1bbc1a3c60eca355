package com.complaintflow.alerts.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: initial, 2x, 4x ... up to a cap, each spread by a random
 * fraction so that many deliveries failing together do not retry together.
 */
public final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private final double jitter;
  private final DoubleSupplier random;

  /** @param random values in [0, 1); injectable so tests are deterministic */
  public Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
    this.initialMillis = Math.max(1, initial.toMillis());
    this.maxMillis = Math.max(initialMillis, max.toMillis());
    this.jitter = jitter;
    this.random = random;
  }

  /** Wait before the retry that follows the {@code failures}-th failure (1 = first failure). */
  public Duration delay(int failures) {
    int doublings = Math.max(0, Math.min(failures - 1, 40));
    double base = Math.min((double) maxMillis, initialMillis * Math.pow(2, doublings));
    double spread = base * jitter * (2 * random.getAsDouble() - 1);
    return Duration.ofMillis(Math.max(1, Math.round(base + spread)));
  }
}
