package com.complaintflow.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema Registry client over the standard Confluent REST API.
 *
 * <p>Ids and schemas are cached, so that once a serializer has written its first record, and a
 * deserializer has seen a schema id once, no further HTTP call is made. Connection failures and
 * 5xx answers are retried with exponential backoff and jitter; 4xx answers fail at once with
 * the subject and the registry's explanation. With several URLs, each retry moves to the next.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
  private static final Logger log = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Look-ups after a 409 on register before it is taken as a real incompatibility. */
  private static final int CONFLICT_RETRIES = 4;

  private final List<String> baseUrls;
  private final String authorization;
  private final Duration requestTimeout;
  private final int maxRetries;
  private final long retryBackoffMs;
  private final HttpClient http;
  private final AtomicLong requests = new AtomicLong();
  private volatile int currentUrl;

  private final Map<SubjectSchema, Integer> registered = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> lookedUp = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

  private record SubjectSchema(String subject, Schema schema) {}

  /**
   * @param baseUrls one or more registry base URLs, e.g. http://host:8081 or
   *     http://host:8080/apis/ccompat/v7
   * @param userInfo "user:password" for HTTP basic auth, or null
   */
  public RestSchemaRegistryClient(
      List<String> baseUrls,
      String userInfo,
      Duration requestTimeout,
      int maxRetries,
      long retryBackoffMs) {
    if (baseUrls == null || baseUrls.isEmpty()) {
      throw new IllegalArgumentException("schema.registry.url is empty: give at least one URL");
    }
    this.baseUrls = new ArrayList<>();
    for (String url : baseUrls) {
      String trimmed = url.trim();
      while (trimmed.endsWith("/")) {
        trimmed = trimmed.substring(0, trimmed.length() - 1);
      }
      this.baseUrls.add(trimmed);
    }
    this.authorization =
        userInfo == null || userInfo.isBlank()
            ? null
            : "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    this.requestTimeout = Objects.requireNonNull(requestTimeout);
    this.maxRetries = Math.max(0, maxRetries);
    this.retryBackoffMs = Math.max(1, retryBackoffMs);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(requestTimeout)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  public RestSchemaRegistryClient(String baseUrl) {
    this(List.of(baseUrl), null, Duration.ofSeconds(10), 3, 100);
  }

  /** Number of HTTP requests sent so far (retries included); lets tests prove the cache works. */
  public long requestCount() {
    return requests.get();
  }

  @Override
  public String describe() {
    return String.join(",", baseUrls);
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = registered.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = null;
    SchemaRegistryException conflict = null;
    // Two writers registering the same new schema at once: some registries (Apicurio) answer the
    // loser with 409 "already exists", and for a moment the winner's version may not be visible
    // to a look-up yet. Look it up, and register again, a few times; a schema that is really
    // incompatible is never found, and the registry's 409 stands.
    for (int attempt = 0; answer == null; attempt++) {
      try {
        answer = call("POST", "/subjects/" + enc(subject) + "/versions", schemaBody(schema), subject);
      } catch (SchemaRegistryException e) {
        if (!e.isIncompatible()) {
          throw e;
        }
        conflict = e;
        try {
          int id = lookup(subject, schema);
          registered.put(key, id);
          return id;
        } catch (SchemaRegistryException notThere) {
          if (!notThere.isNotFound() || attempt >= CONFLICT_RETRIES) {
            throw conflict;
          }
        }
        sleepBeforeRetry(attempt + 1);
      }
    }
    int id = answer.path("id").asInt(-1);
    if (id < 0) {
      throw new SchemaRegistryException(
          "registry " + describe() + " answered register for subject " + subject
              + " without an id: " + abbreviate(answer.toString()), 200, 0);
    }
    registered.put(key, id);
    byId.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public int lookup(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = lookedUp.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("POST", "/subjects/" + enc(subject), schemaBody(schema), subject);
    int id = answer.path("id").asInt(-1);
    lookedUp.put(key, id);
    byId.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    JsonNode answer = call("GET", "/subjects/" + enc(subject) + "/versions/latest", null, subject);
    Schema schema = parse(answer.path("schema").asText());
    int id = answer.path("id").asInt();
    byId.putIfAbsent(id, schema);
    return new RegisteredSchema(subject, answer.path("version").asInt(), id, schema);
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = byId.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("GET", "/schemas/ids/" + id, null, null);
    String type = answer.path("schemaType").asText("AVRO");
    if (!"AVRO".equalsIgnoreCase(type)) {
      throw new SchemaRegistryException(
          "schema id " + id + " at " + describe() + " is of type " + type + ", not AVRO", 200, 0);
    }
    Schema schema = parse(answer.path("schema").asText());
    byId.put(id, schema);
    return schema;
  }

  @Override
  public List<Integer> versions(String subject) {
    JsonNode answer = call("GET", "/subjects/" + enc(subject) + "/versions", null, subject);
    List<Integer> out = new ArrayList<>();
    answer.forEach(n -> out.add(n.asInt()));
    return out;
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    JsonNode answer =
        call(
            "POST",
            "/compatibility/subjects/" + enc(subject) + "/versions/latest",
            schemaBody(schema),
            subject);
    return answer.path("is_compatible").asBoolean(false);
  }

  @Override
  public String compatibility(String subject) {
    try {
      JsonNode answer = call("GET", "/config/" + enc(subject), null, subject);
      return compatibilityOf(answer);
    } catch (SchemaRegistryException e) {
      if (!e.isNotFound()) {
        throw e;
      }
    }
    return compatibilityOf(call("GET", "/config", null, null));
  }

  private static String compatibilityOf(JsonNode answer) {
    // Confluent answers {"compatibilityLevel": ...}; some registries {"compatibility": ...}.
    JsonNode level = answer.get("compatibilityLevel");
    if (level == null) {
      level = answer.get("compatibility");
    }
    return level == null ? null : level.asText();
  }

  @Override
  public void setCompatibility(String subject, String level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level);
    call("PUT", "/config/" + enc(subject), body.toString(), subject);
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static Schema parse(String text) {
    return new Schema.Parser().parse(text);
  }

  private static String enc(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode call(String method, String path, String body, String subject) {
    SchemaRegistryException last = null;
    for (int attempt = 0; attempt <= maxRetries; attempt++) {
      if (attempt > 0) {
        sleepBeforeRetry(attempt);
      }
      int urlIndex = Math.floorMod(currentUrl, baseUrls.size());
      String url = baseUrls.get(urlIndex) + path;
      try {
        return once(method, url, body, subject);
      } catch (SchemaRegistryException e) {
        if (!e.isRetriable()) {
          throw e;
        }
        last = e;
        currentUrl = urlIndex + 1;
        log.warn(
            "schema registry call failed, will retry: method={} url={} attempt={} of={} status={} error={}",
            method, url, attempt + 1, maxRetries + 1, e.status(), e.getMessage());
      }
    }
    throw last;
  }

  private JsonNode once(String method, String url, String body, String subject) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(requestTimeout)
            .header("Accept", CONTENT_TYPE + ", application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    requests.incrementAndGet();
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SchemaRegistryException(
          "schema registry " + url + " unreachable: " + e, 0, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted while calling " + url, 0, 0, e);
    }
    int status = response.statusCode();
    String text = response.body() == null ? "" : response.body();
    if (status >= 200 && status < 300) {
      try {
        return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
      } catch (IOException e) {
        throw new SchemaRegistryException(
            "schema registry " + url + " sent a body that is not JSON: " + abbreviate(text),
            status, 0, e);
      }
    }
    throw errorFor(method, url, status, text, subject);
  }

  private SchemaRegistryException errorFor(
      String method, String url, int status, String text, String subject) {
    int errorCode = 0;
    String message = abbreviate(text);
    try {
      JsonNode error = JSON.readTree(text);
      errorCode = error.path("error_code").asInt(0);
      if (error.hasNonNull("message")) {
        message = error.get("message").asText();
      } else if (error.hasNonNull("detail")) {
        message = error.get("detail").asText();
      }
    } catch (IOException | RuntimeException notJson) {
      // keep the raw body
    }
    String what;
    if (status == 409) {
      what = "schema is incompatible with subject " + subject + " (compatibility "
          + "rules of the registry refuse it)";
    } else if (status == 404 && subject != null) {
      what = "subject " + subject + " or its version was not found";
    } else if (status == 404) {
      what = "not found";
    } else if (status == 401 || status == 403) {
      what = "not authorized: check basic.auth.credentials.source and basic.auth.user.info";
    } else if (status == 422) {
      what = "the registry rejected the schema as invalid" + (subject == null ? "" : " for subject " + subject);
    } else {
      what = "registry error";
    }
    return new SchemaRegistryException(
        what + ": HTTP " + status + " from " + method + " " + url + ": " + message,
        status,
        errorCode);
  }

  private void sleepBeforeRetry(int attempt) {
    long base = retryBackoffMs * (1L << Math.min(attempt - 1, 10));
    long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    try {
      Thread.sleep(jittered);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted while waiting to retry", 0, 0, e);
    }
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 500 ? oneLine : oneLine.substring(0, 500) + "...";
  }
}
