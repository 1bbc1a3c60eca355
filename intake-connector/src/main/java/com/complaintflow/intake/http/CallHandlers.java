package com.complaintflow.intake.http;

import com.complaintflow.intake.normalize.Reasons;
import com.complaintflow.intake.normalize.RejectException;
import com.complaintflow.intake.normalize.Rejects;
import com.complaintflow.intake.normalize.WebSubmissionReader;
import com.complaintflow.intake.phone.AsteriskCdrParser;
import com.complaintflow.intake.phone.CallJsonReader;
import com.complaintflow.intake.phone.CallNormalizer;
import com.complaintflow.intake.phone.CallRecord;
import com.complaintflow.intake.phone.TwilioCallbackReader;
import com.complaintflow.intake.publish.Acks;
import com.complaintflow.intake.publish.ComplaintSink;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.RejectedInput;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The phone endpoints: JSON call records, Twilio-style status callbacks and Asterisk CDR lines. */
public final class CallHandlers {
  private static final Logger log = LoggerFactory.getLogger(CallHandlers.class);

  private final CallNormalizer normalizer;
  private final AsteriskCdrParser cdrParser;
  private final ComplaintSink sink;
  private final Rejects rejects;
  private final Duration ackTimeout;
  private final IdempotencyCache recentCalls;
  private final CallJsonReader jsonReader = new CallJsonReader();
  private final TwilioCallbackReader twilioReader = new TwilioCallbackReader();

  public CallHandlers(CallNormalizer normalizer, AsteriskCdrParser cdrParser, ComplaintSink sink, Rejects rejects,
      Duration ackTimeout, IdempotencyCache recentCalls) {
    this.recentCalls = recentCalls;
    this.normalizer = normalizer;
    this.cdrParser = cdrParser;
    this.sink = sink;
    this.rejects = rejects;
    this.ackTimeout = ackTimeout;
  }

  /** POST /api/v1/calls (application/json). The same call id posted twice yields the same complaint id. */
  public ApiResponse callRecord(ApiRequest req) throws RejectException {
    requireType(req, "application/json");
    CallRecord call = jsonReader.read(req.bodyText());
    return accepted(publish(call, "call-api", req.requestId(), req.receivedAt()));
  }

  /** POST /api/v1/calls/twilio (urlencoded status callback). Non-final statuses are acknowledged and skipped. */
  public ApiResponse twilio(ApiRequest req) throws RejectException {
    requireType(req, "application/x-www-form-urlencoded");
    Map<String, String> form = WebSubmissionReader.parseForm(req.bodyText());
    Optional<CallRecord> call = twilioReader.read(form);
    if (call.isEmpty()) {
      log.info("event=twilio-status-skipped requestId={} status={}", req.requestId(), form.get("CallStatus"));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", "ignored");
      body.put("message", "CallStatus '" + form.get("CallStatus") + "' is not final; the final callback becomes the complaint");
      return ApiResponse.json(202, body);
    }
    return accepted(publish(call.get(), "twilio", req.requestId(), req.receivedAt()));
  }

  /**
   * POST /api/v1/calls/asterisk-cdr (text/csv): one or more Master.csv lines. Each good line becomes
   * a complaint, each bad one a reject record; the answer lists every line. 202 when at least one
   * line was accepted, 400 (reason malformed-csv) when none was.
   */
  public ApiResponse asteriskCdr(ApiRequest req) throws RejectException {
    requireType(req, "text/csv", "text/plain", "application/csv");
    List<byte[]> lines = AsteriskCdrParser.splitLines(req.body());
    if (lines.isEmpty()) {
      throw new RejectException(Reasons.MALFORMED_CSV, "the body holds no CDR line");
    }
    List<Map<String, Object>> results = new ArrayList<>();
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    int accepted = 0;
    String firstReason = null;
    for (int i = 0; i < lines.size(); i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("line", i + 1);
      try {
        CallRecord call = cdrParser.parse(lines.get(i));
        Complaint c = normalizer.normalize(call, "asterisk", req.receivedAt());
        acks.add(sink.complaint(c));
        r.put("complaintId", c.getComplaintId());
        accepted++;
      } catch (RejectException e) {
        String text = AsteriskCdrParser.decode(lines.get(i), new LinkedHashMap<>());
        RejectedInput reject = rejects.builder(Channel.PHONE, e, text, "http:" + req.requestId() + ":" + (i + 1))
            .setSourceSystem("asterisk").setRequestId(req.requestId())
            .setAttributes(Map.of("cdr.line", String.valueOf(i + 1))).build();
        acks.add(sink.reject(reject));
        r.put("error", e.reason());
        r.put("message", e.detail());
        firstReason = firstReason == null ? e.reason() : firstReason;
      }
      results.add(r);
    }
    for (CompletableFuture<Void> ack : acks) {
      Acks.await(ack, ackTimeout);
    }
    log.info("event=cdr-batch requestId={} lines={} accepted={}", req.requestId(), lines.size(), accepted);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("accepted", accepted);
    body.put("rejected", lines.size() - accepted);
    body.put("lines", results);
    body.put("requestId", req.requestId());
    if (accepted == 0) {
      body.put("error", firstReason);
      return ApiResponse.json(400, body);
    }
    return ApiResponse.json(202, body);
  }

  private String publish(CallRecord call, String sourceSystem, String requestId, Instant receivedAt) throws RejectException {
    Map<String, String> attributes = new LinkedHashMap<>(call.attributes());
    attributes.put("http.requestId", requestId);
    CallRecord withAttributes = new CallRecord(call.callId(), call.callerNumber(), call.callerName(), call.calledNumber(),
        call.accountId(), call.queue(), call.agentId(), call.startedAt(), call.answeredAt(), call.endedAt(),
        call.durationSeconds(), call.disposition(), call.notes(), call.transcript(), call.language(), attributes);
    Complaint c = normalizer.normalize(withAttributes, sourceSystem, receivedAt);
    // A call id already published recently (a retried callback, a re-posted record) is answered
    // with its complaint id and not produced again.
    IdempotencyCache.Claim claim = recentCalls.claim("call:" + c.getSourceId());
    if (!claim.owner()) {
      try {
        String id = claim.complaintId().get(ackTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        log.info("event=call-duplicate source={} requestId={} complaintId={}", sourceSystem, requestId, id);
        return id;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        claim = recentCalls.claim("call:" + c.getSourceId());
      }
    }
    boolean owner = claim.owner();
    try {
      Acks.await(sink.complaint(c), ackTimeout);
      if (owner) {
        claim.complaintId().complete(c.getComplaintId());
      }
    } catch (RuntimeException e) {
      if (owner) {
        recentCalls.release("call:" + c.getSourceId(), claim.complaintId(), e);
      }
      throw e;
    }
    log.info("event=complaint-accepted channel=PHONE source={} requestId={} complaintId={} disposition={}",
        sourceSystem, requestId, c.getComplaintId(), c.getCall().getDisposition());
    return c.getComplaintId();
  }

  private static ApiResponse accepted(String complaintId) {
    return WebComplaintHandler.accepted(complaintId, false);
  }

  static void requireType(ApiRequest req, String... types) throws RejectException {
    for (String t : types) {
      if (t.equals(req.mediaType())) {
        return;
      }
    }
    throw new RejectException(Reasons.UNSUPPORTED_CONTENT_TYPE, "Content-Type must be " + String.join(" or ", types)
        + ", not '" + (req.mediaType().isEmpty() ? "(none)" : req.mediaType()) + "'");
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
