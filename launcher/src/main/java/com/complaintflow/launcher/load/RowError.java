package com.complaintflow.launcher.load;

import java.util.List;
import java.util.stream.Collectors;

/** A row that was not loaded, with every problem found in it (not only the first). */
public record RowError(int line, List<RowProblem> problems) {
  public RowError {
    problems = List.copyOf(problems);
  }

  public static RowError of(int line, String reason, String field, String detail) {
    return new RowError(line, List.of(new RowProblem(reason, field, detail)));
  }

  /** {@code line 4: invalid-email (emails): ...; invalid-tier (tier): ...} */
  @Override
  public String toString() {
    return "line " + line + ": " + problems.stream().map(RowProblem::toString).collect(Collectors.joining("; "));
  }
}
