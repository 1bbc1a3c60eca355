package com.complaintflow.launcher.load;

/** What is wrong with one field of a row: a machine-readable reason (kebab-case) and an explanation. */
public record RowProblem(String reason, String field, String detail) {
  @Override
  public String toString() {
    return reason + (field == null ? "" : " (" + field + ")") + ": " + detail;
  }
}
