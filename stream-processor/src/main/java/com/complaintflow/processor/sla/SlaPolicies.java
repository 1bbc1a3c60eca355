package com.complaintflow.processor.sla;

import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Priority;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigException;

/**
 * SLA policies, warnings, escalation levels and the regulatory clock, from configuration:
 *
 * <pre>
 * sla.policy.default.first-response=4h          (a policy named default must exist: it matches all)
 * sla.policy.default.next-response=8h
 * sla.policy.default.resolution=40h
 * sla.policy.key-clients.tier=A                 (tier, priority, category: each optional)
 * sla.policy.key-clients.first-response=1h      (missing targets are taken from default)
 * sla.policy.key-clients.calendar=24x7          (optional: else the team's calendar)
 * sla.policy.key-clients.order=1                (optional tie-break between equally specific policies)
 * sla.warnings=50%,75%,15m                      (shares of the target and/or fixed times before it)
 * sla.warning.recipients=owner
 * sla.escalation.1.recipients=team-supervisors  (level 1 = the breach)
 * sla.escalation.2.after-breach=50%             (level 2 when 50 % of the target more has passed)
 * sla.escalation.2.recipients=head@example.com
 * sla.regulatory.enabled=false
 * sla.regulatory.response-days=15
 * sla.regulatory.final-days=60
 * sla.regulatory.zone=UTC
 * </pre>
 *
 * Durations are business time: ISO-8601 or 90s/15m/4h/2d (a "d" is 24 hours of business time).
 * Every problem is reported at once, each naming its key.
 */
public final class SlaPolicies {
  public static final String DEFAULT_POLICY = "default";
  private static final String POLICY = "sla.policy.";

  private final List<SlaPolicy> policies;
  private final List<WarningPoint> warnings;
  private final List<String> warningRecipients;
  private final List<EscalationLevel> escalations;
  private final RegulatoryClock regulatory;

  public SlaPolicies(List<SlaPolicy> policies, List<WarningPoint> warnings,
      List<String> warningRecipients, List<EscalationLevel> escalations,
      RegulatoryClock regulatory) {
    this.policies = policies.stream()
        .sorted(Comparator.comparingInt(SlaPolicy::specificity).reversed()
            .thenComparingInt(SlaPolicy::order).thenComparing(SlaPolicy::name))
        .toList();
    this.warnings = List.copyOf(warnings);
    this.warningRecipients = List.copyOf(warningRecipients);
    this.escalations = escalations.stream()
        .sorted(Comparator.comparingInt(EscalationLevel::level)).toList();
    this.regulatory = regulatory;
  }

  /** The most specific policy matching the case; {@code default} when nothing else does. */
  public SlaPolicy select(ClientTier tier, Priority priority, Category category) {
    for (SlaPolicy policy : policies) {
      if (policy.matches(tier, priority, category)) {
        return policy;
      }
    }
    throw new IllegalStateException("no SLA policy matches and no default policy exists");
  }

  public List<SlaPolicy> policies() {
    return policies;
  }

  public List<WarningPoint> warnings() {
    return warnings;
  }

  public List<String> warningRecipients() {
    return warningRecipients;
  }

  public List<EscalationLevel> escalations() {
    return escalations;
  }

  public RegulatoryClock regulatory() {
    return regulatory;
  }

