package com.complaintflow.processor.sla;

import com.complaintflow.common.calendar.BusinessCalendar;
import com.complaintflow.common.calendar.BusinessCalendars;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/**
 * Everything the SLA clocks, deadline index and alerts need from configuration, checked at start:
 * the policies ({@link SlaPolicies}), the business calendars, each team's calendar
 * ({@code team.<team>.calendar}) and supervisors ({@code team.<team>.supervisors}), and the
 * recipients of the non-SLA alerts. Every problem is reported at once, each naming its key.
 */
public final class SlaSettings {
  public static final String OWNER = "owner";
  public static final String TEAM_SUPERVISORS = "team-supervisors";

  private final SlaPolicies policies;
  private final Map<String, BusinessCalendar> calendars;
  private final Map<String, ?> raw;
  private final String defaultCalendar;
  private final Duration punctuationInterval;
  private final Duration unassignedAfter;
  private final List<String> unassignedRecipients;
  private final List<String> legalRecipients;
  private final RepeatSettings repeats;

  /** Repeat detection: look-back, escalation count, reopen threshold, abandoned calls. */
  public record RepeatSettings(
      Duration lookBack, int escalateAt, int reopenedAt, int abandonedCalls,
      Duration abandonedWindow, List<String> recipients, List<String> escalatedRecipients) {}

  public SlaSettings(Map<String, ?> raw, String defaultCalendar, Duration punctuationInterval,
      Duration unassignedAfter, List<String> unassignedRecipients, List<String> legalRecipients,
      RepeatSettings repeats) {
    this.raw = Map.copyOf(raw);
    this.policies = SlaPolicies.fromConfig(raw);
    this.calendars = BusinessCalendars.fromConfig(raw);
    this.defaultCalendar = defaultCalendar;
    this.punctuationInterval = punctuationInterval;
    this.unassignedAfter = unassignedAfter;
    this.unassignedRecipients = unassignedRecipients;
    this.legalRecipients = legalRecipients;
    this.repeats = repeats;
    validate();
  }

  private void validate() {
    List<String> problems = new ArrayList<>();
    if (!calendars.containsKey(defaultCalendar)) {
      problems.add("sla.default.calendar: unknown calendar '" + defaultCalendar + "'");
    }
    for (String key : raw.keySet()) {
      if (key.startsWith("team.") && key.endsWith(".calendar")
          && !calendars.containsKey(String.valueOf(raw.get(key)).trim())) {
        problems.add(key + ": unknown calendar '" + raw.get(key) + "' (define calendar."
            + raw.get(key) + ".* or use 24x7)");
      }
    }
    for (SlaPolicy p : policies.policies()) {
      if (p.calendar() != null && !calendars.containsKey(p.calendar())) {
        problems.add("sla.policy." + p.name() + ".calendar: unknown calendar '" + p.calendar() + "'");
      }
    }
    checkTokens("sla.warning.recipients", policies.warningRecipients(), problems);
    for (EscalationLevel level : policies.escalations()) {
      checkTokens("sla.escalation." + level.level() + ".recipients", level.recipients(), problems);
    }
    checkTokens("sla.unassigned.recipients", unassignedRecipients, problems);
    checkTokens("legal.recipients", legalRecipients, problems);
    checkTokens("repeat.recipients", repeats.recipients(), problems);
    checkTokens("repeat.escalated.recipients", repeats.escalatedRecipients(), problems);
    if (!problems.isEmpty()) {
      throw new ConfigException("SLA/alert configuration has " + problems.size() + " problem(s): "
          + String.join("; ", problems));
    }
  }

  private static void checkTokens(String key, List<String> recipients, List<String> problems) {
    for (String r : recipients) {
      if (!r.equals(OWNER) && !r.equals(TEAM_SUPERVISORS) && !r.contains("@")) {
        problems.add(key + ": '" + r + "' is neither an email address nor one of owner, team-supervisors");
      }
    }
  }

  public SlaPolicies policies() {
    return policies;
  }

  /** The named calendar; the default calendar when the name is null or unknown. */
  public BusinessCalendar calendar(String name) {
    BusinessCalendar c = name == null ? null : calendars.get(name);
    return c != null ? c : calendars.get(defaultCalendar);
  }

  /** The calendar the team works on: {@code team.<team>.calendar}, else the default calendar. */
  public String teamCalendar(String team) {
    Object name = team == null ? null : raw.get("team." + team + ".calendar");
    return name == null || name.toString().isBlank() ? defaultCalendar : name.toString().trim();
  }

  public List<String> teamSupervisors(String team) {
    Object value = team == null ? null : raw.get("team." + team + ".supervisors");
    return split(value == null ? null : value.toString());
  }

  public Duration punctuationInterval() {
    return punctuationInterval;
  }

  public Duration unassignedAfter() {
    return unassignedAfter;
  }

  public List<String> unassignedRecipients() {
    return unassignedRecipients;
  }

  public List<String> legalRecipients() {
    return legalRecipients;
  }

  public RepeatSettings repeats() {
    return repeats;
  }

  /** Comma-separated list, blanks dropped, order kept, duplicates removed. */
  public static List<String> split(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
    return List.copyOf(out);
  }
}
