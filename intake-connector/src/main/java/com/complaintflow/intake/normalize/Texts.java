package com.complaintflow.intake.normalize;

import com.complaintflow.common.logging.Pii;

/** Small text helpers used by every channel. */
public final class Texts {
  public static final int EXCERPT_CHARS = 300;

  private Texts() {}

  public static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  public static String trimToNull(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }

  /** Cuts at {@code max} chars without splitting a surrogate pair. */
  public static String truncate(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = max;
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** The start of an input for a reject record: contact details masked, control characters dropped, cut short. */
  public static String excerpt(String input) {
    if (input == null) {
      return null;
    }
    String head = truncate(input, EXCERPT_CHARS * 2).replaceAll("[\\p{Cntrl}&&[^\n\t]]", " ");
    String scrubbed = Pii.scrub(head);
    return scrubbed.length() > EXCERPT_CHARS ? truncate(scrubbed, EXCERPT_CHARS) + "..." : scrubbed;
  }

  /** Lower-cased, syntactically plausible address, or null when it is not one. */
  public static String normalizeEmail(String raw) {
    String t = trimToNull(raw);
    if (t == null) {
      return null;
    }
    String lower = t.toLowerCase(java.util.Locale.ROOT);
    return lower.matches("[^@\\s<>()\",;]+@[^@\\s<>()\",;]+\\.[^@\\s<>()\",;.]+") ? lower : null;
  }
}
