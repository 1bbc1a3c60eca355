package com.complaintflow.processor.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.Priority;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The indexed {@link ClassificationRules} gives exactly what the former algorithm (every keyword
 * against every token, kept as {@link LinearClassificationRules}) gives: same category, priority
 * and legal flag, same {@code isLegalThreat}, over the built-in rules with every keyword, its
 * inflections, near misses and random mixes in Cyrillic and Latin, the texts of this module's
 * tests, and over random rule files whose stems overlap (stem and whole word alike, multi-word
 * keywords sharing a first word, keywords listed twice, priorities in any order).
 */
class ClassificationIndexEquivalenceTest {
  private static final List<String> SUFFIXES = List.of("", "а", "ом", "ами", "ой", "ых", "ует", "ът", "ата",
      "ите", "ия", "s", "ed", "ing", "ly", "er", "ness", "1", "2026", "ё");
  private static final List<String> PREFIXES = List.of("не", "пере", "un", "re", "x", "1");
  private static final List<String> SEPARATORS = List.of(" ", " ", " ", ", ", ". ", "!\n", " - ", "—", "«", "» ",
      "(", ") ", "/", "\t", "\u00a0", "", "_", "'", "№");
  private static final List<String> FILLER = List.of("здравствуйте", "заказ", "товар", "неделю", "и", "не", "в",
      "hello", "order", "the", "a", "not", "my", "поръчка", "моля", "е", "не", "Ё", "ЖАЛОБА", "Über", "straße",
      "İstanbul", "ǅ", "12345", "x2", "брakом", "cуд", "суд123", "e-mail", "née");

  @Test
  void builtInRulesGiveTheSameResultsOnKeywordsInflectionsMixesAndTheModulesTexts() throws IOException {
    List<String> lines = RuleFiles.lines("", ClassificationRules.BUILT_IN);
    ClassificationRules indexed = ClassificationRules.parse(lines);
    LinearClassificationRules reference = LinearClassificationRules.parse(lines);
    List<String> words = keywordTexts(lines);
    Random random = new Random(13);

    List<String[]> inputs = new ArrayList<>();
    for (String keyword : words) {
      inputs.add(new String[] {null, keyword});
      inputs.add(new String[] {keyword, null});
      inputs.add(new String[] {keyword.toUpperCase(Locale.ROOT), "и " + keyword + "."});
      inputs.add(new String[] {null, keyword.replace('е', 'ё')});
      inputs.add(new String[] {null, keyword.substring(0, keyword.length() - 1)});
      for (String suffix : SUFFIXES) {
        inputs.add(new String[] {null, "Текст: " + keyword + suffix + "!"});
      }
      for (String prefix : PREFIXES) {
        inputs.add(new String[] {null, prefix + keyword});
      }
      String[] parts = keyword.split(" ");
      if (parts.length > 1) {
        // the subject's last token and the body's first follow each other
        inputs.add(new String[] {"тема " + parts[0], String.join(" ", List.of(parts).subList(1, parts.length))});
        inputs.add(new String[] {null, parts[0] + " и " + String.join(" ", List.of(parts).subList(1, parts.length))});
        inputs.add(new String[] {null, String.join(" ", reversed(parts))});
        inputs.add(new String[] {null, String.join("ing ", parts) + "ed"});
        inputs.add(new String[] {null, parts[parts.length - 1]});
      }
    }
    for (int i = 0; i < 20_000; i++) {
      inputs.add(new String[] {random.nextInt(3) == 0 ? null : mix(words, random, 6), mix(words, random, 80)});
    }
    List<String> moduleTexts = moduleTexts();
    assertTrue(moduleTexts.size() > 200, "texts of the module's tests found: " + moduleTexts.size());
    for (String text : moduleTexts) {
      inputs.add(new String[] {null, text});
      inputs.add(new String[] {text, mix(words, random, 20)});
    }
    lines.forEach(line -> inputs.add(new String[] {null, line}));
    inputs.add(new String[] {null, null});
    inputs.add(new String[] {"", ""});
    inputs.add(new String[] {"!!!", " ,,, "});

    Set<Classification> seen = new HashSet<>();
    for (String[] in : inputs) {
      seen.add(assertSame(indexed, reference, in[0], in[1]));
    }
    // not vacuous: every target of the file was hit, and the results vary
    Set<Category> categories = EnumSet.noneOf(Category.class);
    Set<Priority> priorities = EnumSet.noneOf(Priority.class);
    seen.forEach(c -> {
      categories.add(c.category());
      priorities.add(c.priority());
    });
    assertEquals(EnumSet.allOf(Category.class), categories);
    assertEquals(EnumSet.of(Priority.NORMAL, Priority.HIGH, Priority.URGENT), priorities);
    assertTrue(seen.stream().anyMatch(Classification::legal) && seen.stream().anyMatch(c -> !c.legal()));
    assertTrue(seen.size() > 15, "distinct results: " + seen);
  }

