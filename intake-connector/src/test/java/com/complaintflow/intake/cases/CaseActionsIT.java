package com.complaintflow.intake.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.IntakeConfig;
import com.complaintflow.intake.IntakeService;
import com.complaintflow.intake.normalize.ComplaintIds;
import com.complaintflow.intake.testing.TopicReader;
import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.CompensationType;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /api/v1/cases/{caseNumber}/actions against a real broker and registry: the action lands on
 * case-actions keyed by the case number at once (no lookup, no warm-up; the processor finds the
 * case, see the processor's CaseNumberActionsIT and the launcher's EndToEndIT); every error.
 */
class CaseActionsIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();

  private static final String KEY = "actions-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient client = HttpClient.newHttpClient();
  private static IntakeService service;
  private static String actionsTopic;
  private static TopicCatalog catalog;
  private static Deserializer<CaseAction> actions;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    actionsTopic = kafka.createTopic("case-actions-" + UUID.randomUUID(), 3);
    catalog = new TopicCatalog(Map.of("schema.registry.url", registry.url()));
    Map<String, Object> cfg = new HashMap<>();
    cfg.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    cfg.put("schema.registry.url", registry.url());
    // a cases topic that does not exist: the intake no longer reads it
    cfg.put("topic.cases", "cases-never-created-" + UUID.randomUUID());
    cfg.put("topic.case.actions", actionsTopic);
    cfg.put("http.port", "0");
    cfg.put("http.bind.address", "127.0.0.1");
    cfg.put("http.api.keys", KEY);
    cfg.put("http.max.body.bytes", "4096");
    cfg.put("raw.topics.enabled", "false");
    service = new IntakeService(new IntakeConfig(cfg), Clock.systemUTC()).start();
    base = "http://127.0.0.1:" + service.http().port();
    actions = catalog.caseActions().valueSerde().deserializer();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.stop();
    }
  }

  @Test
  void resolvedActionIsProducedKeyedByTheCaseNumber() throws Exception {
    HttpResponse<String> r = post("/api/v1/cases/CF-7003/actions", "application/json",
        "{\"type\":\"RESOLVED\",\"actor\":\"AG-1\",\"time\":\"2026-03-01T09:30:00Z\",\"note\":\"called back\","
            + "\"resolution\":{\"rootCause\":\"courier\",\"summary\":\"refund issued\",\"compensationType\":\"REFUND\","
            + "\"compensationAmount\":\"1500.5\",\"currency\":\"RUB\"}}", Map.of());
    assertEquals(202, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals("CF-7003", body.get("caseNumber").asText());
    assertEquals("accepted", body.get("status").asText());
    assertTrue(!body.has("caseId"), "the intake does not know the case id: " + r.body());
    ConsumerRecord<String, CaseAction> rec = action(body.get("actionId").asText());
    assertEquals("CF-7003", rec.key());
    CaseAction a = rec.value();
    assertEquals("CF-7003", a.getCaseNumber());
    assertEquals("", a.getCaseId(), "the processor finds the case id from the number");
    assertEquals(CaseActionType.RESOLVED, a.getType());
    assertEquals("AG-1", a.getActor());
    assertEquals(Instant.parse("2026-03-01T09:30:00Z"), a.getAt());
    assertEquals(CompensationType.REFUND, a.getResolution().getCompensationType());
    assertEquals(new BigDecimal("1500.50"), a.getResolution().getCompensationAmount());
    assertEquals("RUB", a.getResolution().getCurrency());
  }

  @Test
  void sameIdempotencyKeyGivesTheSameActionOnce() throws Exception {
    String key = UUID.randomUUID().toString();
    String json = "{\"type\":\"RESPONDED\",\"actor\":\"AG-1\",\"note\":\"first answer\"}";
    HttpResponse<String> first = post("/api/v1/cases/CF-7003/actions", "application/json", json,
        Map.of("Idempotency-Key", key));
    HttpResponse<String> second = post("/api/v1/cases/CF-7003/actions", "application/json; charset=utf-8", json,
        Map.of("Idempotency-Key", key));
    assertEquals(202, first.statusCode(), first.body());
    assertEquals(202, second.statusCode(), second.body());
    String id = JSON.readTree(first.body()).get("actionId").asText();
    assertEquals(ComplaintIds.caseActionId("CF-7003", key), id);
    assertEquals(id, JSON.readTree(second.body()).get("actionId").asText());
    assertEquals("true", second.headers().firstValue("Idempotent-Replayed").orElse(""));
    String marker = JSON.readTree(post("/api/v1/cases/CF-7003/actions", "application/json",
        "{\"type\":\"PENDING_CUSTOMER\",\"actor\":\"AG-1\"}", Map.of()).body()).get("actionId").asText();
    List<ConsumerRecord<String, CaseAction>> all = TopicReader.readUntil(kafka, actionsTopic, actions,
        l -> l.stream().anyMatch(x -> x.value().getActionId().equals(marker)), Duration.ofSeconds(30));
    assertEquals(1, all.stream().filter(x -> x.value().getActionId().equals(id)).count());
  }

  @Test
  void anyCaseNumberIsAcceptedAtTheFirstRequestWithoutAnyLookup() throws Exception {
    // no event of CF-9001 exists anywhere: the intake does not wait for one
    HttpResponse<String> r = post("/api/v1/cases/CF-9001/actions", "application/json",
        "{\"type\":\"REASSIGN\",\"actor\":\"sup-1\",\"targetAgentId\":\"AG-7\"}", Map.of());
    assertEquals(202, r.statusCode(), r.body());
    ConsumerRecord<String, CaseAction> rec = action(JSON.readTree(r.body()).get("actionId").asText());
    assertEquals("CF-9001", rec.key());
    assertEquals("CF-9001", rec.value().getCaseNumber());
    assertEquals("AG-7", rec.value().getTargetAgentId());
  }

  @Test
  void aNumberNoCaseCanHaveIs404AndNothingIsProduced() throws Exception {
    for (String number : List.of("ABC-1", "CF-07003", "cf-7003", "CF-1234567890123456789")) {
      HttpResponse<String> r = post("/api/v1/cases/" + number + "/actions", "application/json",
          "{\"type\":\"RESPONDED\",\"actor\":\"AG-1\"}", Map.of());
      assertEquals(404, r.statusCode(), number + ": " + r.body());
      JsonNode body = JSON.readTree(r.body());
      assertEquals("unknown-case", body.get("error").asText());
      assertTrue(body.get("message").asText().contains("CF-"), r.body());
    }
    String marker = JSON.readTree(post("/api/v1/cases/CF-1/actions", "application/json",
        "{\"type\":\"RESPONDED\",\"actor\":\"marker-404\"}", Map.of()).body()).get("actionId").asText();
    List<ConsumerRecord<String, CaseAction>> all = TopicReader.readUntil(kafka, actionsTopic, actions,
        l -> l.stream().anyMatch(x -> x.value().getActionId().equals(marker)), Duration.ofSeconds(30));
    assertTrue(all.stream().noneMatch(x -> x.value().getActor().equals("AG-1")
        && !x.value().getCaseNumber().matches("CF-[0-9]+")), "nothing produced for the 404s");
  }

  @Test
  void errorsAre400NamingEachField401415And413() throws Exception {
    HttpResponse<String> bad = post("/api/v1/cases/CF-7003/actions", "application/json",
        "{\"type\":\"CLOSED\",\"satisfaction\":7,\"resolution\":{\"compensationAmount\":\"abc\"}}", Map.of());
    assertEquals(400, bad.statusCode(), bad.body());
    List<String> fields = new ArrayList<>();
    JSON.readTree(bad.body()).get("fields").forEach(f -> fields.add(f.get("field").asText() + ":" + f.get("reason").asText()));
    assertEquals(List.of("actor:missing-field", "resolution:invalid-field", "satisfaction:invalid-field"),
        fields.stream().sorted().toList());

    HttpResponse<String> badNumber = post("/api/v1/cases/CF%20*/actions", "application/json",
        "{\"type\":\"RESPONDED\",\"actor\":\"AG-1\"}", Map.of());
    assertEquals(400, badNumber.statusCode(), badNumber.body());
    assertEquals("caseNumber", JSON.readTree(badNumber.body()).get("fields").get(0).get("field").asText());

    HttpRequest noKey = HttpRequest.newBuilder(URI.create(base + "/api/v1/cases/CF-7003/actions"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"RESPONDED\",\"actor\":\"AG-1\"}")).build();
    HttpResponse<String> unauthorized = client.send(noKey, HttpResponse.BodyHandlers.ofString());
    assertEquals(401, unauthorized.statusCode());
    assertEquals("bad-api-key", JSON.readTree(unauthorized.body()).get("error").asText());

    HttpResponse<String> form = post("/api/v1/cases/CF-7003/actions", "application/x-www-form-urlencoded",
        "type=RESPONDED&actor=AG-1", Map.of());
    assertEquals(415, form.statusCode());
    assertEquals("unsupported-content-type", JSON.readTree(form.body()).get("error").asText());

    HttpResponse<String> large = post("/api/v1/cases/CF-7003/actions", "application/json",
        "{\"type\":\"RESPONDED\",\"actor\":\"AG-1\",\"note\":\"" + "x".repeat(5000) + "\"}", Map.of());
    assertEquals(413, large.statusCode());
    assertEquals("body-too-large", JSON.readTree(large.body()).get("error").asText());

    HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cases/CF-7003/actions"))
        .header("X-Api-Key", KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
  }

  @Test
  void healthIsUpWithoutACasesTopicAndHasNoCaseDirectory() throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(!JSON.readTree(r.body()).get("components").has("caseDirectory"), r.body());
  }

  private static ConsumerRecord<String, CaseAction> action(String actionId) {
    List<ConsumerRecord<String, CaseAction>> found = TopicReader.readUntil(kafka, actionsTopic, actions,
        l -> l.stream().anyMatch(x -> x.value().getActionId().equals(actionId)), Duration.ofSeconds(30));
    return found.stream().filter(x -> x.value().getActionId().equals(actionId)).findFirst()
        .orElseThrow(() -> new AssertionError("action " + actionId + " not on " + actionsTopic));
  }

  private static HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
        .header("X-Api-Key", KEY).POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
