package com.complaintflow.launcher.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a file and maps every row, collecting the good records and the bad rows (with line
 * numbers and reasons) side by side: one bad row never stops the others.
 */
public final class RowValidation {
  /** Good records in file order, bad rows in line order, and warnings (e.g. an id given twice). */
  public record Result<T>(List<RecordMapper.Mapped<T>> records, List<RowError> errors, List<String> warnings) {}

  private RowValidation() {}

  public static <T> Result<T> validate(Path file, RowFormat format, RecordMapper<T> mapper) throws IOException {
    return validate(RowReader.read(file, format), mapper);
  }

  static <T> Result<T> validate(RowReader.Result read, RecordMapper<T> mapper) {
    List<RecordMapper.Mapped<T>> records = new ArrayList<>();
    List<RowError> errors = new ArrayList<>(read.errors());
    List<String> warnings = new ArrayList<>(read.warnings());
    Map<String, Integer> firstLineOfKey = new HashMap<>();
    for (Row row : read.rows()) {
      RecordMapper.Outcome<T> outcome = mapper.map(row);
      if (outcome.mapped() == null) {
        errors.add(new RowError(row.line(), outcome.problems()));
        continue;
      }
      Integer earlier = firstLineOfKey.putIfAbsent(outcome.mapped().key(), row.line());
      if (earlier != null) {
        // the topic is compacted: the later record replaces the earlier one, as in the CRM
        warnings.add("line " + row.line() + ": " + mapper.noun() + " " + outcome.mapped().key()
            + " also on line " + earlier + "; the later row wins");
      }
      records.add(outcome.mapped());
    }
    errors.sort(Comparator.comparingInt(RowError::line));
    return new Result<>(records, errors, warnings);
  }
}
