package com.complaintflow.launcher.load;

import java.nio.file.Path;
import java.util.Locale;

/** The two input formats; AUTO decides by file extension, else by the first character. */
public enum RowFormat {
  AUTO, CSV, JSONL;

  RowFormat resolve(Path file, String content) {
    if (this != AUTO) {
      return this;
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv") || name.endsWith(".tsv")) {
      return CSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return JSONL;
    }
    return content.stripLeading().startsWith("{") ? JSONL : CSV;
  }
}
