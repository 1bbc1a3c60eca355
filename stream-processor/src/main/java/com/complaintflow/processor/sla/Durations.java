package com.complaintflow.processor.sla;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses durations as configured: ISO-8601 ({@code PT4H}) or short forms {@code 250ms 90s 15m 4h 2d}. */
public final class Durations {
  private Durations() {}

  public static Duration parse(String text) {
    String value = text.trim();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration");
      }
    }
    boolean millis = value.toLowerCase(Locale.ROOT).endsWith("ms");
    char unit = millis ? 'l' : Character.toLowerCase(value.charAt(value.length() - 1));
    long amount;
    try {
      amount = Long.parseLong(value.substring(0, value.length() - (millis ? 2 : 1)).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 250ms, 90s, 15m, 4h, 2d, PT4H)");
    }
    if (amount < 0) {
      throw new IllegalArgumentException("negative duration '" + text + "'");
    }
    return switch (unit) {
      case 'l' -> Duration.ofMillis(amount);
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      case 'd' -> Duration.ofDays(amount);
      default -> throw new IllegalArgumentException(
          "'" + text + "' has no unit: use ms, s, m, h or d (e.g. 4h), or ISO-8601 (PT4H)");
    };
  }

  /** A compact human form for alert texts: 12 min, 3 h 5 min, 2 d 4 h. */
  public static String human(Duration d) {
    long minutes = Math.max(0, d.toMinutes());
    if (minutes < 1) {
      return Math.max(0, d.toSeconds()) + " s";
    }
    long days = minutes / (24 * 60);
    long hours = (minutes / 60) % 24;
    long mins = minutes % 60;
    StringBuilder out = new StringBuilder();
    if (days > 0) {
      out.append(days).append(" d ");
    }
    if (hours > 0) {
      out.append(hours).append(" h ");
    }
    if (mins > 0 && days == 0) {
      out.append(mins).append(" min ");
    }
    return out.toString().trim();
  }
}
