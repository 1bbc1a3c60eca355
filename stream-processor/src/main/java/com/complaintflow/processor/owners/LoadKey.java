package com.complaintflow.processor.owners;

/**
 * Key of one counted case in the agent-load store: {@code team|agent|case}, each part escaped
 * ('%' as {@code %25}, '|' as {@code %7C}) so that the separators are unambiguous and a prefix
 * {@code team|agent|} selects exactly one agent's cases in one team.
 */
public record LoadKey(String team, String agentId, String caseId) {
  private static final char SEP = '|';

  public String encode() {
    return prefix(team, agentId) + escape(caseId);
  }

  /** The prefix of every case key of {@code agentId} in {@code team}. */
  public static String prefix(String team, String agentId) {
    return escape(team) + SEP + escape(agentId) + SEP;
  }

  /** The key's parts, or null when the key is not a per-case key (e.g. a previous-release agent id). */
  public static LoadKey parse(String key) {
    int first = key.indexOf(SEP);
    int second = first < 0 ? -1 : key.indexOf(SEP, first + 1);
    if (second < 0 || key.indexOf(SEP, second + 1) >= 0) {
      return null;
    }
    return new LoadKey(unescape(key.substring(0, first)), unescape(key.substring(first + 1, second)),
        unescape(key.substring(second + 1)));
  }

  static String escape(String s) {
    if (s.indexOf('%') < 0 && s.indexOf(SEP) < 0) {
      return s;
    }
    return s.replace("%", "%25").replace("|", "%7C");
  }

  static String unescape(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && s.startsWith("%7C", i)) {
        out.append(SEP);
        i += 2;
      } else if (c == '%' && s.startsWith("%25", i)) {
        out.append('%');
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
