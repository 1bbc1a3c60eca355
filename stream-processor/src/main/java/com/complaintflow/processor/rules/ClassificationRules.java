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
 * URGENT and legal. A keyword listed twice for a target counts twice.
 *
 * <p>Matching goes through a {@link KeywordIndex} built once when the rules load: each token of
 * the text looks up only the keywords whose first word can match it (its prefixes among the stems,
 * itself among the whole words), instead of every keyword being tried against every token.
 */
public final class ClassificationRules {
  public static final String BUILT_IN = "classification-rules.txt";

  private final Map<Category, List<Keyword>> categories = new LinkedHashMap<>();
  private final Map<Priority, List<Keyword>> priorities = new LinkedHashMap<>();
  private final List<Keyword> legal = new ArrayList<>();

  // Targets numbered for the index: the categories in file order, then the priorities, then legal.
  private Category[] categoryOf;
  private Priority[] priorityOf;
  private int legalTarget;
  private KeywordIndex index;

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
    rules.buildIndex();
    return rules;
  }

  private void buildIndex() {
    List<List<Keyword>> targets = new ArrayList<>();
    categoryOf = categories.keySet().toArray(new Category[0]);
    priorityOf = priorities.keySet().toArray(new Priority[0]);
    targets.addAll(categories.values());
    targets.addAll(priorities.values());
    legalTarget = targets.size();
    targets.add(legal);
    index = new KeywordIndex(targets);
  }

  public Classification classify(String subject, String body) {
    int[] counts = index.countMatches(Tokens.of(subject, body));
    Category best = Category.OTHER;
    int bestCount = 0;
    for (int t = 0; t < categoryOf.length; t++) {
      if (counts[t] > bestCount) {
        best = categoryOf[t];
        bestCount = counts[t];
      }
    }
    boolean isLegal = counts[legalTarget] > 0;
    Priority priority = Priority.NORMAL;
    for (int p = 0; p < priorityOf.length; p++) {
      if (counts[categoryOf.length + p] > 0 && (priority == Priority.NORMAL
          || priorityOf[p].ordinal() > priority.ordinal())) {
        priority = priorityOf[p];
      }
    }
    if (isLegal) {
      priority = Priority.URGENT;
    }
    return new Classification(best, priority, isLegal);
  }

  /** True when the text carries a legal or regulator threat. */
  public boolean isLegalThreat(String subject, String body) {
    return index.countMatches(Tokens.of(subject, body))[legalTarget] > 0;
  }
}
