package com.complaintflow.launcher.load;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One input row (a CSV line or a JSON line) with the line number it started on. Field names are
 * matched loosely: case, '_', '-' and spaces are ignored, so {@code client_id}, {@code clientId}
 * and {@code Client ID} are one field. A value is a string or, from JSON, a list of strings.
 */
public record Row(int line, Map<String, Object> fields, Pattern listSeparator) {

  public static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]", "");
  }

  /** The first present, non-blank value among the given names (aliases), trimmed; or null. */
  public String text(String... names) {
    for (String name : names) {
      Object value = fields.get(normalize(name));
      if (value instanceof List<?> list) {
        value = list.isEmpty() ? null : String.join(",", list.stream().map(Object::toString).toList());
      }
      if (value != null && !value.toString().isBlank()) {
        return value.toString().trim();
      }
    }
    return null;
  }

  /**
   * Every value under any of the names: a JSON array's items, or a CSV cell split on the list
   * separator; blanks dropped, order kept, duplicates removed.
   */
  public List<String> list(String... names) {
    LinkedHashSet<String> values = new LinkedHashSet<>();
    for (String name : names) {
      Object value = fields.get(normalize(name));
      if (value instanceof List<?> list) {
        list.forEach(item -> addTrimmed(values, String.valueOf(item)));
      } else if (value != null) {
        for (String part : listSeparator.split(value.toString())) {
          addTrimmed(values, part);
        }
      }
    }
    return new ArrayList<>(values);
  }

  private static void addTrimmed(LinkedHashSet<String> values, String value) {
    if (value != null && !value.isBlank()) {
      values.add(value.trim());
    }
  }
}
