package com.complaintflow.intake.cases;

import com.complaintflow.intake.normalize.FieldError;
import com.complaintflow.intake.normalize.Reasons;
import com.complaintflow.intake.normalize.RejectException;
import com.complaintflow.intake.normalize.WebSubmissionReader;
import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.CompensationType;
import com.complaintflow.schemas.avro.Resolution;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the JSON body of {@code POST /api/v1/cases/{caseNumber}/actions} into a {@link CaseAction}
 * (without action id and case id, which the handler adds) and reports every invalid field at once.
 *
 * <p>Per type: {@code resolution} only and required with RESOLVED; {@code satisfaction} (1-5) and
 * its {@code comment} only with CLOSED; {@code targetAgentId} required with REASSIGN and only there.
 * A field that does not belong to the type is refused rather than silently dropped, so a desktop
 * that sends it learns that it was not recorded.
 */
public final class CaseActionReader {
  /** Case numbers as the processor makes them (CF-7003), loosely: letters, digits, . _ - */
  public static final Pattern CASE_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final int MAX_ID_CHARS = 200;
  static final int MAX_SHORT_TEXT_CHARS = 2_000;
  /** decimal(14, 2): twelve digits before the point. */
  static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

  private final int maxNoteChars;

  public CaseActionReader(int maxNoteChars) {
    this.maxNoteChars = maxNoteChars;
  }

  /** The action read from {@code body}, dated {@code receivedAt} when it carries no time. */
  public CaseAction read(String body, Instant receivedAt) throws RejectException {
    JsonNode root = WebSubmissionReader.parseJsonObject(body);
    List<FieldError> errors = new ArrayList<>();
    CaseActionType type = type(root.get("type"), errors);
    String actor = text(root, "actor", MAX_ID_CHARS, true, errors);
    Instant at = time(root.get("time"), receivedAt, errors);
    String note = text(root, "note", maxNoteChars, false, errors);

    Resolution resolution = null;
    JsonNode res = present(root.get("resolution"));
    if (type == CaseActionType.RESOLVED) {
      if (res == null) {
        errors.add(new FieldError("resolution", Reasons.MISSING_FIELD, "resolution is required with RESOLVED"));
      } else {
        resolution = resolution(res, errors);
      }
    } else if (res != null && type != null) {
      errors.add(notFor("resolution", "RESOLVED", type));
    }

    Integer satisfaction = null;
    String comment = firstText(root, errors, "comment", "satisfactionComment");
    JsonNode sat = present(root.get("satisfaction"));
    if (sat != null) {
      if (type != null && type != CaseActionType.CLOSED) {
        errors.add(notFor("satisfaction", "CLOSED", type));
      } else if (!sat.canConvertToInt() || !sat.isIntegralNumber() || sat.intValue() < 1 || sat.intValue() > 5) {
        errors.add(new FieldError("satisfaction", Reasons.INVALID_FIELD, "satisfaction must be a whole number from 1 to 5"));
      } else {
        satisfaction = sat.intValue();
      }
    }
    if (comment != null && type != null && type != CaseActionType.CLOSED) {
      errors.add(notFor("comment", "CLOSED", type));
    }

    String target = text(root, "targetAgentId", MAX_ID_CHARS, false, errors);
    if (type == CaseActionType.REASSIGN && target == null && errors.stream().noneMatch(e -> e.field().equals("targetAgentId"))) {
      errors.add(new FieldError("targetAgentId", Reasons.MISSING_FIELD, "targetAgentId is required with REASSIGN"));
    } else if (target != null && type != null && type != CaseActionType.REASSIGN) {
      errors.add(notFor("targetAgentId", "REASSIGN", type));
    }

    if (!errors.isEmpty()) {
      throw new RejectException(errors.get(0).reason(), errors.size() + " invalid field(s): "
          + String.join(", ", errors.stream().map(e -> e.field() + " (" + e.reason() + ")").toList()), errors);
    }
    return CaseAction.newBuilder()
        .setActionId("")
        .setCaseId("")
        .setType(type)
        .setActor(actor)
        .setAt(at)
        .setNote(note)
        .setResolution(resolution)
        .setSatisfaction(satisfaction)
        .setSatisfactionComment(type == CaseActionType.CLOSED ? comment : null)
        .setTargetAgentId(target)
        .build();
  }

  private static CaseActionType type(JsonNode node, List<FieldError> errors) {
    node = present(node);
    if (node == null) {
      errors.add(new FieldError("type", Reasons.MISSING_FIELD, "type is required"));
      return null;
    }
    List<String> allowed = Arrays.stream(CaseActionType.values()).filter(t -> t != CaseActionType.UNKNOWN)
        .map(Enum::name).toList();
    String value = node.isTextual() ? node.asText().trim().toUpperCase(Locale.ROOT).replace('-', '_') : null;
    if (value == null || !allowed.contains(value)) {
      errors.add(new FieldError("type", Reasons.INVALID_FIELD, "type must be one of " + String.join(", ", allowed)));
      return null;
    }
    return CaseActionType.valueOf(value);
  }

