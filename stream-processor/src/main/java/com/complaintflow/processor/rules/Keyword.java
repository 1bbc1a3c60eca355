package com.complaintflow.processor.rules;

import java.util.List;
import java.util.Locale;

/**
 * One keyword of a rule: one or more words, each matched as a word prefix (a stem), so that
 * {@code брак} matches {@code браком} and {@code delivery late} matches {@code delivered lately}.
 * A word written {@code =word} must match the whole token: short words like {@code sue} would
 * otherwise match {@code suede}.
 */
public record Keyword(String text, List<String> words, List<Boolean> exact) {

  public static Keyword parse(String text) {
    String[] parts = text.strip().toLowerCase(Locale.ROOT).split("\\s+");
    List<String> words = new java.util.ArrayList<>();
    List<Boolean> exact = new java.util.ArrayList<>();
    for (String part : parts) {
      boolean whole = part.startsWith("=");
      String word = whole ? part.substring(1) : part;
      if (!word.isEmpty()) {
        words.add(word.replace('ё', 'е'));
        exact.add(whole);
      }
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException("empty keyword in rule: '" + text + "'");
    }
    return new Keyword(text.strip(), List.copyOf(words), List.copyOf(exact));
  }

  /** True when the words occur as consecutive tokens of the text. */
  public boolean matches(List<String> tokens) {
    for (int start = 0; start + words.size() <= tokens.size(); start++) {
      if (matchesAt(tokens, start)) {
        return true;
      }
    }
    return false;
  }

  /** True when the words occur as the tokens from {@code start} on (the caller checks the bounds). */
  boolean matchesAt(List<String> tokens, int start) {
    for (int i = 0; i < words.size(); i++) {
      String token = tokens.get(start + i);
      boolean ok = exact.get(i) ? token.equals(words.get(i)) : token.startsWith(words.get(i));
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
