package com.complaintflow.intake.phone;

import com.complaintflow.intake.normalize.ClientKeys;
import com.complaintflow.intake.normalize.ComplaintIds;
import com.complaintflow.intake.normalize.FieldError;
import com.complaintflow.intake.normalize.PhoneNumbers;
import com.complaintflow.intake.normalize.Reasons;
import com.complaintflow.intake.normalize.RejectException;
import com.complaintflow.intake.normalize.Texts;
import com.complaintflow.schemas.avro.CallDetails;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ContactPoints;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;

/**
 * Turns a call record into a Complaint on channel PHONE. A call without notes (abandoned, no
 * answer, busy) still becomes a Complaint with its disposition and hasNotes=false: the client
 * reached for the company, and repeat detection must see it.
 */
public final class CallNormalizer {
  private final PhoneNumbers phones;
  private final int bodyMaxChars;

  public CallNormalizer(PhoneNumbers phones, int bodyMaxChars) {
    this.phones = phones;
    this.bodyMaxChars = bodyMaxChars;
  }

  public Complaint normalize(CallRecord call, String sourceSystem, Instant receivedAt) throws RejectException {
    if (Texts.isBlank(call.callId())) {
      throw new RejectException(Reasons.MISSING_FIELD, "callId is required",
          List.of(new FieldError("callId", Reasons.MISSING_FIELD, "callId is required")));
    }
    if (Texts.isBlank(call.callerNumber()) && Texts.isBlank(call.accountId())) {
      throw new RejectException(Reasons.MISSING_CONTACT_POINT, "the call has no caller number",
          List.of(new FieldError("callerNumber", Reasons.MISSING_CONTACT_POINT, "callerNumber is required")));
    }
    String caller = Texts.isBlank(call.callerNumber()) ? null : phones.toE164(call.callerNumber(), "callerNumber");
    String called = null;
    if (!Texts.isBlank(call.calledNumber())) {
      try {
        called = phones.toE164(call.calledNumber(), "calledNumber");
      } catch (RejectException e) {
        called = call.calledNumber().trim(); // an internal extension or service number: keep it as sent
      }
    }
    ContactPoints contact = ContactPoints.newBuilder()
        .setName(Texts.trimToNull(call.callerName()))
        .setPhone(caller)
        .setAccountId(Texts.trimToNull(call.accountId()))
        .build();

    String notes = Texts.trimToNull(call.notes());
    String transcript = Texts.trimToNull(call.transcript());
    StringBuilder text = new StringBuilder();
    if (notes != null) {
      text.append(notes);
    }
    if (transcript != null) {
      if (text.length() > 0) {
        text.append("\n\n");
      }
      text.append("Transcript:\n").append(transcript);
    }
    String body = Texts.truncate(text.toString(), bodyMaxChars);
    Long duration = call.durationSeconds();
    if (duration == null && call.startedAt() != null && call.endedAt() != null) {
      duration = Duration.between(call.startedAt(), call.endedAt()).toSeconds();
    }
    CallDetails details = CallDetails.newBuilder()
        .setCallId(call.callId().trim())
        .setCalledNumber(called)
        .setQueue(Texts.trimToNull(call.queue()))
        .setAgentId(Texts.trimToNull(call.agentId()))
        .setStartedAt(call.startedAt())
        .setAnsweredAt(call.answeredAt())
        .setEndedAt(call.endedAt())
        .setDurationSeconds(duration)
        .setDisposition(CallDispositions.normalize(call.disposition()))
        .setHasNotes(notes != null || transcript != null)
        .build();
    return Complaint.newBuilder()
        .setComplaintId(ComplaintIds.complaintId(Channel.PHONE, call.callId().trim()))
        .setChannel(Channel.PHONE)
        .setSourceSystem(sourceSystem)
        .setSourceId(call.callId().trim())
        .setReceivedAt(receivedAt)
        .setSentAt(call.startedAt())
        .setClientKey(ClientKeys.of(contact))
        .setContact(contact)
        .setBody(body)
        .setBodyTruncated(body.length() < text.length())
        .setLanguage(Texts.trimToNull(call.language()))
        .setCall(details)
        .setAttributes(new HashMap<>(call.attributes()))
        .build();
  }
}
