package com.complaintflow.launcher.load;

import java.util.List;

/** Turns a row into a record and its Kafka key, or says everything that is wrong with it. */
public interface RecordMapper<T> {
  /** A mapped row: the key it is written under and the record. */
  record Mapped<T>(int line, String key, T value) {}

  /** The record, or the problems (never both). */
  record Outcome<T>(Mapped<T> mapped, List<RowProblem> problems) {
    static <T> Outcome<T> ok(Mapped<T> mapped) {
      return new Outcome<>(mapped, List.of());
    }

    static <T> Outcome<T> failed(List<RowProblem> problems) {
      return new Outcome<>(null, List.copyOf(problems));
    }
  }

  Outcome<T> map(Row row);

  /** What one record is called in messages: "client", "agent". */
  String noun();
}
