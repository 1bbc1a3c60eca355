package com.complaintflow.intake.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.IntakeConfig;
import com.complaintflow.intake.IntakeService;
import com.complaintflow.intake.publish.BufferFullException;
import com.complaintflow.intake.testing.MutableClock;
import com.complaintflow.intake.testing.TopicReader;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request rate limits against a real broker: a low limit (burst 5, one request a second) on a
 * clock that moves only when the test says so, so the counts are exact however slow the machine.
 */
class RateLimitIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();

  private static final int BURST = 5;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient client = HttpClient.newHttpClient();
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  private static IntakeService service;
  private static String complaintsTopic;
  private static String rejectsTopic;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    complaintsTopic = kafka.createTopic("complaints-rate-" + UUID.randomUUID(), 1);
    rejectsTopic = kafka.createTopic("rejected-rate-" + UUID.randomUUID(), 1);
    Map<String, Object> cfg = new HashMap<>();
    cfg.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    cfg.put("schema.registry.url", registry.url());
    cfg.put("topic.complaints", complaintsTopic);
    cfg.put("topic.complaints.rejected", rejectsTopic);
    cfg.put("http.port", "0");
    cfg.put("http.bind.address", "127.0.0.1");
    cfg.put("http.api.keys", "key-a,key-b,key-c,key-d");
    cfg.put("http.rate.limit.per.second", "1");
    cfg.put("http.rate.limit.burst", Integer.toString(BURST));
    cfg.put("raw.topics.enabled", "false");
    cfg.put("case.actions.enabled", "false");
    service = new IntakeService(new IntakeConfig(cfg), clock).start();
    base = "http://127.0.0.1:" + service.http().port();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.stop();
    }
  }

  @Test
  void burstPlusThreeFromOneKeyGivesExactlyThree429sAndNothingProducedForThem() throws Exception {
    List<String> accepted = new ArrayList<>();
    List<String> limitedRequests = new ArrayList<>();
    for (int i = 0; i < BURST + 3; i++) {
      HttpResponse<String> r = post("/api/v1/complaints", "key-a",
          "{\"email\":\"burst@example.com\",\"text\":\"complaint " + i + "\"}");
      if (i < BURST) {
        assertEquals(202, r.statusCode(), "request " + (i + 1) + ": " + r.body());
        accepted.add(JSON.readTree(r.body()).get("complaintId").asText());
      } else {
        assertRateLimited(r);
        limitedRequests.add(r.headers().firstValue("X-Request-Id").orElseThrow());
      }
    }
    // another key is not held back by key-a's use; its complaint and its refusal mark the ends of both topics
    HttpResponse<String> other = post("/api/v1/complaints", "key-b", "{\"email\":\"other@example.com\",\"text\":\"marker\"}");
    assertEquals(202, other.statusCode(), other.body());
    String marker = JSON.readTree(other.body()).get("complaintId").asText();
    HttpResponse<String> refused = post("/api/v1/complaints", "key-b", "{\"email\": ");
    assertEquals(400, refused.statusCode(), refused.body());
    String refusedId = refused.headers().firstValue("X-Request-Id").orElseThrow();

    TopicCatalog catalog = new TopicCatalog(Map.of("schema.registry.url", registry.url()));
    List<ConsumerRecord<String, Complaint>> complaints = TopicReader.readUntil(kafka, complaintsTopic,
        catalog.complaints().valueSerde().deserializer(),
        l -> l.stream().anyMatch(x -> x.value().getComplaintId().equals(marker)), Duration.ofSeconds(30));
    Set<String> onTopic = new HashSet<>();
    complaints.forEach(x -> onTopic.add(x.value().getComplaintId()));
    Set<String> expected = new HashSet<>(accepted);
    expected.add(marker);
    assertEquals(expected, onTopic, "the accepted complaints and the marker, nothing for the 429s");
    assertEquals(BURST + 1, complaints.size());
    List<ConsumerRecord<String, RejectedInput>> rejects = TopicReader.readUntil(kafka, rejectsTopic,
        catalog.complaintsRejected().valueSerde().deserializer(),
        l -> l.stream().anyMatch(x -> refusedId.equals(x.value().getRequestId())), Duration.ofSeconds(30));
    assertEquals(1, rejects.size(), "a rate-limited request is not recorded as a reject");
    assertTrue(rejects.stream().noneMatch(x -> limitedRequests.contains(x.value().getRequestId())));

    // a second later key-a has one token again, and only one
    clock.advance(Duration.ofSeconds(1));
    assertEquals(400, post("/api/v1/complaints", "key-a", "{\"email\": ").statusCode());
    assertRateLimited(post("/api/v1/complaints", "key-a", "{\"email\": "));
  }

  @Test
  void requestsWithoutAValidKeyAreLimitedByClientAddress() throws Exception {
    for (int i = 0; i < BURST; i++) {
      assertEquals(401, post("/api/v1/complaints", "guess-" + i, "{}").statusCode(), "guess " + (i + 1));
    }
    assertRateLimited(post("/api/v1/complaints", "guess-" + BURST, "{}"));
    // the address's bucket covers every request without a valid key, /health included ...
    assertRateLimited(client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
        HttpResponse.BodyHandlers.ofString()));
    // ... but not a caller with a valid key from the same address
    assertEquals(200, client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/openapi.json")).header("X-Api-Key", "key-c")
        .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
  }

  @Test
  void aFullProducerBufferIs429WithItsOwnReason() throws Exception {
    service.http().addRoute(new Route("POST", "/api/v1/test/buffer-full", null, true, request -> {
      throw new BufferFullException("buffer full", null);
    }));
    HttpResponse<String> r = post("/api/v1/test/buffer-full", "key-d", "{}");
    assertEquals(429, r.statusCode(), r.body());
    assertEquals("buffer-full", JSON.readTree(r.body()).get("error").asText());
    assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow());
  }

  private static void assertRateLimited(HttpResponse<String> r) throws Exception {
    assertEquals(429, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("rate-limited", body.get("error").asText());
    assertEquals(r.headers().firstValue("X-Request-Id").orElseThrow(), body.get("requestId").asText());
    assertTrue(body.get("fields").isArray());
    assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow(), "one request a second: the next in 1 s");
  }

  private static HttpResponse<String> post(String path, String key, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .header("X-Api-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
