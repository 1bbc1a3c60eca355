package com.complaintflow.processor.rules;

import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.ClientTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Maps a case (category, language, tier, channel) to a team. One rule per line, first match wins:
 *
 * <pre>
 *   category=BILLING => billing
 *   tier=A => key-accounts
 *   category=DELIVERY|RETURNS language=ru|bg => logistics
 *   * => service
 * </pre>
 *
 * A condition not written matches anything. When no rule matches, the default team takes it.
 */
public final class RoutingRules {
  public static final String BUILT_IN = "routing-rules.txt";
  private static final Set<String> KEYS = Set.of("category", "language", "tier", "channel");

  /** One line: the allowed values per key (absent key = any) and the team. */
  public record Rule(Map<String, Set<String>> conditions, String team) {
    boolean matches(Map<String, String> facts) {
      for (Map.Entry<String, Set<String>> c : conditions.entrySet()) {
        String value = facts.get(c.getKey());
        if (value == null || !c.getValue().contains(value)) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Rule> rules;
  private final String defaultTeam;

  private RoutingRules(List<Rule> rules, String defaultTeam) {
    this.rules = List.copyOf(rules);
    this.defaultTeam = defaultTeam;
  }

  public static RoutingRules load(String path, String defaultTeam) {
    return parse(RuleFiles.lines(path, BUILT_IN), defaultTeam);
  }

  public static RoutingRules parse(List<String> lines, String defaultTeam) {
    List<Rule> rules = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String line : lines) {
      int arrow = line.indexOf("=>");
      if (arrow < 0 || line.substring(arrow + 2).isBlank()) {
        problems.add("no '=> team' in line '" + line + "'");
        continue;
      }
      Map<String, Set<String>> conditions = new TreeMap<>();
      for (String part : line.substring(0, arrow).trim().split("\\s+")) {
        if (part.isEmpty() || part.equals("*")) {
          continue;
        }
        int eq = part.indexOf('=');
        String key = eq > 0 ? part.substring(0, eq).toLowerCase(Locale.ROOT) : part;
        if (eq <= 0 || !KEYS.contains(key)) {
          problems.add("bad condition '" + part + "' (keys: " + KEYS + ")");
          continue;
        }
        Set<String> values = new java.util.HashSet<>();
        for (String v : part.substring(eq + 1).split("\\|")) {
          values.add(key.equals("language") ? v.toLowerCase(Locale.ROOT) : v.toUpperCase(Locale.ROOT));
        }
        conditions.put(key, values);
      }
      rules.add(new Rule(conditions, line.substring(arrow + 2).trim()));
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("routing rules: " + String.join("; ", problems));
    }
    return new RoutingRules(rules, defaultTeam);
  }

  public String teamFor(Category category, String language, ClientTier tier, Channel channel) {
    Map<String, String> facts = new java.util.HashMap<>();
    facts.put("category", category.name());
    if (language != null) {
      facts.put("language", primaryLanguage(language));
    }
    facts.put("tier", tier.name());
    facts.put("channel", channel.name());
    for (Rule rule : rules) {
      if (rule.matches(facts)) {
        return rule.team();
      }
    }
    return defaultTeam;
  }

  /** "ru-RU" -> "ru". */
  public static String primaryLanguage(String tag) {
    int dash = tag.indexOf('-');
    return (dash > 0 ? tag.substring(0, dash) : tag).toLowerCase(Locale.ROOT);
  }
}
