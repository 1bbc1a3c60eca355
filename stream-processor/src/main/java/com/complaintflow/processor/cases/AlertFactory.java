package com.complaintflow.processor.cases;

import com.complaintflow.processor.owners.AgentDirectory;
import com.complaintflow.processor.sla.Durations;
import com.complaintflow.processor.sla.SlaSettings;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Priority;
import com.complaintflow.schemas.avro.Severity;
import com.complaintflow.schemas.avro.SlaTarget;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Builds {@link Alert} records from a case: deterministic id, severity, the case's people (owner,
 * covering deputy, team), recipients resolved from their tokens, and a short summary that names
 * case numbers, ids, teams and times but never contact details or complaint text.
 */
final class AlertFactory {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  private final SlaSettings settings;
  private final AgentDirectory agents;

  AlertFactory(SlaSettings settings, AgentDirectory agents) {
    this.settings = settings;
    this.agents = agents;
  }

  /** The alert's identity: a name-based UUID of case, kind, target, level, label and cycle. */
  static String alertId(String caseId, AlertKind kind, SlaTarget target, int level, String label, int cycle) {
    String name = caseId + "|" + kind + "|" + target + "|" + level + "|" + label + "|" + cycle;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** An alert with the case's picture filled in; the caller sets summary and specifics. */
  Alert.Builder base(CaseState c, AlertKind kind, SlaTarget target, int level, String label,
      int cycle, List<String> recipientTokens, long now) {
    return Alert.newBuilder()
        .setAlertId(alertId(c.caseId, kind, target, level, label, cycle))
        .setKind(kind)
        .setSeverity(severity(kind, target, level, c))
        .setCaseId(c.caseId)
        .setCaseNumber(c.caseNumber)
        .setTarget(target)
        .setLevel(level)
        .setClientId(c.clientId)
        .setClientTier(c.tier)
        .setCategory(c.category)
        .setPriority(c.priority)
        .setTeam(c.team)
        .setOwnerId(c.ownerId)
        .setCoveringAgentId(c.coveringAgentId)
        .setRecipients(recipients(recipientTokens, c))
        .setRelatedCaseNumbers(List.of())
        .setSummary("")
        .setCreatedAt(Instant.ofEpochMilli(now));
  }

  static Severity severity(AlertKind kind, SlaTarget target, int level, CaseState c) {
    boolean regulatory = target == SlaTarget.REGULATORY_RESPONSE || target == SlaTarget.REGULATORY_FINAL;
    return switch (kind) {
      case SLA_WARNING -> Severity.WARNING;
      case SLA_BREACH -> regulatory || c.legal ? Severity.CRITICAL : Severity.HIGH;
      case SLA_ESCALATION, LEGAL_THREAT -> Severity.CRITICAL;
      case REPEAT_COMPLAINT -> level >= 2 ? Severity.HIGH : Severity.WARNING;
      case REOPENED_REPEAT, UNASSIGNED -> Severity.HIGH;
      default -> Severity.WARNING;
    };
  }

  /**
   * Tokens to addresses: {@code owner} is the owner's email and, while a deputy covers, the
   * deputy's too; {@code team-supervisors} is {@code team.<team>.supervisors}. When nothing
   * resolves (no owner yet, no email known) the team's supervisors get the alert, so that it
   * never goes to nobody.
   */
  List<String> recipients(List<String> tokens, CaseState c) {
    Set<String> out = new LinkedHashSet<>();
    for (String token : tokens) {
      if (token.equals(SlaSettings.OWNER)) {
        addEmail(out, c.ownerId);
        addEmail(out, c.coveringAgentId);
      } else if (token.equals(SlaSettings.TEAM_SUPERVISORS)) {
        out.addAll(settings.teamSupervisors(c.team));
      } else {
        out.add(token);
      }
    }
    if (out.isEmpty()) {
      out.addAll(settings.teamSupervisors(c.team));
    }
    return new ArrayList<>(out);
  }

  private void addEmail(Set<String> out, String agentId) {
    Agent a = agents.get(agentId);
    if (a != null && a.getEmail() != null && !a.getEmail().isBlank()) {
      out.add(a.getEmail());
    }
  }

  static String targetName(SlaTarget target) {
    return switch (target) {
      case FIRST_RESPONSE -> "first response";
      case NEXT_RESPONSE -> "next response";
      case RESOLUTION -> "resolution";
      case REGULATORY_RESPONSE -> "regulatory response";
      case REGULATORY_FINAL -> "regulatory final answer";
      default -> "SLA";
    };
  }

  static String time(long millis, ZoneId zone) {
    return TIME.format(Instant.ofEpochMilli(millis).atZone(zone)) + " " + zone.getId();
  }

  static String who(CaseState c) {
    StringBuilder s = new StringBuilder("team ").append(c.team == null ? "-" : c.team)
        .append(", owner ").append(c.ownerId == null ? "none" : c.ownerId);
    if (c.coveringAgentId != null) {
      s.append(" (covered by ").append(c.coveringAgentId).append(')');
    }
    return s.toString();
  }

  static String human(long millis) {
    return Durations.human(Duration.ofMillis(Math.max(0, millis)));
  }
}
