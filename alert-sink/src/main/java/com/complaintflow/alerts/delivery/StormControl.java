package com.complaintflow.alerts.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts each recipient's alerts in a sliding window. Up to N alerts within M minutes go out one
 * email each; every alert beyond that joins a digest. Digested alerts count too, so a storm that
 * goes on keeps being digested until the rate drops below N per window.
 */
public final class StormControl {
  private final int threshold;
  private final Duration window;
  private final Map<String, Deque<Instant>> recent = new HashMap<>();

  public StormControl(int threshold, Duration window) {
    this.threshold = threshold;
    this.window = window;
  }

  /** Counts one alert for the recipient; true if it may go as an email of its own. */
  public boolean admitIndividually(String recipient, Instant now) {
    Deque<Instant> times = recent.computeIfAbsent(recipient.toLowerCase(Locale.ROOT), r -> new ArrayDeque<>());
    expire(times, now);
    times.addLast(now);
    return times.size() <= threshold;
  }

  /** Forgets recipients without recent alerts, so memory follows the active recipients only. */
  public void prune(Instant now) {
    recent.values().removeIf(times -> {
      expire(times, now);
      return times.isEmpty();
    });
  }

  int tracked() {
    return recent.size();
  }

  private void expire(Deque<Instant> times, Instant now) {
    Instant horizon = now.minus(window);
    while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
      times.pollFirst();
    }
  }
}
