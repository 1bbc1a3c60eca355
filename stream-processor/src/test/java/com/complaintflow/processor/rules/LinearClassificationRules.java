package com.complaintflow.processor.rules;

import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.Priority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reference for {@link ClassificationRules}: classification as it was before the keyword
 * index, every keyword tried against every token. Self-contained on purpose (its own parsing,
 * tokenizing and matching, copied from that release), so that a change to the production classes
 * cannot change the reference along with them.
 */
final class LinearClassificationRules {
  private record Word(String text, boolean exact) {}

  private final Map<Category, List<List<Word>>> categories = new LinkedHashMap<>();
  private final Map<Priority, List<List<Word>>> priorities = new LinkedHashMap<>();
  private final List<List<Word>> legal = new ArrayList<>();

  static LinearClassificationRules parse(List<String> lines) {
    LinearClassificationRules rules = new LinearClassificationRules();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(line);
      }
      String target = line.substring(0, colon).strip();
      List<List<Word>> keywords = new ArrayList<>();
      for (String word : line.substring(colon + 1).split(",")) {
        if (!word.isBlank()) {
          keywords.add(keyword(word));
        }
      }
      if (target.equals("legal")) {
        rules.legal.addAll(keywords);
      } else if (target.startsWith("category.")) {
        Category category = Category.valueOf(target.substring("category.".length()));
        rules.categories.computeIfAbsent(category, c -> new ArrayList<>()).addAll(keywords);
      } else if (target.startsWith("priority.")) {
        Priority priority = Priority.valueOf(target.substring("priority.".length()));
        rules.priorities.computeIfAbsent(priority, p -> new ArrayList<>()).addAll(keywords);
      } else {
        throw new IllegalArgumentException(target);
      }
    }
    return rules;
  }

  private static List<Word> keyword(String text) {
    List<Word> words = new ArrayList<>();
    for (String part : text.strip().toLowerCase(Locale.ROOT).split("\\s+")) {
      boolean whole = part.startsWith("=");
      String word = whole ? part.substring(1) : part;
      if (!word.isEmpty()) {
        words.add(new Word(word.replace('ё', 'е'), whole));
      }
    }
    if (words.isEmpty()) {
      throw new IllegalArgumentException(text);
    }
    return words;
  }

  Classification classify(String subject, String body) {
    List<String> tokens = tokens(subject, body);
    Category best = Category.OTHER;
    int bestCount = 0;
    for (Map.Entry<Category, List<List<Word>>> e : categories.entrySet()) {
      int count = count(e.getValue(), tokens);
      if (count > bestCount) {
        best = e.getKey();
        bestCount = count;
      }
    }
    boolean isLegal = count(legal, tokens) > 0;
    Priority priority = Priority.NORMAL;
    for (Map.Entry<Priority, List<List<Word>>> e : priorities.entrySet()) {
      if (count(e.getValue(), tokens) > 0 && (priority == Priority.NORMAL
          || e.getKey().ordinal() > priority.ordinal())) {
        priority = e.getKey();
      }
    }
    if (isLegal) {
      priority = Priority.URGENT;
    }
    return new Classification(best, priority, isLegal);
  }

  boolean isLegalThreat(String subject, String body) {
    return count(legal, tokens(subject, body)) > 0;
  }

  private static int count(List<List<Word>> keywords, List<String> tokens) {
    int n = 0;
    for (List<Word> k : keywords) {
      if (matches(k, tokens)) {
        n++;
      }
    }
    return n;
  }

  private static boolean matches(List<Word> words, List<String> tokens) {
    for (int start = 0; start + words.size() <= tokens.size(); start++) {
      boolean all = true;
      for (int i = 0; i < words.size() && all; i++) {
        String token = tokens.get(start + i);
        Word w = words.get(i);
        all = w.exact() ? token.equals(w.text()) : token.startsWith(w.text());
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  static List<String> tokens(String... texts) {
    List<String> out = new ArrayList<>();
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      StringBuilder word = new StringBuilder();
      String lower = text.toLowerCase(Locale.ROOT).replace('ё', 'е');
      for (int i = 0; i < lower.length(); i++) {
        char c = lower.charAt(i);
        if (Character.isLetterOrDigit(c)) {
          word.append(c);
        } else if (word.length() > 0) {
          out.add(word.toString());
          word.setLength(0);
        }
      }
      if (word.length() > 0) {
        out.add(word.toString());
      }
    }
    return out;
  }
}
