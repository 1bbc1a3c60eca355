package com.complaintflow.intake.phone;

import java.util.Locale;

/** Maps the call systems' words for how a call ended onto ANSWERED, NO_ANSWER, BUSY, FAILED, ABANDONED, OTHER. */
public final class CallDispositions {
  private CallDispositions() {}

  public static String normalize(String raw) {
    if (raw == null) {
      return "OTHER";
    }
    String k = raw.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "");
    switch (k) {
      case "answered": case "completed": case "answer":
        return "ANSWERED";
      case "noanswer": case "unanswered": case "notanswered":
        return "NO_ANSWER";
      case "busy":
        return "BUSY";
      case "failed": case "congestion": case "chanunavail":
        return "FAILED";
      case "abandoned": case "canceled": case "cancelled": case "hangup":
        return "ABANDONED";
      default:
        return "OTHER";
    }
  }
}
