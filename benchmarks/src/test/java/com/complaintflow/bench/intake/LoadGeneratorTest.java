package com.complaintflow.bench.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The load generator against a local server that answers every third request with 500: every
 * request is counted once, by its status, with the API key, JSON content type, a body from the
 * file and a fresh Idempotency-Key; its RESULT line parses back to the same counts.
 */
class LoadGeneratorTest {

  @Test
  void countsEveryAnswerByStatusAndSendsFreshIdempotencyKeys() throws Exception {
    AtomicLong seen = new AtomicLong();
    AtomicLong accepted = new AtomicLong();
    Set<String> keys = ConcurrentHashMap.newKeySet();
    Set<String> bodies = ConcurrentHashMap.newKeySet();
    AtomicLong wrong = new AtomicLong();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/complaints", exchange -> {
      long n = seen.incrementAndGet();
      if (!"k-1".equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))
          || !"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
        wrong.incrementAndGet();
      }
      keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      int status = n % 3 == 0 ? 500 : 202;
      if (status == 202) {
        accepted.incrementAndGet();
      }
      byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    try {
      LoadGenerator generator = new LoadGenerator(List.of(bytes("{\"text\":\"a\"}"), bytes("{\"text\":\"b\"}")), 2,
          "k-1");
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/complaints");
      LoadGenerator.Result r = LoadGenerator.Result.parse(generator.run(uri, Duration.ofSeconds(2)));

      assertTrue(r.requests() >= 3, "some requests in 2 s (the first ones start the HTTP client; 0.7 s was too short on a loaded machine): " + r);
      assertEquals(seen.get(), r.requests());
      assertEquals(accepted.get(), r.accepted());
      assertEquals(seen.get() - accepted.get(), r.otherAnswers());
      assertEquals(r.otherAnswers(), r.notAccepted());
      assertEquals(0, r.errors());
      assertEquals("-", r.firstError());
      assertEquals("202:" + accepted.get() + ",500:" + (seen.get() - accepted.get()), r.statuses());
      assertEquals(seen.get(), keys.size(), "an Idempotency-Key per request");
      assertEquals(Set.of("{\"text\":\"a\"}", "{\"text\":\"b\"}"), bodies);
      assertEquals(0, wrong.get(), "API key and content type on every request");
      assertTrue(r.p50Nanos() > 0 && r.p50Nanos() <= r.p99Nanos() && r.p99Nanos() <= r.maxNanos(), r.toString());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aRefusedConnectionIsAnErrorNotAnAnswer() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    LoadGenerator generator = new LoadGenerator(List.of(bytes("{}")), 1, "k");
    LoadGenerator.Result r = LoadGenerator.Result.parse(generator.run(
        URI.create("http://127.0.0.1:" + port + "/x"), Duration.ofMillis(200)));
    assertTrue(r.errors() > 0, r.toString());
    assertEquals(r.requests(), r.errors());
    assertEquals(0, r.accepted());
    assertTrue(r.statuses().startsWith("-1:"), r.statuses());
    assertTrue(r.firstError().startsWith("ConnectException"), r.firstError());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
