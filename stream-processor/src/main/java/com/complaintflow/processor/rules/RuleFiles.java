package com.complaintflow.processor.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a rules file (a path, or a built-in classpath resource when the path is empty). */
public final class RuleFiles {
  private RuleFiles() {}

  /** Lines without comments (#) and blanks, trimmed, in file order (first match wins). */
  public static List<String> lines(String path, String builtInResource) {
    String text;
    try {
      if (path == null || path.isBlank()) {
        try (InputStream in = RuleFiles.class.getResourceAsStream("/" + builtInResource)) {
          if (in == null) {
            throw new IllegalStateException("built-in rules missing: " + builtInResource);
          }
          text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      } else {
        text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rules file " + path, e);
    }
    List<String> out = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        out.add(trimmed);
      }
    }
    return out;
  }
}
