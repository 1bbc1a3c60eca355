package com.complaintflow.intake.phone;

import com.complaintflow.intake.normalize.FieldError;
import com.complaintflow.intake.normalize.Reasons;
import com.complaintflow.intake.normalize.RejectException;
import com.complaintflow.intake.normalize.WebSubmissionReader;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the JSON call record of POST /api/v1/calls and of the raw phone topic. */
public final class CallJsonReader {
  public CallRecord read(String body) throws RejectException {
    JsonNode n = WebSubmissionReader.parseJsonObject(body);
    List<FieldError> errors = new ArrayList<>();
    CallRecord r = new CallRecord(
        text(n, "callId", errors), text(n, "callerNumber", errors), text(n, "callerName", errors),
        text(n, "calledNumber", errors), text(n, "accountId", errors), text(n, "queue", errors),
        text(n, "agentId", errors), instant(n, "startedAt", errors), instant(n, "answeredAt", errors),
        instant(n, "endedAt", errors), seconds(n, "durationSeconds", errors), text(n, "disposition", errors),
        text(n, "notes", errors), text(n, "transcript", errors), text(n, "language", errors), Map.of());
    if (!errors.isEmpty()) {
      throw new RejectException(Reasons.INVALID_FIELD, errors.size() + " invalid field(s): "
          + String.join(", ", errors.stream().map(FieldError::field).toList()), errors);
    }
    return r;
  }

  private static String text(JsonNode n, String field, List<FieldError> errors) {
    JsonNode v = n.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    if (v.isTextual() || v.isNumber()) {
      return v.asText();
    }
    errors.add(new FieldError(field, Reasons.INVALID_FIELD, field + " must be a string"));
    return null;
  }

  private static Instant instant(JsonNode n, String field, List<FieldError> errors) {
    String s = text(n, field, errors);
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(s.trim());
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(field, Reasons.INVALID_FIELD, field + " must be an ISO-8601 instant, e.g. 2025-03-01T10:15:30Z"));
      return null;
    }
  }

  private static Long seconds(JsonNode n, String field, List<FieldError> errors) {
    JsonNode v = n.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    if (v.canConvertToLong() && v.asLong() >= 0) {
      return v.asLong();
    }
    errors.add(new FieldError(field, Reasons.INVALID_FIELD, field + " must be a non-negative integer"));
    return null;
  }
}
