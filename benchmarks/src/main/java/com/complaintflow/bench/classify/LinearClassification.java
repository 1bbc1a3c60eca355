package com.complaintflow.bench.classify;

import com.complaintflow.processor.rules.Classification;
import com.complaintflow.processor.rules.Keyword;
import com.complaintflow.processor.rules.Tokens;
import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.Priority;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline of the classification benchmark: classification as the processor did it before its
 * keyword index, every keyword of every target tried against every token ({@link Keyword#matches}),
 * over the same rule lines. The stream-processor's tests prove the index gives the same results.
 */
final class LinearClassification {
  private final Map<Category, List<Keyword>> categories = new LinkedHashMap<>();
  private final Map<Priority, List<Keyword>> priorities = new LinkedHashMap<>();
  private final List<Keyword> legal = new ArrayList<>();

  LinearClassification(List<String> lines) {
    for (String line : lines) {
      int colon = line.indexOf(':');
      String target = line.substring(0, colon).strip();
      List<Keyword> keywords = new ArrayList<>();
      for (String word : line.substring(colon + 1).split(",")) {
        if (!word.isBlank()) {
          keywords.add(Keyword.parse(word));
        }
      }
      if (target.equals("legal")) {
        legal.addAll(keywords);
      } else if (target.startsWith("category.")) {
        categories.computeIfAbsent(Category.valueOf(target.substring("category.".length())),
            c -> new ArrayList<>()).addAll(keywords);
      } else {
        priorities.computeIfAbsent(Priority.valueOf(target.substring("priority.".length())),
            p -> new ArrayList<>()).addAll(keywords);
      }
    }
  }

  Classification classify(String subject, String body) {
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
