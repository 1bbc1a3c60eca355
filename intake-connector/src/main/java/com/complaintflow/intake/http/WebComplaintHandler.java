package com.complaintflow.intake.http;

import com.complaintflow.common.logging.Pii;
import com.complaintflow.intake.normalize.FieldError;
import com.complaintflow.intake.normalize.Reasons;
import com.complaintflow.intake.normalize.RejectException;
import com.complaintflow.intake.normalize.WebComplaintNormalizer;
import com.complaintflow.intake.normalize.WebSubmission;
import com.complaintflow.intake.normalize.WebSubmissionReader;
import com.complaintflow.intake.publish.Acks;
import com.complaintflow.intake.publish.ComplaintSink;
import com.complaintflow.schemas.avro.Complaint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /api/v1/complaints: a complaint from the web site, as JSON or as an urlencoded form.
 * Answers 202 with the complaint id once Kafka acknowledged it. With an Idempotency-Key the same
 * key returns the same complaint id and produces no second record.
 */
public final class WebComplaintHandler implements RouteHandler {
  private static final Logger log = LoggerFactory.getLogger(WebComplaintHandler.class);
  public static final String SOURCE_SYSTEM = "web-api";

  private final WebSubmissionReader reader = new WebSubmissionReader();
  private final WebComplaintNormalizer normalizer;
  private final ComplaintSink sink;
  private final IdempotencyCache idempotency;
  private final Duration ackTimeout;

  public WebComplaintHandler(WebComplaintNormalizer normalizer, ComplaintSink sink, IdempotencyCache idempotency,
      Duration ackTimeout) {
    this.normalizer = normalizer;
    this.sink = sink;
    this.idempotency = idempotency;
    this.ackTimeout = ackTimeout;
  }

  @Override
  public ApiResponse handle(ApiRequest req) throws RejectException {
    String key = req.header("Idempotency-Key");
    if (key != null && !key.matches("[\\x21-\\x7e]{1,255}")) {
      throw new RejectException(Reasons.INVALID_FIELD, "Idempotency-Key must be 1-255 visible ASCII characters",
          List.of(new FieldError("Idempotency-Key", Reasons.INVALID_FIELD, "1-255 visible ASCII characters")));
    }
    if (key == null) {
      return accepted(process(req, null), false);
    }
    IdempotencyCache.Claim claim = idempotency.claim(key);
    if (!claim.owner()) {
      try {
        String id = claim.complaintId().get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        log.info("event=web-idempotent-replay requestId={} complaintId={}", req.requestId(), id);
        return accepted(id, true);
      } catch (ExecutionException | TimeoutException e) {
        // The first request with this key failed or is stuck: process this one on its own.
        return accepted(process(req, key), false);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    try {
      String id = process(req, key);
      claim.complaintId().complete(id);
      return accepted(id, false);
    } catch (RejectException | RuntimeException e) {
      idempotency.release(key, claim.complaintId(), e);
      throw e;
    }
  }

  private String process(ApiRequest req, String idempotencyKey) throws RejectException {
    WebSubmission submission = read(req);
    String sourceId = idempotencyKey != null ? idempotencyKey
        : submission.submissionId() != null && !submission.submissionId().isBlank() ? submission.submissionId().trim()
        : req.requestId();
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("http.requestId", req.requestId());
    attributes.put("http.contentType", req.mediaType());
    Complaint complaint = normalizer.normalize(submission, SOURCE_SYSTEM, sourceId, req.receivedAt(), attributes);
    CompletableFuture<Void> ack = sink.complaint(complaint);
    Acks.await(ack, ackTimeout);
    log.info("event=complaint-accepted channel=WEB requestId={} complaintId={} client={}", req.requestId(),
        complaint.getComplaintId(), maskKey(complaint.getClientKey()));
    return complaint.getComplaintId();
  }

  private WebSubmission read(ApiRequest req) throws RejectException {
    return switch (req.mediaType()) {
      case "application/json" -> reader.fromJson(req.bodyText());
      case "application/x-www-form-urlencoded" -> reader.fromForm(req.bodyText());
      default -> throw new RejectException(Reasons.UNSUPPORTED_CONTENT_TYPE,
          "Content-Type must be application/json or application/x-www-form-urlencoded, not '"
              + (req.mediaType().isEmpty() ? "(none)" : req.mediaType()) + "'");
    };
  }

  static ApiResponse accepted(String complaintId, boolean replayed) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("complaintId", complaintId);
    body.put("status", "accepted");
    ApiResponse r = ApiResponse.json(202, body);
    return replayed ? r.withHeader("Idempotent-Replayed", "true") : r;
  }

  static String maskKey(String clientKey) {
    if (clientKey == null) {
      return "null";
    }
    return clientKey.contains("@") ? Pii.email(clientKey) : clientKey.startsWith("+") ? Pii.phone(clientKey) : Pii.text(clientKey);
  }
}
