package com.complaintflow.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.avro.Complaint;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's HTTP behaviour (retries, errors, caching, auth) against a scripted local HTTP
 * server; the real registry is exercised by the integration tests.
 */
class RestSchemaRegistryClientTest {
  private HttpServer server;
  private final Queue<int[]> statuses = new ConcurrentLinkedQueue<>();
  private final Queue<String> bodies = new ConcurrentLinkedQueue<>();
  private final AtomicInteger hits = new AtomicInteger();
  private final Queue<String> seenAuth = new ConcurrentLinkedQueue<>();
  private final Queue<String> seenPaths = new ConcurrentLinkedQueue<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    hits.incrementAndGet();
    seenPaths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    seenAuth.add(auth == null ? "" : auth);
    int[] status = statuses.poll();
    String body = bodies.poll();
    byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status == null ? 200 : status[0], bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private void script(int status, String body) {
    statuses.add(new int[] {status});
    bodies.add(body);
  }

  private RestSchemaRegistryClient client(String userInfo) {
    return new RestSchemaRegistryClient(
        List.of("http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7/"),
        userInfo, Duration.ofSeconds(5), 3, 5);
  }

  @Test
  void registersOnceThenServesFromCache() {
    script(200, "{\"id\":17}");
    RestSchemaRegistryClient client = client(null);
    assertEquals(17, client.register("complaints-value", Complaint.getClassSchema()));
    assertEquals(17, client.register("complaints-value", Complaint.getClassSchema()));
    assertEquals(Complaint.getClassSchema(), client.schemaById(17));
    assertEquals(1, client.requestCount());
    assertEquals("POST /apis/ccompat/v7/subjects/complaints-value/versions", seenPaths.peek());
  }

  @Test
  void retriesServerErrorsThenSucceeds() {
    script(503, "{\"error_code\":50301,\"message\":\"busy\"}");
    script(500, "oops");
    script(200, "{\"id\":5}");
    assertEquals(5, client(null).register("s-value", Complaint.getClassSchema()));
    assertEquals(3, hits.get());
  }

  @Test
  void givesUpAfterBoundedRetries() {
    for (int i = 0; i < 10; i++) {
      script(503, "{\"message\":\"down\"}");
    }
    SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
        () -> client(null).register("s-value", Complaint.getClassSchema()));
    assertEquals(503, e.status());
    assertEquals(4, hits.get()); // first try + 3 retries
  }

  @Test
  void incompatibleSchemaFailsAtOnceNamingTheSubject() {
    for (int i = 0; i < 5; i++) {
      script(409, "{\"error_code\":409,\"message\":\"Schema being registered is incompatible\"}");
      script(404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
    }
    SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
        () -> client(null).register("complaints-value", Complaint.getClassSchema()));
    assertTrue(e.isIncompatible());
    assertTrue(e.getMessage().contains("complaints-value"), e.getMessage());
    assertTrue(e.getMessage().contains("incompatible"), e.getMessage());
    assertEquals(10, hits.get()); // five rounds of register + a look-up that does not find it
  }

  @Test
  void concurrentRegistrationConflictResolvesToTheRegisteredId() {
    script(409, "{\"error_code\":0,\"message\":\"Artifact already exists\"}");
    script(200, "{\"id\":23,\"subject\":\"complaints-value\",\"version\":1}");
    assertEquals(23, client(null).register("complaints-value", Complaint.getClassSchema()));
    assertEquals(List.of("POST /apis/ccompat/v7/subjects/complaints-value/versions",
        "POST /apis/ccompat/v7/subjects/complaints-value"), List.copyOf(seenPaths));
  }

  @Test
  void conflictWhoseWinnerIsNotVisibleYetIsRetried() {
    script(409, "{\"error_code\":0,\"message\":\"Artifact already exists\"}");
    script(404, "{\"error_code\":40401,\"message\":\"not yet\"}");
    script(200, "{\"id\":31}");
    assertEquals(31, client(null).register("complaints-value", Complaint.getClassSchema()));
    assertEquals(3, hits.get());
  }

  @Test
  void unknownIdIsNotFound() {
    script(404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}");
    SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
        () -> client(null).schemaById(99));
    assertTrue(e.isNotFound());
    assertEquals(40403, e.errorCode());
  }

  @Test
  void sendsBasicAuth() {
    script(200, "{\"id\":1}");
    client("svc:s3cret").register("s-value", Complaint.getClassSchema());
    assertEquals("Basic c3ZjOnMzY3JldA==", seenAuth.peek());
  }

  @Test
  void unreachableRegistryIsRetriableAndSaysWhere() {
    RestSchemaRegistryClient dead = new RestSchemaRegistryClient(
        List.of("http://127.0.0.1:1"), null, Duration.ofSeconds(1), 1, 5);
    SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
        () -> dead.schemaById(1));
    assertTrue(e.isRetriable());
    assertTrue(e.getMessage().contains("127.0.0.1:1"), e.getMessage());
  }
}
