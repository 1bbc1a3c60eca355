package com.complaintflow.intake.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.IntakeConfig;
import com.complaintflow.intake.IntakeService;
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
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The benchmarks' baseline endpoint with http.bench.noop.enabled=true: authenticated and size-limited
 * like POST /api/v1/complaints, answered 202, and nothing reaches a topic. (Off by default: HttpApiIT.)
 */
class BenchNoopIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();

  private static final String KEY = "bench-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient client = HttpClient.newHttpClient();
  private static IntakeService service;
  private static String complaintsTopic;
  private static String rejectsTopic;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    complaintsTopic = kafka.createTopic("complaints-noop-" + UUID.randomUUID(), 1);
    rejectsTopic = kafka.createTopic("rejected-noop-" + UUID.randomUUID(), 1);
    Map<String, Object> cfg = new HashMap<>();
    cfg.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    cfg.put("schema.registry.url", registry.url());
    cfg.put("topic.complaints", complaintsTopic);
    cfg.put("topic.complaints.rejected", rejectsTopic);
    cfg.put("http.port", "0");
    cfg.put("http.bind.address", "127.0.0.1");
    cfg.put("http.api.keys", KEY);
    cfg.put("http.max.body.bytes", "4096");
    cfg.put("http.bench.noop.enabled", "true");
    cfg.put("raw.topics.enabled", "false");
    cfg.put("case.actions.enabled", "false");
    service = new IntakeService(new IntakeConfig(cfg), Clock.systemUTC()).start();
    base = "http://127.0.0.1:" + service.http().port();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.stop();
    }
  }

  @Test
  void noopAnswers202AndProducesNothing() throws Exception {
    String body = "{\"email\":\"bench@example.com\",\"text\":\"" + "x".repeat(1000) + "\"}";
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r = post(BenchNoopHandler.PATH, body, KEY);
      assertEquals(202, r.statusCode(), r.body());
      JsonNode json = JSON.readTree(r.body());
      assertEquals("accepted", json.get("status").asText());
      assertFalse(json.get("produced").asBoolean());
      assertEquals(body.length(), json.get("bytes").asInt());
    }
    // refusals on the bench path are answered like on /api/v1/complaints, and not recorded either
    HttpResponse<String> noKey = post(BenchNoopHandler.PATH, body, "wrong");
    assertEquals(401, noKey.statusCode());
    assertEquals("bad-api-key", JSON.readTree(noKey.body()).get("error").asText());
    HttpResponse<String> tooLarge = post(BenchNoopHandler.PATH, "x".repeat(5000), KEY);
    assertEquals(413, tooLarge.statusCode());
    assertEquals("body-too-large", JSON.readTree(tooLarge.body()).get("error").asText());

    // a real complaint and a real reject afterwards: once both are read, anything the noop calls produced would be too
    HttpResponse<String> real = post("/api/v1/complaints", "{\"email\":\"real@example.com\",\"text\":\"real one\"}", KEY);
    assertEquals(202, real.statusCode(), real.body());
    String realId = JSON.readTree(real.body()).get("complaintId").asText();
    HttpResponse<String> refused = post("/api/v1/complaints", "{\"email\": ", KEY);
    assertEquals(400, refused.statusCode(), refused.body());
    String refusedRequest = refused.headers().firstValue("X-Request-Id").orElseThrow();

    TopicCatalog catalog = new TopicCatalog(Map.of("schema.registry.url", registry.url()));
    List<ConsumerRecord<String, Complaint>> complaints = TopicReader.readUntil(kafka, complaintsTopic,
        catalog.complaints().valueSerde().deserializer(),
        l -> l.stream().anyMatch(x -> x.value().getComplaintId().equals(realId)), Duration.ofSeconds(30));
    assertEquals(1, complaints.size(), "only the real complaint is on the topic");
    assertEquals(realId, complaints.get(0).value().getComplaintId());
    List<ConsumerRecord<String, RejectedInput>> rejects = TopicReader.readUntil(kafka, rejectsTopic,
        catalog.complaintsRejected().valueSerde().deserializer(),
        l -> l.stream().anyMatch(x -> refusedRequest.equals(x.value().getRequestId())), Duration.ofSeconds(30));
    assertEquals(1, rejects.size(), "only the real refusal is on the reject topic");
    assertTrue(refusedRequest.equals(rejects.get(0).value().getRequestId()));
  }

  @Test
  void onlyPostIsOffered() throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + BenchNoopHandler.PATH))
        .header("X-Api-Key", KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, r.statusCode());
  }

  private static HttpResponse<String> post(String path, String body, String key) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .header("X-Api-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
