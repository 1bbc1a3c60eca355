package com.complaintflow.intake.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.normalize.Reasons;
import com.complaintflow.intake.normalize.RejectException;
import com.complaintflow.intake.publish.BufferFullException;
import com.complaintflow.intake.publish.ComplaintSink;
import com.complaintflow.intake.publish.SinkUnavailableException;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.RejectedInput;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A refused request is answered only after its reject record is acknowledged; when the record
 * cannot be stored, the answer says so (503, or 429 for a full buffer) instead of a 400 that
 * would claim a record exists. Runs the real server on loopback with a sink the test controls.
 */
class RejectRecordingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private IntakeHttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private String start(ControlledSink sink) throws Exception {
    server = new IntakeHttpServer(new InetSocketAddress("127.0.0.1", 0), 2, 1024, 1024 * 1024,
        new ApiKeyAuthenticator(List.of("k")), sink, Duration.ofSeconds(30), Clock.systemUTC());
    server.addRoute(new Route("POST", "/in", Channel.WEB, true, req -> {
      throw new RejectException(Reasons.INVALID_JSON, "not JSON");
    }));
    server.start();
    return "http://127.0.0.1:" + server.port() + "/in";
  }

  private CompletableFuture<HttpResponse<String>> post(String url) {
    return client.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", "k")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void the400IsSentOnlyAfterTheRejectIsAcknowledged() throws Exception {
    CompletableFuture<Void> ack = new CompletableFuture<>();
    ControlledSink sink = new ControlledSink(() -> ack);
    CompletableFuture<HttpResponse<String>> answer = post(start(sink));
    assertTrue(sink.rejectCalled.await(10, TimeUnit.SECONDS), "reject handed to the sink");
    // the record is not acknowledged yet: no answer may arrive
    assertThrows(TimeoutException.class, () -> answer.get(300, TimeUnit.MILLISECONDS));
    ack.complete(null);
    HttpResponse<String> r = answer.get(10, TimeUnit.SECONDS);
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("invalid-json", JSON.readTree(r.body()).get("error").asText());
    assertEquals(1, sink.rejects.size());
    assertEquals(r.headers().firstValue("X-Request-Id").orElseThrow(), sink.rejects.get(0).getRequestId());
  }

  @Test
  void aRejectKafkaDoesNotTakeIsAnswered503NotAs400() throws Exception {
    ControlledSink sink = new ControlledSink(() -> CompletableFuture.failedFuture(
        new SinkUnavailableException("broker down", null)));
    HttpResponse<String> r = post(start(sink)).get(10, TimeUnit.SECONDS);
    assertEquals(503, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("unavailable", body.get("error").asText());
    assertTrue(body.get("message").asText().contains("invalid-json"), body.toString());
    assertTrue(r.headers().firstValue("Retry-After").isPresent());
  }

  @Test
  void aRejectTheSinkRefusesSynchronouslyIsAnswered503AndAFullBuffer429() throws Exception {
    ControlledSink down = new ControlledSink(() -> {
      throw new SinkUnavailableException("no metadata", null);
    });
    assertEquals(503, post(start(down)).get(10, TimeUnit.SECONDS).statusCode());
    server.stop(0);
    ControlledSink full = new ControlledSink(() -> {
      throw new BufferFullException("buffer full", null);
    });
    HttpResponse<String> r = post(start(full)).get(10, TimeUnit.SECONDS);
    assertEquals(429, r.statusCode(), r.body());
    assertFalse(r.body().contains("invalid-json\""), "not answered as a recorded refusal");
  }

  /** Hands every reject to the test, answering with what the test supplies. */
  private static final class ControlledSink implements ComplaintSink {
    final List<RejectedInput> rejects = new CopyOnWriteArrayList<>();
    final CountDownLatch rejectCalled = new CountDownLatch(1);
    private final Supplier<CompletableFuture<Void>> answer;

    ControlledSink(Supplier<CompletableFuture<Void>> answer) {
      this.answer = answer;
    }

    @Override
    public CompletableFuture<Void> complaint(Complaint complaint) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> reject(RejectedInput reject) {
      rejects.add(reject);
      rejectCalled.countDown();
      return answer.get();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