  private static Instant time(JsonNode node, Instant receivedAt, List<FieldError> errors) {
    node = present(node);
    if (node == null) {
      return receivedAt;
    }
    if (node.isTextual()) {
      try {
        return OffsetDateTime.parse(node.asText().trim()).toInstant();
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    errors.add(new FieldError("time", Reasons.INVALID_FIELD,
        "time must be an ISO-8601 date-time with offset, e.g. 2026-03-01T09:30:00Z"));
    return receivedAt;
  }

  private Resolution resolution(JsonNode res, List<FieldError> errors) {
    if (!res.isObject()) {
      errors.add(new FieldError("resolution", Reasons.INVALID_FIELD, "resolution must be an object"));
      return null;
    }
    String rootCause = text(res, "rootCause", "resolution.rootCause", MAX_SHORT_TEXT_CHARS, false, errors);
    String summary = text(res, "summary", "resolution.summary", maxNoteChars, false, errors);
    CompensationType compensation = CompensationType.NONE;
    JsonNode ct = present(res.get("compensationType"));
    if (ct != null) {
      String value = ct.isTextual() ? ct.asText().trim().toUpperCase(Locale.ROOT).replace('-', '_') : "";
      List<String> allowed = Arrays.stream(CompensationType.values()).map(Enum::name).toList();
      if (allowed.contains(value)) {
        compensation = CompensationType.valueOf(value);
      } else {
        errors.add(new FieldError("resolution.compensationType", Reasons.INVALID_FIELD,
            "compensationType must be one of " + String.join(", ", allowed)));
      }
    }
    BigDecimal amount = amount(present(res.get("compensationAmount")), errors);
    String currency = text(res, "currency", "resolution.currency", 3, false, errors);
    if (currency != null) {
      currency = currency.toUpperCase(Locale.ROOT);
      try {
        Currency.getInstance(currency);
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("resolution.currency", Reasons.INVALID_FIELD,
            "currency must be an ISO 4217 code such as RUB, EUR, BGN"));
      }
    }
    if (amount != null && currency == null && errors.stream().noneMatch(e -> e.field().equals("resolution.currency"))) {
      errors.add(new FieldError("resolution.currency", Reasons.MISSING_FIELD, "currency is required with compensationAmount"));
    }
    if (amount != null && amount.signum() > 0 && compensation == CompensationType.NONE && ct == null) {
      errors.add(new FieldError("resolution.compensationType", Reasons.MISSING_FIELD,
          "compensationType is required with a compensationAmount"));
    }
    return Resolution.newBuilder()
        .setRootCause(rootCause)
        .setSummary(summary)
        .setCompensationType(compensation)
        .setCompensationAmount(amount)
        .setCurrency(currency)
        .build();
  }

  /** A JSON number or a decimal string; exact (no binary rounding), at most 2 decimals, not negative. */
  private static BigDecimal amount(JsonNode node, List<FieldError> errors) {
    if (node == null) {
      return null;
    }
    BigDecimal value = null;
    try {
      if (node.isNumber()) {
        value = node.decimalValue();
      } else if (node.isTextual()) {
        value = new BigDecimal(node.asText().trim());
      }
    } catch (NumberFormatException e) {
      value = null;
    }
    String field = "resolution.compensationAmount";
    if (value == null) {
      errors.add(new FieldError(field, Reasons.INVALID_FIELD, "compensationAmount must be a decimal number, e.g. \"1500.50\""));
      return null;
    }
    if (value.signum() < 0) {
      errors.add(new FieldError(field, Reasons.INVALID_FIELD, "compensationAmount must not be negative"));
      return null;
    }
    BigDecimal scaled;
    try {
      scaled = value.setScale(2, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      errors.add(new FieldError(field, Reasons.INVALID_FIELD, "compensationAmount has more than 2 decimals"));
      return null;
    }
    if (scaled.compareTo(MAX_AMOUNT) > 0) {
      errors.add(new FieldError(field, Reasons.INVALID_FIELD, "compensationAmount is larger than " + MAX_AMOUNT));
      return null;
    }
    return scaled;
  }

  private static String text(JsonNode root, String name, int maxChars, boolean required, List<FieldError> errors) {
    return text(root, name, name, maxChars, required, errors);
  }

  private static String text(JsonNode root, String name, String field, int maxChars, boolean required,
      List<FieldError> errors) {
    JsonNode node = present(root.get(name));
    if (node == null || (node.isTextual() && node.asText().isBlank())) {
      if (required) {
        errors.add(new FieldError(field, Reasons.MISSING_FIELD, field + " is required"));
      }
      return null;
    }
    if (!node.isTextual()) {
      errors.add(new FieldError(field, Reasons.INVALID_FIELD, field + " must be a string"));
      return null;
    }
    String value = node.asText().trim();
    if (value.length() > maxChars) {
      errors.add(new FieldError(field, Reasons.INVALID_FIELD, field + " is longer than " + maxChars + " characters"));
      return null;
    }
    return value;
  }

  private String firstText(JsonNode root, List<FieldError> errors, String... names) {
    for (String name : names) {
      if (present(root.get(name)) != null) {
        return text(root, name, MAX_SHORT_TEXT_CHARS, false, errors);
      }
    }
    return null;
  }

  private static JsonNode present(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node;
  }

  private static FieldError notFor(String field, String only, CaseActionType type) {
    return new FieldError(field, Reasons.INVALID_FIELD, field + " belongs to " + only + " actions, not " + type);
  }
}
