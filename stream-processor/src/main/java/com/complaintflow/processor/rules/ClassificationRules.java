package com.complaintflow.processor.rules;

import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.Priority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keyword rules that classify complaint text (Russian, English, Bulgarian, or any language the
 * file lists). File format, one rule per line, several lines per target allowed:
 *
 * <pre>
 *   category.PRODUCT_QUALITY: брак, дефект, defect, broken
 *   priority.HIGH: срочно, urgent
 *   legal: суд, lawyer, =sue
 * </pre>
 *
 * The category with the most matching keywords wins, ties going to the one listed first; no match
 * is OTHER. The highest matching priority wins over NORMAL. A legal keyword makes the complaint
 * URGENT and legal.
 */
public final class ClassificationRules {
  public static final String BUILT_IN = "classification-rules.txt";

  private final Map<Category, List<Keyword>> categories = new LinkedHashMap<>();
  private final Map<Priority, List<Keyword>> priorities = new LinkedHashMap<>();
  private final List<Keyword> legal = new ArrayList<>();

  public static ClassificationRules load(String path) {
    return parse(RuleFiles.lines(path, BUILT_IN));
  }

  public static ClassificationRules parse(List<String> lines) {
    ClassificationRules rules = new ClassificationRules();
    List<String> problems = new ArrayList<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        problems.add("no 'target:' in line '" + line + "'");
        continue;
      }
      String target = line.substring(0, colon).strip();
      List<Keyword> keywords = new ArrayList<>();
      for (String word : line.substring(colon + 1).split(",")) {
        if (!word.isBlank()) {
          keywords.add(Keyword.parse(word));
        }
      }
      try {
        if (target.equals("legal")) {
          rules.legal.addAll(keywords);
        } else if (target.startsWith("category.")) {
          Category category = Category.valueOf(target.substring("category.".length()));
          rules.categories.computeIfAbsent(category, c -> new ArrayList<>()).addAll(keywords);
        } else if (target.startsWith("priority.")) {
          Priority priority = Priority.valueOf(target.substring("priority.".length()));
          rules.priorities.computeIfAbsent(priority, p -> new ArrayList<>()).addAll(keywords);
        } else {
          problems.add("unknown target '" + target + "'");
        }
      } catch (IllegalArgumentException e) {
        problems.add("unknown symbol in target '" + target + "'");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("classification rules: " + String.join("; ", problems));
    }
    return rules;
  }

  public Classification classify(String subject, String body) {
    List<String> tokens = Tokens.of(subject, body);
    Category best = Category.OTHER;
    int bestCount = 0;
    for (Map.Entry<Category, List<Keyword>> e : categories.entrySet()) {
      int count = count(e.getValue(), tokens);
      if (count > bestCount) {
        best = e.getKey();
        bestCount = count;
      }
    }
    boolean isLegal = count(legal, tokens) > 0;
    Priority priority = Priority.NORMAL;
    for (Map.Entry<Priority, List<Keyword>> e : priorities.entrySet()) {
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

  /** True when the text carries a legal or regulator threat. */
  public boolean isLegalThreat(String subject, String body) {
    return count(legal, Tokens.of(subject, body)) > 0;
  }

  private static int count(List<Keyword> keywords, List<String> tokens) {
    int n = 0;
    for (Keyword k : keywords) {
      if (k.matches(tokens)) {
        n++;
      }
    }
    return n;
  }
}
