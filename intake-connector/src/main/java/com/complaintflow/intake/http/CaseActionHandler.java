package com.complaintflow.intake.http;

import com.complaintflow.intake.cases.CaseActionReader;
import com.complaintflow.intake.normalize.ComplaintIds;
import com.complaintflow.intake.normalize.FieldError;
import com.complaintflow.intake.normalize.Reasons;
import com.complaintflow.intake.normalize.RejectException;
import com.complaintflow.intake.publish.Acks;
import com.complaintflow.intake.publish.CaseActionSink;
import com.complaintflow.schemas.avro.CaseAction;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/cases/{caseNumber}/actions}: an agent desktop's action on a case, produced as
 * a {@link CaseAction} to {@code case-actions} keyed by the case number, with {@code caseNumber} set
 * and {@code caseId} empty. No lookup here: the processor sends the action to the case task that
 * allocated the number and finds the case id there, so a case opened a moment ago takes actions at
 * once. 202 means Kafka has the action; the processor may still refuse it (e.g.
 * {@code unknown-case}, {@code illegal-transition}) on {@code case-actions.rejected}. A number that no
 * case can have (not {@code CF-<digits>} as the processor writes them) is answered 404 here.
 *
 * <p>The action id is a name-based UUID of case number + Idempotency-Key when the header is given
 * (a retry is answered with the same id and produces nothing within the idempotency window; after
 * it, the processor drops the repeat as {@code duplicate-action}), else a random UUID.
 */
public final class CaseActionHandler implements RouteHandler {
  private static final Logger log = LoggerFactory.getLogger(CaseActionHandler.class);
  public static final String PATH_TEMPLATE = "/api/v1/cases/{caseNumber}/actions";
  private static final Pattern PATH = Pattern.compile("/api/v1/cases/([^/]+)/actions/?");
  /** Case numbers as the processor writes them: CF-, then a decimal number without leading zeros. */
  static final Pattern PROCESSOR_NUMBER = Pattern.compile("CF-(0|[1-9][0-9]{0,17})");

  private final CaseActionReader reader;
  private final CaseActionSink sink;
  private final IdempotencyCache idempotency;
  private final Duration ackTimeout;

  public CaseActionHandler(CaseActionReader reader, CaseActionSink sink, IdempotencyCache idempotency,
      Duration ackTimeout) {
    this.reader = reader;
    this.sink = sink;
    this.idempotency = idempotency;
    this.ackTimeout = ackTimeout;
  }

  @Override
  public ApiResponse handle(ApiRequest req) throws RejectException {
    String caseNumber = caseNumber(req.path());
    String key = req.header("Idempotency-Key");
    if (key != null && !key.matches("[\\x21-\\x7e]{1,255}")) {
      throw new RejectException(Reasons.INVALID_FIELD, "Idempotency-Key must be 1-255 visible ASCII characters",
          List.of(new FieldError("Idempotency-Key", Reasons.INVALID_FIELD, "1-255 visible ASCII characters")));
    }
    if (!req.mediaType().equals("application/json")) {
      throw new RejectException(Reasons.UNSUPPORTED_CONTENT_TYPE, "Content-Type must be application/json, not '"
          + (req.mediaType().isEmpty() ? "(none)" : req.mediaType()) + "'");
    }
    CaseAction parsed = reader.read(req.bodyText(), req.receivedAt());
    if (!PROCESSOR_NUMBER.matcher(caseNumber).matches()) {
      return unknownCase(caseNumber, req.requestId());
    }
    if (key == null) {
      return accepted(produce(parsed, caseNumber, UUID.randomUUID().toString(), req), caseNumber, false);
    }
    String cacheKey = caseNumber + "\n" + key;
    IdempotencyCache.Claim claim = idempotency.claim(cacheKey);
    if (!claim.owner()) {
      try {
        String id = claim.complaintId().get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        log.info("event=case-action-idempotent-replay requestId={} caseNumber={} actionId={}", req.requestId(),
            caseNumber, id);
        return accepted(id, caseNumber, true);
      } catch (ExecutionException | TimeoutException e) {
        // the first request with this key failed or is stuck: this one goes on its own
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    String actionId = ComplaintIds.caseActionId(caseNumber, key);
    try {
      produce(parsed, caseNumber, actionId, req);
      if (claim.owner()) {
        claim.complaintId().complete(actionId);
      }
      return accepted(actionId, caseNumber, false);
    } catch (RuntimeException e) {
      if (claim.owner()) {
        idempotency.release(cacheKey, claim.complaintId(), e);
      }
      throw e;
    }
  }

  private String produce(CaseAction parsed, String caseNumber, String actionId, ApiRequest req) {
    CaseAction action = CaseAction.newBuilder(parsed)
        .setActionId(actionId)
        .setCaseId("")
        .setCaseNumber(caseNumber)
        .build();
    Acks.await(sink.action(action), ackTimeout);
    log.info("event=case-action-accepted requestId={} caseNumber={} actionId={} type={} actor={}", req.requestId(),
        caseNumber, actionId, action.getType(), action.getActor());
    return actionId;
  }

  static String caseNumber(String path) throws RejectException {
    Matcher m = PATH.matcher(path);
    // the server hands over the decoded path: decoding again would turn '+' into a space
    String number = m.matches() ? m.group(1) : "";
    if (!CaseActionReader.CASE_NUMBER.matcher(number).matches()) {
      throw new RejectException(Reasons.INVALID_FIELD, "the case number in the path is not valid",
          List.of(new FieldError("caseNumber", Reasons.INVALID_FIELD,
              "a case number such as CF-7003 (letters, digits, '.', '_', '-'; at most 64)")));
    }
    return number;
  }

  /** A well-formed path whose number no case can have: the processor writes CF-<digits>. */
  private static ApiResponse unknownCase(String caseNumber, String requestId) {
    log.info("event=case-action-refused requestId={} caseNumber={} reason={}", requestId, caseNumber,
        Reasons.UNKNOWN_CASE);
    return IntakeHttpServer.error(404, Reasons.UNKNOWN_CASE, "no case can have the number " + caseNumber
        + ": case numbers are CF- followed by digits, e.g. CF-7003", List.of(), requestId);
  }

  private static ApiResponse accepted(String actionId, String caseNumber, boolean replayed) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("actionId", actionId);
    body.put("caseNumber", caseNumber);
    body.put("status", "accepted");
    ApiResponse r = ApiResponse.json(202, body);
    return replayed ? r.withHeader("Idempotent-Replayed", "true") : r;
  }
}
