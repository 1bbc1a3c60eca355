package com.complaintflow.launcher.load;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 tokenizer that remembers on which line each record starts (a quoted field may span
 * lines). The delimiter is taken from the first record: ';' if it has a ';' outside quotes and no
 * ',', else ','. A record with an unterminated quote or text after a closing quote carries an error.
 */
final class CsvRecords {
  record Record(int line, List<String> cells, String error) {
    boolean isBlank() {
      return error == null && cells.size() == 1 && cells.get(0).isBlank();
    }
  }

  private final String text;
  private int pos;
  private int line = 1;
  private Character delimiter;

  CsvRecords(String text) {
    this.text = text;
  }

  char delimiter() {
    return delimiter == null ? ',' : delimiter;
  }

  /** The next record, or null at the end of the text. */
  Record next() {
    if (pos >= text.length()) {
      return null;
    }
    if (delimiter == null) {
      delimiter = detectDelimiter();
    }
    int startLine = line;
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    String error = null;
    boolean quoted = false;
    boolean afterQuote = false;
    while (pos < text.length()) {
      char ch = text.charAt(pos++);
      if (quoted) {
        if (ch == '"') {
          if (pos < text.length() && text.charAt(pos) == '"') {
            cell.append('"');
            pos++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (ch == '\n') {
            line++;
          }
          cell.append(ch);
        }
        continue;
      }
      if (ch == delimiter) {
        cells.add(cell.toString());
        cell.setLength(0);
        afterQuote = false;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r' && pos < text.length() && text.charAt(pos) == '\n') {
          pos++;
        }
        line++;
        break;
      } else if (ch == '"' && cell.toString().isBlank() && !afterQuote) {
        cell.setLength(0);
        quoted = true;
      } else if (afterQuote) {
        if (!Character.isWhitespace(ch) && error == null) {
          error = "text after a closing quote in field " + (cells.size() + 1);
        }
      } else {
        cell.append(ch);
      }
    }
    if (quoted) {
      error = "quote opened in field " + (cells.size() + 1) + " is never closed";
    }
    cells.add(cell.toString());
    return new Record(startLine, cells, error);
  }

  private char detectDelimiter() {
    boolean quoted = false;
    boolean semicolon = false;
    for (int i = pos; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      } else if (!quoted && (ch == '\n' || ch == '\r')) {
        break;
      } else if (!quoted && ch == ',') {
        return ',';
      } else if (!quoted && ch == ';') {
        semicolon = true;
      }
    }
    return semicolon ? ';' : ',';
  }
}
