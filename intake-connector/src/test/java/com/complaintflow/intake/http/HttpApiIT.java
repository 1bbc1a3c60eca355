package com.complaintflow.intake.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.IntakeConfig;
import com.complaintflow.intake.IntakeService;
import com.complaintflow.intake.normalize.ComplaintIds;
import com.complaintflow.intake.testing.TopicReader;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

/** The HTTP API against a real broker and registry: accepted inputs, every HTTP reject reason, idempotency. */
class HttpApiIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();

  private static final String KEY = "test-api-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient client = HttpClient.newHttpClient();
  private static IntakeService service;
  private static String complaintsTopic;
  private static String rejectsTopic;
  private static Deserializer<Complaint> complaints;
  private static Deserializer<RejectedInput> rejects;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    complaintsTopic = kafka.createTopic("complaints-http-" + UUID.randomUUID(), 3);
    rejectsTopic = kafka.createTopic("rejected-http-" + UUID.randomUUID(), 1);
    Map<String, Object> cfg = new HashMap<>();
    cfg.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    cfg.put("schema.registry.url", registry.url());
    cfg.put("topic.complaints", complaintsTopic);
    cfg.put("topic.complaints.rejected", rejectsTopic);
    cfg.put("http.port", "0");
    cfg.put("http.bind.address", "127.0.0.1");
    cfg.put("http.api.keys", "other-key, " + KEY);
    cfg.put("http.max.body.bytes", "4096");
    cfg.put("raw.topics.enabled", "false");
    cfg.put("cdr.time.zone", "Europe/Moscow");
    service = new IntakeService(new IntakeConfig(cfg), Clock.systemUTC()).start();
    base = "http://127.0.0.1:" + service.http().port();
    TopicCatalog catalog = new TopicCatalog(Map.of("schema.registry.url", registry.url()));
    complaints = catalog.complaints().valueSerde().deserializer();
    rejects = catalog.complaintsRejected().valueSerde().deserializer();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.stop();
    }
  }

  @Test
  void webJsonBecomesComplaint() throws Exception {
    HttpResponse<String> r = post("/api/v1/complaints", "application/json",
        "{\"name\":\"Ivan Petrov\",\"email\":\"Ivan@Example.com\",\"phone\":\"+7 495 123-45-67\",\"orderRef\":\"ORD-42\","
            + "\"subject\":\"Late delivery\",\"text\":\"My order is two weeks late.\",\"language\":\"ru\","
            + "\"consent\":{\"contactByEmail\":true,\"dataProcessing\":true}}", Map.of());
    assertEquals(202, r.statusCode(), r.body());
    String id = JSON.readTree(r.body()).get("complaintId").asText();
    ConsumerRecord<String, Complaint> rec = complaint(id);
    Complaint c = rec.value();
    assertEquals("ivan@example.com", rec.key());
    assertEquals(Channel.WEB, c.getChannel());
    assertEquals("web-api", c.getSourceSystem());
    assertEquals("Ivan Petrov", c.getContact().getName());
    assertEquals("+74951234567", c.getContact().getPhone());
    assertEquals("ORD-42", c.getOrderRef());
    assertEquals("Late delivery", c.getSubject());
    assertEquals("My order is two weeks late.", c.getBody());
    assertEquals("ru", c.getLanguage());
    assertTrue(c.getConsent().getDataProcessing());
    assertEquals(r.headers().firstValue("X-Request-Id").orElseThrow(), c.getAttributes().get("http.requestId"));
  }

  @Test
  void webFormBecomesComplaint() throws Exception {
    HttpResponse<String> r = post("/api/v1/complaints", "application/x-www-form-urlencoded; charset=UTF-8",
        "name=%D0%98%D0%B2%D0%B0%D0%BD&phone=8+495+765-43-21&accountId=ACC-9&text=%D0%A2%D0%B5%D1%81%D1%82&consentPhone=on",
        Map.of());
    assertEquals(202, r.statusCode(), r.body());
    Complaint c = complaint(JSON.readTree(r.body()).get("complaintId").asText()).value();
    assertEquals("ACC-9", c.getClientKey());
    assertEquals("Иван", c.getContact().getName());
    assertEquals("+74957654321", c.getContact().getPhone());
    assertEquals("Тест", c.getBody());
    assertTrue(c.getConsent().getContactByPhone());
    assertEquals("application/x-www-form-urlencoded", c.getAttributes().get("http.contentType"));
  }

  @Test
  void sameIdempotencyKeyTwiceGivesOneComplaint() throws Exception {
    String key = UUID.randomUUID().toString();
    String body = "{\"email\":\"twice@example.com\",\"text\":\"once please\"}";
    HttpResponse<String> first = post("/api/v1/complaints", "application/json", body, Map.of("Idempotency-Key", key));
    HttpResponse<String> second = post("/api/v1/complaints", "application/json", body, Map.of("Idempotency-Key", key));
    assertEquals(202, first.statusCode());
    assertEquals(202, second.statusCode());
    String id = JSON.readTree(first.body()).get("complaintId").asText();
    assertEquals(id, JSON.readTree(second.body()).get("complaintId").asText());
    assertEquals(ComplaintIds.complaintId(Channel.WEB, key), id);
    assertEquals("true", second.headers().firstValue("Idempotent-Replayed").orElse(""));
    // a later record proves the topic was read past any duplicate
    String marker = JSON.readTree(post("/api/v1/complaints", "application/json",
        "{\"email\":\"twice@example.com\",\"text\":\"marker\"}", Map.of()).body()).get("complaintId").asText();
    List<ConsumerRecord<String, Complaint>> all = TopicReader.readUntil(kafka, complaintsTopic, complaints,
        l -> l.stream().anyMatch(x -> x.value().getComplaintId().equals(marker)), Duration.ofSeconds(30));
    assertEquals(1, all.stream().filter(x -> x.value().getComplaintId().equals(id)).count());
  }

  @Test
  void jsonCallRecordBecomesComplaintAndSameCallIdTwiceGivesOneComplaint() throws Exception {
    String body = "{\"callId\":\"call-777\",\"callerNumber\":\"8 (812) 555-12-34\",\"calledNumber\":\"+7 800 100-00-00\","
        + "\"queue\":\"complaints\",\"agentId\":\"agent-5\",\"startedAt\":\"2025-03-01T09:00:00Z\","
        + "\"answeredAt\":\"2025-03-01T09:00:20Z\",\"endedAt\":\"2025-03-01T09:06:00Z\",\"disposition\":\"answered\","
        + "\"notes\":\"Client demands a refund for order 42\"}";
    HttpResponse<String> r1 = post("/api/v1/calls", "application/json", body, Map.of());
    HttpResponse<String> r2 = post("/api/v1/calls", "application/json", body, Map.of());
    assertEquals(202, r1.statusCode(), r1.body());
    String id = JSON.readTree(r1.body()).get("complaintId").asText();
    assertEquals(id, JSON.readTree(r2.body()).get("complaintId").asText());
    Complaint c = complaint(id).value();
    assertEquals(Channel.PHONE, c.getChannel());
    assertEquals("+78125551234", c.getClientKey());
    assertEquals("call-777", c.getCall().getCallId());
    assertEquals("+78001000000", c.getCall().getCalledNumber());
    assertEquals("complaints", c.getCall().getQueue());
    assertEquals("agent-5", c.getCall().getAgentId());
    assertEquals("ANSWERED", c.getCall().getDisposition());
    assertEquals(360L, c.getCall().getDurationSeconds()); // started -> ended
    assertTrue(c.getCall().getHasNotes());
    assertEquals(Instant.parse("2025-03-01T09:00:20Z"), c.getCall().getAnsweredAt());
    String marker = JSON.readTree(post("/api/v1/calls", "application/json",
        "{\"callId\":\"marker-" + UUID.randomUUID() + "\",\"callerNumber\":\"+78125551234\"}", Map.of()).body()).get("complaintId").asText();
    List<ConsumerRecord<String, Complaint>> all = TopicReader.readUntil(kafka, complaintsTopic, complaints,
        l -> l.stream().anyMatch(x -> x.value().getComplaintId().equals(marker)), Duration.ofSeconds(30));
    assertEquals(1, all.stream().filter(x -> x.value().getComplaintId().equals(id)).count());
  }

  @Test
  void twilioCallbackBecomesComplaintWithoutNotes() throws Exception {
    HttpResponse<String> ringing = post("/api/v1/calls/twilio", "application/x-www-form-urlencoded",
        "CallSid=CA123&From=%2B74951112233&To=%2B78001000000&CallStatus=ringing", Map.of());
    assertEquals(202, ringing.statusCode());
    assertEquals("ignored", JSON.readTree(ringing.body()).get("status").asText());
    String basic = java.util.Base64.getEncoder().encodeToString(("twilio:" + KEY).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/calls/twilio"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
        .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA123&AccountSid=AC1&From=%2B74951112233&To=%2B78001000000"
            + "&CallStatus=no-answer&CallDuration=0&Direction=inbound&Timestamp=Sat%2C+01+Mar+2025+10%3A00%3A00+%2B0000"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(202, r.statusCode(), r.body());
    Complaint c = complaint(JSON.readTree(r.body()).get("complaintId").asText()).value();
    assertEquals("twilio", c.getSourceSystem());
    assertEquals("CA123", c.getSourceId());
    assertEquals("+74951112233", c.getClientKey());
    assertEquals("NO_ANSWER", c.getCall().getDisposition());
    assertFalse(c.getCall().getHasNotes());
    assertEquals("", c.getBody());
    assertEquals(Instant.parse("2025-03-01T10:00:00Z"), c.getCall().getEndedAt());
    assertEquals("AC1", c.getAttributes().get("twilio.accountSid"));
  }

  @Test
  void asteriskCdrLinesBecomeComplaintsAndMalformedLinesRejects() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes("\"\",\"84993332211\",\"100\",\"complaints\",\"\"\"".getBytes(StandardCharsets.US_ASCII));
    body.writeBytes("Пётр".getBytes("KOI8-R"));
    body.writeBytes(("\"\" <84993332211>\",\"SIP/trunk-1\",\"\",\"Queue\",\"complaints,t\",\"2025-03-01 12:00:00\",\"\","
        + "\"2025-03-01 12:02:00\",\"120\",\"0\",\"NO ANSWER\",\"DOCUMENTATION\",\"1740819600.7\",\"\"\r\n"
        + "this,is,not,a,cdr\r\n").getBytes(StandardCharsets.US_ASCII));
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/calls/asterisk-cdr"))
        .header("Content-Type", "text/csv").header("X-Api-Key", KEY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(202, r.statusCode(), r.body());
    JsonNode json = JSON.readTree(r.body());
    assertEquals(1, json.get("accepted").asInt());
    assertEquals("malformed-csv", json.get("lines").get(1).get("error").asText());
    Complaint c = complaint(json.get("lines").get(0).get("complaintId").asText()).value();
    assertEquals("asterisk", c.getSourceSystem());
    assertEquals("+74993332211", c.getClientKey());
    assertEquals("1740819600.7", c.getCall().getCallId());
    assertEquals("NO_ANSWER", c.getCall().getDisposition());
    assertFalse(c.getCall().getHasNotes());
    assertEquals(Instant.parse("2025-03-01T09:00:00Z"), c.getCall().getStartedAt());
    assertNotNull(c.getContact().getName());
    RejectedInput rej = reject(r.headers().firstValue("X-Request-Id").orElseThrow(), "malformed-csv");
    assertEquals(Channel.PHONE, rej.getChannel());
    assertEquals("2", rej.getAttributes().get("cdr.line"));
    assertTrue(rej.getExcerpt().contains("this,is,not,a,cdr"));
  }

  @Test
  void rejectsCarryReasonChannelAndRequestId() throws Exception {
    expectReject(post("/api/v1/complaints", "application/json", "{\"email\": ", Map.of()), 400, "invalid-json", Channel.WEB);
    expectReject(post("/api/v1/complaints", "application/json", "{\"name\":\"x\",\"text\":\"t\"}", Map.of()),
        400, "missing-contact-point", Channel.WEB);
    HttpResponse<String> badPhone = post("/api/v1/complaints", "application/json",
        "{\"phone\":\"12\",\"email\":\"bad\",\"text\":\"t\"}", Map.of());
    expectReject(badPhone, 400, "bad-phone-number", Channel.WEB);
    JsonNode fields = JSON.readTree(badPhone.body()).get("fields");
    assertEquals(2, fields.size(), badPhone.body());
    expectReject(post("/api/v1/complaints", "application/json", "{\"email\":\"a@b.ru\",\"text\":\"" + "x".repeat(5000) + "\"}",
        Map.of()), 413, "body-too-large", Channel.WEB);
    expectReject(post("/api/v1/complaints", "text/plain", "hello", Map.of()), 415, "unsupported-content-type", Channel.WEB);
    expectReject(post("/api/v1/calls", "application/json", "{\"callId\":\"c9\",\"callerNumber\":\"anonymous\"}", Map.of()),
        400, "bad-phone-number", Channel.PHONE);
    expectReject(post("/api/v1/calls/asterisk-cdr", "text/csv", "a,b\n", Map.of()), 400, "malformed-csv", Channel.PHONE);
  }

  /**
   * A client that sends its whole (oversize) body before reading gets the 413 and its JSON, not a
   * connection reset: with and without Content-Length (chunked).
   */
  @Test
  void oversizeBodyIsAnswered413WhileTheClientIsStillSending() throws Exception {
    byte[] big = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'x');
    HttpResponse<String> fixed = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/complaints"))
        .header("Content-Type", "application/json").header("X-Api-Key", KEY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofString());
    expectReject(fixed, 413, "body-too-large", Channel.WEB);
    HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/calls"))
        .header("Content-Type", "application/json").header("X-Api-Key", KEY)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build(),
        HttpResponse.BodyHandlers.ofString());
    expectReject(chunked, 413, "body-too-large", Channel.PHONE);
    // the server is fine afterwards
    expectReject(post("/api/v1/complaints", "application/json", "{\"email\": ", Map.of()), 400, "invalid-json", Channel.WEB);
  }

  @Test
  void unknownTwilioStatusIsRefusedAndRecorded() throws Exception {
    HttpResponse<String> r = post("/api/v1/calls/twilio", "application/x-www-form-urlencoded",
        "CallSid=CA404&From=%2B74951112233&To=%2B78001000000&CallStatus=exploded", Map.of());
    expectReject(r, 400, "invalid-field", Channel.PHONE);
    assertEquals("CallStatus", JSON.readTree(r.body()).get("fields").get(0).get("field").asText());
  }

  @Test
  void badApiKeyIs401AndWritesNothing() throws Exception {
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/complaints"))
        .header("Content-Type", "application/json").header("X-Api-Key", "wrong")
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"a@b.ru\",\"text\":\"t\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, r.statusCode());
    assertEquals("bad-api-key", JSON.readTree(r.body()).get("error").asText());
    HttpResponse<String> none = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/calls"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(401, none.statusCode());
    String requestId = r.headers().firstValue("X-Request-Id").orElseThrow();
    // a later reject proves the topic was read past where a 401 record would be
    HttpResponse<String> later = post("/api/v1/complaints", "text/plain", "x", Map.of());
    String laterId = later.headers().firstValue("X-Request-Id").orElseThrow();
    List<ConsumerRecord<String, RejectedInput>> all = TopicReader.readUntil(kafka, rejectsTopic, rejects,
        l -> l.stream().anyMatch(x -> laterId.equals(x.value().getRequestId())), Duration.ofSeconds(30));
    assertTrue(all.stream().anyMatch(x -> laterId.equals(x.value().getRequestId())));
    assertTrue(all.stream().noneMatch(x -> requestId.equals(x.value().getRequestId())));
  }

  @Test
  void healthAndOpenApi() throws Exception {
    HttpResponse<String> h = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, h.statusCode(), h.body());
    JsonNode health = JSON.readTree(h.body());
    assertEquals("UP", health.get("components").get("kafka").get("status").asText());
    assertEquals("UP", health.get("components").get("schemaRegistry").get("status").asText());
    HttpResponse<String> o = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/openapi.json")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, o.statusCode());
    JsonNode doc = JSON.readTree(o.body());
    assertTrue(doc.get("openapi").asText().startsWith("3."));
    assertNotNull(doc.get("paths").get("/api/v1/complaints"));
    HttpResponse<String> missing = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/nothing")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(404, missing.statusCode());
  }

  /**
   * An unexpected failure in a handler, exception or error, is answered 500 with the request id and
   * a fixed message: no exception class, message or stack trace reaches the client.
   */
  @Test
  void unexpectedFailuresAre500WithTheRequestIdAndNoExceptionDetails() throws Exception {
    service.http().addRoute(new Route("POST", "/api/v1/test/fails", null, true, request -> {
      throw new IllegalStateException("secret-internal-detail in com.complaintflow.Hidden");
    }));
    service.http().addRoute(new Route("POST", "/api/v1/test/errs", null, true, request -> {
      throw new AssertionError("secret-internal-detail");
    }));
    for (String path : List.of("/api/v1/test/fails", "/api/v1/test/errs")) {
      HttpResponse<String> r = post(path, "application/json", "{}", Map.of());
      assertEquals(500, r.statusCode(), r.body());
      JsonNode body = JSON.readTree(r.body());
      assertEquals("internal-error", body.get("error").asText());
      assertEquals(r.headers().firstValue("X-Request-Id").orElseThrow(), body.get("requestId").asText());
      assertEquals("unexpected error; see logs with this request id", body.get("message").asText());
      for (String leak : List.of("Exception", "Error", "secret-internal-detail", "com.complaintflow", "java.", "\tat ")) {
        assertFalse(r.body().contains(leak), path + " answer holds '" + leak + "': " + r.body());
      }
    }
    // the server goes on answering
    expectReject(post("/api/v1/complaints", "application/json", "{\"email\": ", Map.of()), 400, "invalid-json", Channel.WEB);
  }

  /** Without http.bench.noop.enabled the benchmarks' baseline path is unknown, like any other. */
  @Test
  void benchNoopIsAbsentByDefault() throws Exception {
    HttpResponse<String> r = post("/api/v1/bench/noop", "application/json", "{}", Map.of());
    assertEquals(404, r.statusCode(), r.body());
    assertEquals("not-found", JSON.readTree(r.body()).get("error").asText());
  }

  private static void expectReject(HttpResponse<String> r, int status, String reason, Channel channel) throws Exception {
    assertEquals(status, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals(reason, body.get("error").asText());
    String requestId = r.headers().firstValue("X-Request-Id").orElseThrow();
    assertEquals(requestId, body.get("requestId").asText());
    RejectedInput rej = reject(requestId, reason);
    assertEquals(channel, rej.getChannel());
    assertNotNull(rej.getSourceSystem());
    if (status == 413) {
      assertNull(rej.getExcerpt());
    }
  }

  private static RejectedInput reject(String requestId, String reason) {
    List<ConsumerRecord<String, RejectedInput>> all = TopicReader.readUntil(kafka, rejectsTopic, rejects,
        l -> l.stream().anyMatch(x -> requestId.equals(x.value().getRequestId()) && reason.equals(x.value().getReason())),
        Duration.ofSeconds(30));
    return all.stream().filter(x -> requestId.equals(x.value().getRequestId()) && reason.equals(x.value().getReason()))
        .findFirst().orElseThrow(() -> new AssertionError("no reject " + reason + " for request " + requestId)).value();
  }

  private static ConsumerRecord<String, Complaint> complaint(String id) {
    List<ConsumerRecord<String, Complaint>> all = TopicReader.readUntil(kafka, complaintsTopic, complaints,
        l -> l.stream().anyMatch(x -> x.value().getComplaintId().equals(id)), Duration.ofSeconds(30));
    return all.stream().filter(x -> x.value().getComplaintId().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("complaint " + id + " not on " + complaintsTopic));
  }

  private static HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
        .header("X-Api-Key", KEY).POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
