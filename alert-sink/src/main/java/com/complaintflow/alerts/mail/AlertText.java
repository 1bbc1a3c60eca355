package com.complaintflow.alerts.mail;

import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.SlaTarget;
import java.time.Duration;
import java.util.Locale;

/** The human wording of an alert: its headline (the subject without the case tag), labels, durations. */
public final class AlertText {
  private static final int SUMMARY_IN_SUBJECT = 90;

  private AlertText() {}

  /** E.g. {@code SLA breach: first response 12 min late (A-client, HIGH)}. */
  public static String headline(Alert alert) {
    String detail = detail(alert);
    return kindLabel(alert) + (detail.isEmpty() ? "" : ": " + detail)
        + " (" + tierLabel(alert.getClientTier()) + ", " + alert.getSeverity().name() + ")";
  }

  public static String kindLabel(Alert alert) {
    AlertKind kind = alert.getKind();
    return switch (kind) {
      case SLA_WARNING -> "SLA warning";
      case SLA_BREACH -> "SLA breach";
      case SLA_ESCALATION -> "SLA escalation level " + alert.getLevel();
      case REPEAT_COMPLAINT -> "Repeat complaint";
      case REOPENED_REPEAT -> "Reopened repeatedly";
      case LEGAL_THREAT -> "Legal threat";
      case UNASSIGNED -> "Unassigned case";
      default -> "Alert";
    };
  }

  private static String detail(Alert alert) {
    SlaTarget target = alert.getTarget();
    boolean sla = target != null && target != SlaTarget.NONE;
    Long late = alert.getLateByMillis();
    if (sla && late != null && late > 0) {
      return targetLabel(target) + " " + duration(Duration.ofMillis(late)) + " late";
    }
    if (sla && alert.getDueAt() != null && alert.getKind() == AlertKind.SLA_WARNING) {
      Duration left = Duration.between(alert.getCreatedAt(), alert.getDueAt());
      return targetLabel(target) + " due in " + duration(left.isNegative() ? Duration.ZERO : left);
    }
    if (sla) {
      return targetLabel(target);
    }
    return HeaderText.clean(alert.getSummary(), SUMMARY_IN_SUBJECT);
  }

  public static String targetLabel(SlaTarget target) {
    return switch (target) {
      case FIRST_RESPONSE -> "first response";
      case NEXT_RESPONSE -> "next response";
      case RESOLUTION -> "resolution";
      case REGULATORY_RESPONSE -> "regulatory response";
      case REGULATORY_FINAL -> "regulatory final answer";
      default -> "";
    };
  }

  public static String tierLabel(ClientTier tier) {
    return tier == null || tier == ClientTier.UNKNOWN ? "new client" : tier.name() + "-client";
  }

  /** 12 min, 3 h 5 min, 4 days 2 h. Minutes are rounded down; under a minute is "<1 min". */
  public static String duration(Duration d) {
    long minutes = d.toMinutes();
    if (minutes < 1) {
      return "<1 min";
    }
    if (minutes < 60) {
      return minutes + " min";
    }
    long hours = d.toHours();
    if (hours < 48) {
      long rest = minutes - hours * 60;
      return hours + " h" + (rest == 0 ? "" : " " + rest + " min");
    }
    long days = d.toDays();
    long restHours = hours - days * 24;
    return days + " days" + (restHours == 0 ? "" : " " + restHours + " h");
  }

  static String lower(Enum<?> e) {
    return e == null ? "" : e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
