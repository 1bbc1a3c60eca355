package com.complaintflow.intake.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.normalize.PhoneNumbers;
import com.complaintflow.intake.normalize.Reasons;
import com.complaintflow.intake.normalize.RejectException;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhoneParsersTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private final CallNormalizer normalizer = new CallNormalizer(new PhoneNumbers("RU"), 1000);
  private final AsteriskCdrParser cdr = new AsteriskCdrParser(ZoneId.of("Europe/Moscow"));

  @Test
  void cdrLineWithCp1251CallerNameIsDecodedWithReplacementAndKept() throws Exception {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    line.writeBytes("\"\",\"84951234567\",\"100\",\"complaints\",\"\"\"".getBytes(StandardCharsets.US_ASCII));
    line.writeBytes("Иван".getBytes("windows-1251")); // not UTF-8
    line.writeBytes(("\"\" <84951234567>\",\"SIP/trunk-01\",\"SIP/agent7-02\",\"Queue\",\"complaints,t\","
        + "\"2025-03-01 12:00:00\",\"\",\"2025-03-01 12:01:00\",\"60\",\"0\",\"NO ANSWER\",\"DOCUMENTATION\","
        + "\"1740819600.42\",\"\"").getBytes(StandardCharsets.US_ASCII));
    CallRecord call = cdr.parse(line.toByteArray());
    Complaint c = normalizer.normalize(call, "asterisk", NOW);
    assertEquals(Channel.PHONE, c.getChannel());
    assertEquals("+74951234567", c.getClientKey());
    assertEquals("1740819600.42", c.getCall().getCallId());
    assertEquals("NO_ANSWER", c.getCall().getDisposition());
    assertFalse(c.getCall().getHasNotes());
    assertEquals("complaints", c.getCall().getQueue());
    assertEquals(Instant.parse("2025-03-01T09:00:00Z"), c.getCall().getStartedAt());
    assertEquals(60L, c.getCall().getDurationSeconds());
    assertTrue(c.getContact().getName().contains("\uFFFD"), c.getContact().getName());
    assertEquals("true", c.getAttributes().get("cdr.invalidUtf8"));
  }

  @Test
  void malformedCdrLines() {
    assertEquals(Reasons.MALFORMED_CSV, assertThrows(RejectException.class,
        () -> cdr.parse("a,b,c".getBytes(StandardCharsets.UTF_8))).reason());
    assertEquals(Reasons.MALFORMED_CSV, assertThrows(RejectException.class,
        () -> cdr.parse("\"unterminated,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17".getBytes(StandardCharsets.UTF_8))).reason());
    assertEquals(Reasons.MALFORMED_CSV, assertThrows(RejectException.class, () -> cdr.parse(
        ",1,2,c,\"\",ch,dch,Dial,x,yesterday,,,1,1,ANSWERED,3,u1,".getBytes(StandardCharsets.UTF_8))).reason());
  }

  @Test
  void twilioFinalCallbackBecomesCallRecordAndEarlyStatusIsSkipped() throws Exception {
    TwilioCallbackReader reader = new TwilioCallbackReader();
    assertTrue(reader.read(Map.of("CallSid", "CA1", "CallStatus", "ringing", "From", "+74951234567")).isEmpty());
    CallRecord r = reader.read(Map.of("CallSid", "CA1", "CallStatus", "busy", "From", "+74951234567", "To", "+74957654321",
        "CallDuration", "0", "Timestamp", "Sat, 01 Mar 2025 10:00:00 +0000")).orElseThrow();
    Complaint c = normalizer.normalize(r, "twilio", NOW);
    assertEquals("BUSY", c.getCall().getDisposition());
    assertEquals("+74957654321", c.getCall().getCalledNumber());
    assertEquals(Instant.parse("2025-03-01T10:00:00Z"), c.getCall().getEndedAt());
  }

  @Test
  void twilioKnownNonFinalStatusesAreSkippedAndUnknownOrMissingStatusesRefused() throws Exception {
    TwilioCallbackReader reader = new TwilioCallbackReader();
    for (String status : new String[] {"queued", "initiated", "ringing", "in-progress", "In-Progress"}) {
      assertTrue(reader.read(Map.of("CallSid", "CA2", "CallStatus", status, "From", "+74951234567")).isEmpty(), status);
    }
    RejectException unknown = assertThrows(RejectException.class,
        () -> reader.read(Map.of("CallSid", "CA2", "CallStatus", "exploded", "From", "+74951234567")));
    assertEquals(Reasons.INVALID_FIELD, unknown.reason());
    assertEquals("CallStatus", unknown.fieldErrors().get(0).field());
    RejectException missing = assertThrows(RejectException.class,
        () -> reader.read(Map.of("CallSid", "CA2", "From", "+74951234567")));
    assertEquals(Reasons.MISSING_FIELD, missing.reason());
    assertEquals("CallStatus", missing.fieldErrors().get(0).field());
  }

  @Test
  void unparseableCallerIsBadPhoneNumber() throws Exception {
    CallRecord r = new CallJsonReader().read("{\"callId\":\"c1\",\"callerNumber\":\"anonymous\"}");
    assertEquals(Reasons.BAD_PHONE_NUMBER, assertThrows(RejectException.class, () -> normalizer.normalize(r, "call-api", NOW)).reason());
  }

  @Test
  void callWithNotesAndTranscript() throws Exception {
    CallRecord r = new CallJsonReader().read("{\"callId\":\"c2\",\"callerNumber\":\"+359 2 123 4567\",\"disposition\":\"answered\","
        + "\"notes\":\"Refund requested\",\"transcript\":\"...\",\"startedAt\":\"2025-03-01T09:00:00Z\",\"endedAt\":\"2025-03-01T09:05:00Z\"}");
    Complaint c = normalizer.normalize(r, "call-api", NOW);
    assertEquals("+35921234567", c.getClientKey());
    assertTrue(c.getCall().getHasNotes());
    assertEquals(300L, c.getCall().getDurationSeconds());
    assertTrue(c.getBody().startsWith("Refund requested"));
  }
}
