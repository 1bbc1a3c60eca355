package com.complaintflow.intake.normalize;

import java.util.List;

/**
 * An input that cannot become a Complaint. Carries the reason that goes into
 * {@code RejectedInput.reason} (and the HTTP error body) and, for form-like inputs, every invalid
 * field at once so that a client fixes all of them in one round trip.
 */
public class RejectException extends Exception {
  private final String reason;
  private final List<FieldError> fieldErrors;

  public RejectException(String reason, String detail) {
    this(reason, detail, List.of());
  }

  public RejectException(String reason, String detail, List<FieldError> fieldErrors) {
    super(detail);
    this.reason = reason;
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  public String reason() {
    return reason;
  }

  public String detail() {
    return getMessage();
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }
}
