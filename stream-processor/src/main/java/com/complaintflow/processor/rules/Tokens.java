package com.complaintflow.processor.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits text into lower-case word tokens (letters and digits of any script). */
public final class Tokens {
  private Tokens() {}

  public static List<String> of(String... texts) {
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
