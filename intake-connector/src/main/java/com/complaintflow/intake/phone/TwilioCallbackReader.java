package com.complaintflow.intake.phone;

import com.complaintflow.intake.normalize.FieldError;
import com.complaintflow.intake.normalize.Reasons;
import com.complaintflow.intake.normalize.RejectException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Twilio-style call status callback (urlencoded: CallSid, From, To, CallStatus,
 * CallDuration, Timestamp, Direction, CallerName...). Only final statuses describe a finished
 * contact; earlier ones (queued, initiated, ringing, in-progress) are acknowledged and not turned
 * into complaints, because the final callback of the same CallSid will follow. Any other status,
 * or none, is refused: a callback whose meaning is unknown must not be acknowledged as harmless.
 */
public final class TwilioCallbackReader {
  static final Set<String> FINAL_STATUSES = Set.of("completed", "busy", "no-answer", "failed", "canceled");
  static final Set<String> NON_FINAL_STATUSES = Set.of("queued", "initiated", "ringing", "in-progress");

  /**
   * @return empty for a known non-final status
   * @throws RejectException missing-field without CallSid or CallStatus, invalid-field for an unknown CallStatus
   */
  public Optional<CallRecord> read(Map<String, String> form) throws RejectException {
    String sid = form.get("CallSid");
    if (sid == null || sid.isBlank()) {
      throw new RejectException(Reasons.MISSING_FIELD, "CallSid is required",
          List.of(new FieldError("CallSid", Reasons.MISSING_FIELD, "CallSid is required")));
    }
    String status = form.getOrDefault("CallStatus", "").trim().toLowerCase(Locale.ROOT);
    if (status.isEmpty()) {
      throw new RejectException(Reasons.MISSING_FIELD, "CallStatus is required",
          List.of(new FieldError("CallStatus", Reasons.MISSING_FIELD, "CallStatus is required")));
    }
    if (NON_FINAL_STATUSES.contains(status)) {
      return Optional.empty();
    }
    if (!FINAL_STATUSES.contains(status)) {
      String known = "one of " + String.join(", ", new java.util.TreeSet<>(FINAL_STATUSES)) + ", "
          + String.join(", ", new java.util.TreeSet<>(NON_FINAL_STATUSES));
      throw new RejectException(Reasons.INVALID_FIELD, "CallStatus is not a known call status",
          List.of(new FieldError("CallStatus", Reasons.INVALID_FIELD, "CallStatus must be " + known)));
    }
    Instant at = null;
    String ts = form.get("Timestamp");
    if (ts != null && !ts.isBlank()) {
      try {
        at = ZonedDateTime.parse(ts.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        throw new RejectException(Reasons.INVALID_FIELD, "Timestamp is not an RFC 1123 date",
            List.of(new FieldError("Timestamp", Reasons.INVALID_FIELD, "Timestamp must look like 'Tue, 10 Jan 2012 22:07:06 +0000'")));
      }
    }
    Long duration = null;
    String d = form.get("CallDuration");
    if (d != null && !d.isBlank()) {
      try {
        duration = Long.parseLong(d.trim());
      } catch (NumberFormatException e) {
        throw new RejectException(Reasons.INVALID_FIELD, "CallDuration is not a number",
            List.of(new FieldError("CallDuration", Reasons.INVALID_FIELD, "CallDuration must be whole seconds")));
      }
    }
    // For an outbound call the client is the called party.
    boolean outbound = form.getOrDefault("Direction", "inbound").toLowerCase(Locale.ROOT).startsWith("outbound");
    String client = outbound ? form.get("To") : form.get("From");
    String company = outbound ? form.get("From") : form.get("To");
    Map<String, String> attributes = new HashMap<>();
    attributes.put("twilio.callStatus", status);
    copy(form, attributes, "AccountSid", "twilio.accountSid");
    copy(form, attributes, "Direction", "twilio.direction");
    copy(form, attributes, "RecordingUrl", "twilio.recordingUrl");
    Instant started = at != null && duration != null ? at.minusSeconds(duration) : null;
    return Optional.of(new CallRecord(sid.trim(), client, form.get("CallerName"), company, null,
        form.get("QueueSid"), null, started, null, at, duration, status, null, form.get("TranscriptionText"),
        null, attributes));
  }

  private static void copy(Map<String, String> from, Map<String, String> to, String key, String as) {
    String v = from.get(key);
    if (v != null && !v.isBlank()) {
      to.put(as, v.trim());
    }
  }
}
