package com.complaintflow.launcher.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads rows from CSV (RFC 4180: a header row, quoted fields with "" escapes, line breaks inside
 * quotes; ',' or ';' as the delimiter, whichever the header uses) or JSON lines (one object per
 * line). A line that cannot be read becomes a {@link RowError}; the others are still returned.
 * Blank lines are skipped.
 */
public final class RowReader {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Rows read and lines that could not be read; {@code warnings} for things worth telling but harmless. */
  public record Result(List<Row> rows, List<RowError> errors, List<String> warnings) {}

  private RowReader() {}

  public static Result read(Path file, RowFormat format) throws IOException {
    String content = Files.readString(file, StandardCharsets.UTF_8);
    if (content.startsWith("\uFEFF")) {
      content = content.substring(1);
    }
    return format.resolve(file, content) == RowFormat.JSONL ? readJsonLines(content) : readCsv(content);
  }

  static Result readJsonLines(String content) {
    List<Row> rows = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    String[] lines = content.split("\r?\n", -1);
    Pattern separator = Pattern.compile("[|;,]");
    for (int i = 0; i < lines.length; i++) {
      int lineNumber = i + 1;
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        errors.add(RowError.of(lineNumber, "invalid-json", null, e.getOriginalMessage()));
        continue;
      }
      if (!node.isObject()) {
        errors.add(RowError.of(lineNumber, "invalid-json", null, "expected a JSON object, got " + node.getNodeType()));
        continue;
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      List<RowProblem> problems = new ArrayList<>();
      node.fields().forEachRemaining(e -> {
        JsonNode value = e.getValue();
        if (value.isNull()) {
          return;
        }
        if (value.isArray()) {
          List<String> items = new ArrayList<>();
          for (JsonNode item : value) {
            if (item.isValueNode()) {
              items.add(item.asText());
            } else {
              problems.add(new RowProblem("invalid-field", e.getKey(), "list items must be strings or numbers"));
            }
          }
          fields.put(Row.normalize(e.getKey()), items);
        } else if (value.isValueNode()) {
          fields.put(Row.normalize(e.getKey()), value.asText());
        } else {
          problems.add(new RowProblem("invalid-field", e.getKey(), "expected a string, number or list"));
        }
      });
      if (problems.isEmpty()) {
        rows.add(new Row(lineNumber, fields, separator));
      } else {
        errors.add(new RowError(lineNumber, problems));
      }
    }
    return new Result(rows, errors, List.of());
  }

  static Result readCsv(String content) {
    List<Row> rows = new ArrayList<>();
    List<RowError> errors = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    CsvRecords records = new CsvRecords(content);
    CsvRecords.Record header = records.next();
    while (header != null && header.isBlank()) {
      header = records.next();
    }
    if (header == null) {
      return new Result(rows, errors, List.of("the file is empty"));
    }
    char delimiter = records.delimiter();
    // inside a cell, lists are separated by '|' or by whichever of ';' ',' is not the delimiter
    Pattern separator = Pattern.compile(delimiter == ';' ? "[|,]" : "[|;]");
    List<String> columns = header.cells().stream().map(String::trim).toList();
    if (header.error() != null) {
      errors.add(RowError.of(header.line(), "invalid-csv", null, header.error()));
      return new Result(rows, errors, warnings);
    }
    for (CsvRecords.Record record = records.next(); record != null; record = records.next()) {
      if (record.isBlank()) {
        continue;
      }
      if (record.error() != null) {
        errors.add(RowError.of(record.line(), "invalid-csv", null, record.error()));
        continue;
      }
      if (record.cells().size() != columns.size()) {
        errors.add(RowError.of(record.line(), "wrong-column-count", null,
            record.cells().size() + " values for " + columns.size() + " columns"));
        continue;
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      for (int c = 0; c < columns.size(); c++) {
        fields.put(Row.normalize(columns.get(c)), record.cells().get(c));
      }
      rows.add(new Row(record.line(), fields, separator));
    }
    return new Result(rows, errors, warnings);
  }
}