  public static SlaPolicies fromConfig(Map<String, ?> config) {
    List<String> problems = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>();
    for (String key : config.keySet()) {
      if (key.startsWith(POLICY)) {
        int dot = key.indexOf('.', POLICY.length());
        if (dot > 0) {
          names.add(key.substring(POLICY.length(), dot));
        }
      }
    }
    if (!names.contains(DEFAULT_POLICY)) {
      problems.add(POLICY + DEFAULT_POLICY + ".*: a default policy is required (e.g. "
          + POLICY + DEFAULT_POLICY + ".first-response=4h)");
    }
    List<SlaPolicy> raw = new ArrayList<>();
    for (String name : names) {
      String p = POLICY + name + ".";
      SlaTargets targets = new SlaTargets(
          duration(config, p + "first-response", problems),
          duration(config, p + "next-response", problems),
          duration(config, p + "resolution", problems));
      raw.add(new SlaPolicy(name,
          enumValue(config, p + "tier", ClientTier.class, problems),
          enumValue(config, p + "priority", Priority.class, problems),
          enumValue(config, p + "category", Category.class, problems),
          targets,
          text(config, p + "calendar"),
          integer(config, p + "order", 100, problems)));
    }
    SlaTargets defaults = raw.stream().filter(x -> x.name().equals(DEFAULT_POLICY))
        .map(SlaPolicy::targets).findFirst().orElse(new SlaTargets(null, null, null));
    List<SlaPolicy> policies = new ArrayList<>();
    for (SlaPolicy policy : raw) {
      if (policy.name().equals(DEFAULT_POLICY) && policy.specificity() > 0) {
        problems.add(POLICY + DEFAULT_POLICY + " must not set tier, priority or category");
      }
      policies.add(new SlaPolicy(policy.name(), policy.tier(), policy.priority(),
          policy.category(), policy.targets().orElse(defaults), policy.calendar(),
          policy.name().equals(DEFAULT_POLICY) ? Integer.MAX_VALUE : policy.order()));
    }

    List<WarningPoint> warnings = new ArrayList<>();
    String warningText = text(config, "sla.warnings");
    if (warningText == null) {
      warningText = "75%";
    }
    for (String part : warningText.split(",")) {
      String w = part.trim();
      if (w.isEmpty() || w.equalsIgnoreCase("none")) {
        continue;
      }
      try {
        if (w.endsWith("%")) {
          int percent = Integer.parseInt(w.substring(0, w.length() - 1).trim());
          if (percent <= 0 || percent >= 100) {
            throw new IllegalArgumentException("a share must be between 1% and 99%");
          }
          warnings.add(new WarningPoint(percent, null));
        } else {
          warnings.add(new WarningPoint(null, Durations.parse(w)));
        }
      } catch (IllegalArgumentException e) {
        problems.add("sla.warnings: '" + w + "': " + e.getMessage());
      }
    }

    List<EscalationLevel> escalations = new ArrayList<>();
    TreeSet<Integer> levels = new TreeSet<>();
    levels.add(1);
    for (String key : config.keySet()) {
      if (key.startsWith("sla.escalation.")) {
        String rest = key.substring("sla.escalation.".length());
        int dot = rest.indexOf('.');
        try {
          levels.add(Integer.parseInt(dot < 0 ? rest : rest.substring(0, dot)));
        } catch (NumberFormatException e) {
          problems.add(key + ": escalation levels are numbered (sla.escalation.2.after-breach)");
        }
      }
    }
    for (int level : levels) {
      String p = "sla.escalation." + level + ".";
      int after = 0;
      if (level > 1) {
        String share = text(config, p + "after-breach");
        if (share == null) {
          problems.add(p + "after-breach is missing (e.g. 50%)");
        } else {
          try {
            after = Integer.parseInt(share.replace("%", "").trim());
            if (after <= 0) {
              throw new NumberFormatException();
            }
          } catch (NumberFormatException e) {
            problems.add(p + "after-breach: '" + share + "' is not a positive share like 50%");
          }
        }
      }
      List<String> recipients = list(config, p + "recipients");
      if (recipients.isEmpty()) {
        recipients = level == 1 ? List.of("team-supervisors") : List.of();
        if (level > 1) {
          problems.add(p + "recipients is missing");
        }
      }
      escalations.add(new EscalationLevel(level, after, recipients));
    }

    RegulatoryClock regulatory = RegulatoryClock.OFF;
    if (Boolean.parseBoolean(String.valueOf(config.get("sla.regulatory.enabled")))) {
      ZoneId zone = ZoneId.of("UTC");
      String zoneText = text(config, "sla.regulatory.zone");
      if (zoneText != null) {
        try {
          zone = ZoneId.of(zoneText);
        } catch (DateTimeException e) {
          problems.add("sla.regulatory.zone: unknown time zone '" + zoneText + "'");
        }
      }
      regulatory = new RegulatoryClock(true,
          integer(config, "sla.regulatory.response-days", 15, problems),
          integer(config, "sla.regulatory.final-days", 60, problems), zone);
    }

    if (!problems.isEmpty()) {
      throw new ConfigException("SLA configuration has " + problems.size() + " problem(s): "
          + String.join("; ", problems));
    }
    List<String> warningRecipients = list(config, "sla.warning.recipients");
    return new SlaPolicies(policies, warnings,
        warningRecipients.isEmpty() ? List.of("owner") : warningRecipients, escalations, regulatory);
  }

  private static String text(Map<String, ?> config, String key) {
    Object value = config.get(key);
    return value == null || value.toString().isBlank() ? null : value.toString().trim();
  }

  private static List<String> list(Map<String, ?> config, String key) {
    String value = text(config, key);
    if (value == null) {
      return List.of();
    }
    return java.util.Arrays.stream(value.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
  }

  private static Duration duration(Map<String, ?> config, String key, List<String> problems) {
    String value = text(config, key);
    if (value == null) {
      return null;
    }
    try {
      Duration d = Durations.parse(value);
      if (d.isZero()) {
        throw new IllegalArgumentException("must be longer than zero");
      }
      return d;
    } catch (IllegalArgumentException e) {
      problems.add(key + ": " + e.getMessage());
      return null;
    }
  }

  private static int integer(Map<String, ?> config, String key, int fallback, List<String> problems) {
    String value = text(config, key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      problems.add(key + ": '" + value + "' is not a whole number");
      return fallback;
    }
  }

  private static <E extends Enum<E>> E enumValue(
      Map<String, ?> config, String key, Class<E> type, List<String> problems) {
    String value = text(config, key);
    if (value == null || value.equals("*")) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(key + ": '" + value + "' is not one of "
          + java.util.Arrays.toString(type.getEnumConstants()));
      return null;
    }
  }
}
