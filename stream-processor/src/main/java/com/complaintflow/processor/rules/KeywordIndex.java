package com.complaintflow.processor.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The keywords of a rule set, indexed by their first word for {@link ClassificationRules}: a
 * character trie of the first words, where each node lists the keywords whose first word is the
 * path to it, as a stem ({@code брак}: any token starting with it) or as a whole word ({@code =sue}:
 * only that token). Walking a token down the trie therefore meets exactly the keywords whose first
 * word matches that token, in as many steps as the token has characters; the other words of a
 * multi-word keyword are then checked on the tokens that follow. Built once, read-only afterwards,
 * so one index serves every stream thread.
 *
 * <p>The result is the same as {@link Keyword#matches} of every keyword on the whole token list:
 * a keyword counts once however often it occurs, and a keyword listed twice counts twice.
 */
final class KeywordIndex {
  private final Keyword[] keywords;
  private final int[] targetOf;
  private final int targets;
  private final Node root;

  /** @param targets the keyword lists of each target, in the order the counts are returned */
  KeywordIndex(List<List<Keyword>> targets) {
    List<Keyword> all = new ArrayList<>();
    List<Integer> owner = new ArrayList<>();
    for (int t = 0; t < targets.size(); t++) {
      for (Keyword k : targets.get(t)) {
        all.add(k);
        owner.add(t);
      }
    }
    this.keywords = all.toArray(new Keyword[0]);
    this.targetOf = owner.stream().mapToInt(Integer::intValue).toArray();
    this.targets = targets.size();
    Builder rootBuilder = new Builder();
    for (int i = 0; i < keywords.length; i++) {
      Builder node = rootBuilder;
      String first = keywords[i].words().get(0);
      for (int c = 0; c < first.length(); c++) {
        node = node.children.computeIfAbsent(first.charAt(c), x -> new Builder());
      }
      (keywords[i].exact().get(0) ? node.whole : node.stems).add(i);
    }
    this.root = rootBuilder.build();
  }

  /** Per target, how many of its keywords occur in the tokens. */
  int[] countMatches(List<String> tokens) {
    boolean[] matched = new boolean[keywords.length];
    int[] counts = new int[targets];
    int size = tokens.size();
    for (int start = 0; start < size; start++) {
      String token = tokens.get(start);
      Node node = root;
      int length = token.length();
      for (int c = 0; c < length && node != null; c++) {
        node = node.child(token.charAt(c));
        if (node != null) {
          check(node.stems, tokens, start, matched, counts);
          if (c == length - 1) {
            check(node.whole, tokens, start, matched, counts);
          }
        }
      }
    }
    return counts;
  }

  private void check(int[] candidates, List<String> tokens, int start, boolean[] matched, int[] counts) {
    for (int i : candidates) {
      if (!matched[i]) {
        Keyword k = keywords[i];
        if (k.words().size() == 1 || (start + k.words().size() <= tokens.size() && k.matchesAt(tokens, start))) {
          matched[i] = true;
          counts[targetOf[i]]++;
        }
      }
    }
  }

  private static final int[] NONE = new int[0];

  private static final class Node {
    final char[] keys;
    final Node[] children;
    final int[] stems;
    final int[] whole;

    Node(char[] keys, Node[] children, int[] stems, int[] whole) {
      this.keys = keys;
      this.children = children;
      this.stems = stems;
      this.whole = whole;
    }

    Node child(char c) {
      int i = Arrays.binarySearch(keys, c);
      return i >= 0 ? children[i] : null;
    }
  }

  private static final class Builder {
    final Map<Character, Builder> children = new TreeMap<>();
    final List<Integer> stems = new ArrayList<>();
    final List<Integer> whole = new ArrayList<>();

    Node build() {
      char[] keys = new char[children.size()];
      Node[] nodes = new Node[children.size()];
      int i = 0;
      for (Map.Entry<Character, Builder> e : children.entrySet()) {
        keys[i] = e.getKey();
        nodes[i] = e.getValue().build();
        i++;
      }
      return new Node(keys, nodes, ints(stems), ints(whole));
    }

    private static int[] ints(List<Integer> list) {
      return list.isEmpty() ? NONE : list.stream().mapToInt(Integer::intValue).toArray();
    }
  }
}