  @Test
  void randomRuleFilesWithOverlappingStemsGiveTheSameResults() {
    Random random = new Random(7);
    List<String> stems = List.of("a", "ab", "abc", "abd", "b", "ba", "б", "бр", "брак", "бра", "к", "ка", "кат",
        "суд", "су", "sue", "su", "1", "12", "ё", "е");
    List<String> targets = List.of("category.PRODUCT_QUALITY", "category.DELIVERY", "category.BILLING",
        "category.SERVICE", "category.RETURNS", "category.OTHER", "priority.LOW", "priority.NORMAL",
        "priority.HIGH", "priority.URGENT", "legal");
    int matchedSomething = 0;
    int inputs = 0;
    for (int file = 0; file < 200; file++) {
      List<String> lines = new ArrayList<>();
      int lineCount = 1 + random.nextInt(8);
      for (int l = 0; l < lineCount; l++) {
        List<String> keywords = new ArrayList<>();
        int keywordCount = 1 + random.nextInt(5);
        for (int k = 0; k < keywordCount; k++) {
          int wordCount = 1 + (random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0);
          List<String> keywordWords = new ArrayList<>();
          for (int w = 0; w < wordCount; w++) {
            String stem = stems.get(random.nextInt(stems.size()));
            keywordWords.add((random.nextInt(4) == 0 ? "=" : "") + (random.nextBoolean() ? stem : stem.toUpperCase(Locale.ROOT)));
          }
          keywords.add(String.join(" ", keywordWords));
        }
        if (random.nextInt(5) == 0) {
          keywords.add(keywords.get(0)); // listed twice
        }
        lines.add(targets.get(random.nextInt(targets.size())) + ": " + String.join(", ", keywords));
      }
      ClassificationRules indexed = ClassificationRules.parse(lines);
      LinearClassificationRules reference = LinearClassificationRules.parse(lines);
      for (int t = 0; t < 200; t++) {
        StringBuilder text = new StringBuilder();
        int tokens = random.nextInt(12);
        for (int i = 0; i < tokens; i++) {
          text.append(stems.get(random.nextInt(stems.size())))
              .append(random.nextInt(3) == 0 ? SUFFIXES.get(random.nextInt(SUFFIXES.size())) : "")
              .append(SEPARATORS.get(random.nextInt(SEPARATORS.size())));
        }
        String subject = random.nextInt(4) == 0 ? stems.get(random.nextInt(stems.size())) : null;
        Classification c = assertSame(indexed, reference, subject, text.toString());
        inputs++;
        if (c.category() != Category.OTHER || c.priority() != Priority.NORMAL || c.legal()) {
          matchedSomething++;
        }
      }
    }
    assertTrue(matchedSomething > inputs / 3, matchedSomething + " of " + inputs + " inputs matched a rule");
  }

  private static Classification assertSame(ClassificationRules indexed, LinearClassificationRules reference,
      String subject, String body) {
    Classification expected = reference.classify(subject, body);
    assertEquals(expected, indexed.classify(subject, body), () -> "subject=" + subject + " body=" + body);
    assertEquals(reference.isLegalThreat(subject, body), indexed.isLegalThreat(subject, body),
        () -> "legal threat: subject=" + subject + " body=" + body);
    return expected;
  }

  /** The keywords of the rule lines as they are written (without the '=' of whole words). */
  private static List<String> keywordTexts(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      for (String k : line.substring(line.indexOf(':') + 1).split(",")) {
        if (!k.isBlank()) {
          out.add(k.strip().replace("=", ""));
        }
      }
    }
    return out;
  }

  /** A text of up to {@code maxTokens} tokens: keyword words (often inflected), filler, odd separators. */
  private static String mix(List<String> keywords, Random random, int maxTokens) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(maxTokens + 1);
    for (int i = 0; i < n; i++) {
      String token = random.nextInt(3) == 0 ? FILLER.get(random.nextInt(FILLER.size()))
          : keywords.get(random.nextInt(keywords.size()));
      if (random.nextBoolean()) {
        token += SUFFIXES.get(random.nextInt(SUFFIXES.size()));
      }
      if (random.nextInt(10) == 0) {
        token = token.toUpperCase(Locale.ROOT);
      }
      b.append(token).append(SEPARATORS.get(random.nextInt(SEPARATORS.size())));
    }
    return b.toString();
  }

  /** Every string literal of this module's test sources, and the lines of its test resources. */
  private static List<String> moduleTexts() throws IOException {
    Pattern literal = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src", "test"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (file.toString().endsWith(".java")) {
          Matcher m = literal.matcher(text);
          while (m.find()) {
            out.add(m.group(1).replace("\\n", "\n").replace("\\\"", "\""));
          }
        } else {
          out.addAll(text.lines().toList());
        }
      }
    }
    return out;
  }

  private static List<String> reversed(String[] parts) {
    List<String> list = new ArrayList<>(List.of(parts));
    java.util.Collections.reverse(list);
    return list;
  }
}
