package com.complaintflow.intake.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.IntakeConfig;
import com.complaintflow.intake.IntakeService;
import com.complaintflow.intake.testing.SelfSignedKeyStore;
import com.complaintflow.intake.testing.TopicReader;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API over TLS (http.tls.*) with a self-signed key store made for the test. */
class TlsIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();
  @TempDir static Path dir;

  private static final String KEY = "tls-key";
  private static final String PASSWORD = "Tls-Store-Secret-93";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path keyStore;
  private static IntakeService service;
  private static String complaintsTopic;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    keyStore = SelfSignedKeyStore.create(dir, PASSWORD, "PKCS12");
    complaintsTopic = kafka.createTopic("complaints-tls-" + UUID.randomUUID(), 1);
    service = new IntakeService(new IntakeConfig(config(PASSWORD)), Clock.systemUTC()).start();
    port = service.http().port();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.stop();
    }
  }

  private static Map<String, Object> config(String password) {
    Map<String, Object> cfg = new HashMap<>();
    cfg.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    cfg.put("schema.registry.url", registry.url());
    cfg.put("topic.complaints", complaintsTopic);
    cfg.put("http.port", "0");
    cfg.put("http.bind.address", "127.0.0.1");
    cfg.put("http.api.keys", KEY);
    cfg.put("raw.topics.enabled", "false");
    cfg.put("case.actions.enabled", "false");
    cfg.put("http.tls.enabled", "true");
    cfg.put("http.tls.keystore.path", keyStore.toString());
    cfg.put("http.tls.keystore.password", password);
    return cfg;
  }

  @Test
  void complaintOverHttpsIsAcceptedAndProduced() throws Exception {
    HttpClient client = HttpClient.newBuilder()
        .sslContext(SelfSignedKeyStore.clientTrusting(keyStore, PASSWORD, "PKCS12"))
        .connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/api/v1/complaints"))
        .header("Content-Type", "application/json").header("X-Api-Key", KEY).timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"secure@example.com\",\"text\":\"sent over TLS\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(202, r.statusCode(), r.body());
    String id = JSON.readTree(r.body()).get("complaintId").asText();
    List<ConsumerRecord<String, Complaint>> all = TopicReader.readUntil(kafka, complaintsTopic,
        new TopicCatalog(Map.of("schema.registry.url", registry.url())).complaints().valueSerde().deserializer(),
        l -> l.stream().anyMatch(x -> x.value().getComplaintId().equals(id)), Duration.ofSeconds(30));
    Complaint c = all.stream().filter(x -> x.value().getComplaintId().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("complaint " + id + " not on " + complaintsTopic)).value();
    assertEquals("sent over TLS", c.getBody());
    assertEquals("secure@example.com", c.getClientKey());
  }

  @Test
  void plainHttpToTheTlsPortGetsNoAnswer() {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    IOException e = assertThrows(IOException.class, () -> plain.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/complaints"))
            .header("Content-Type", "application/json").header("X-Api-Key", KEY).timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"plain@example.com\",\"text\":\"no TLS\"}")).build(),
        HttpResponse.BodyHandlers.ofString()));
    assertFalse(e instanceof HttpTimeoutException, "the server closes the connection rather than leaving it hanging: " + e);
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
    HttpClient defaultTrust = HttpClient.newBuilder().sslContext(SSLContext.getDefault())
        .connectTimeout(Duration.ofSeconds(10)).build();
    IOException e = assertThrows(IOException.class, () -> defaultTrust.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString()));
    assertTrue(e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException, e.toString());
  }

  @Test
  void wrongKeyStorePasswordStopsTheStartWithAnErrorNamingTheKey() {
    String wrong = "Not-The-Password-1";
    IntakeService broken = new IntakeService(new IntakeConfig(config(wrong)), Clock.systemUTC());
    try {
      ConfigException e = assertThrows(ConfigException.class, broken::start);
      assertTrue(e.getMessage().contains("http.tls.keystore.password"), e.getMessage());
      assertTrue(e.getMessage().contains("wrong password"), e.getMessage());
      assertFalse(e.getMessage().contains(wrong), e.getMessage());
      assertEquals(null, broken.http(), "nothing was started");
    } finally {
      broken.stop();
    }
  }
}
