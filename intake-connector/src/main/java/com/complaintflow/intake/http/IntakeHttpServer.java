package com.complaintflow.intake.http;

import com.complaintflow.intake.normalize.FieldError;
import com.complaintflow.intake.normalize.Reasons;
import com.complaintflow.intake.normalize.RejectException;
import com.complaintflow.intake.normalize.Rejects;
import com.complaintflow.intake.publish.Acks;
import com.complaintflow.intake.publish.BufferFullException;
import com.complaintflow.intake.publish.ComplaintSink;
import com.complaintflow.intake.publish.SinkUnavailableException;
import com.complaintflow.schemas.avro.RejectedInput;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on the JDK's built-in server. One dispatcher does what every route shares:
 * request id, API key, body limit, error mapping (reason -> status, JSON body naming each invalid
 * field) and reject records; routes are added with {@link #addRoute} (e.g. /api/v1/cases/... later).
 *
 * <p>A refused request is answered only after its reject record was acknowledged by Kafka; when
 * the record cannot be stored the answer is 503 (429 when the producer's buffer is full), since the
 * input was then neither accepted nor recorded.
 *
 * <p>A body over the limit is read and discarded up to {@code maxDrainBytes} before the 413 is
 * sent, so that a client still sending its body receives the answer instead of a connection reset.
 *
 * <p>The worker pool and its queue are bounded: when both are full a new connection is closed at
 * once instead of piling up (the JDK server cannot answer it without a worker).
 *
 * <p>Each request is counted against its caller's rate limit ({@link RequestRateLimiter}) before
 * anything else is done for it: the caller is the API key it presents when that key is valid,
 * else its client address. Over the limit the answer is 429 {@code rate-limited} with
 * {@code Retry-After}, nothing is read, produced or recorded; the 429 of a full producer buffer
 * says {@code buffer-full}.
 *
 * <p>No response body ever holds an exception's class, message or stack trace: an unexpected
 * failure is answered 500 {@code internal-error} with the request id, and logged with it.
 */
public final class IntakeHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IntakeHttpServer.class);
  /** Reason of the 429 of a caller over its rate limit (a full producer buffer says buffer-full). */
  public static final String RATE_LIMITED = "rate-limited";

  /** JDK HTTP server property: TCP_NODELAY on accepted connections. */
  static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
  private final HttpServer server;
  private final ThreadPoolExecutor workers;
  private final Map<String, Map<String, Route>> routes = new ConcurrentHashMap<>();
  /** Routes with path variables ({@code /api/v1/cases/{caseNumber}/actions}), matched after the exact ones. */
  private final Map<java.util.regex.Pattern, Map<String, Route>> templates = new ConcurrentHashMap<>();
  private final ApiKeyAuthenticator auth;
  private final RequestRateLimiter rateLimiter;
  private final boolean tls;
  private final int maxBodyBytes;
  private final long maxDrainBytes;
  private final Duration ackTimeout;
  private final ComplaintSink sink;
  private final Rejects rejects;
  private final Clock clock;

  /**
   * @param maxDrainBytes how much of an oversize body is read and discarded before the 413 (0: none)
   * @param ackTimeout how long a reject record may take to be acknowledged before the answer is 503
   */
  public IntakeHttpServer(InetSocketAddress address, int threads, int maxBodyBytes, long maxDrainBytes,
      ApiKeyAuthenticator auth, ComplaintSink sink, Duration ackTimeout, Clock clock) throws IOException {
    this(address, threads, maxBodyBytes, maxDrainBytes, auth, sink, ackTimeout, clock, null, RequestRateLimiter.off());
  }

  /**
   * @param tls null: plain HTTP; else HTTPS only, set up by this configurator ({@link ServerTls})
   * @param rateLimiter per-caller request limits ({@link RequestRateLimiter#off()}: none)
   */
  public IntakeHttpServer(InetSocketAddress address, int threads, int maxBodyBytes, long maxDrainBytes,
      ApiKeyAuthenticator auth, ComplaintSink sink, Duration ackTimeout, Clock clock, HttpsConfigurator tls,
      RequestRateLimiter rateLimiter) throws IOException {
    this.auth = auth;
    this.rateLimiter = rateLimiter;
    this.tls = tls != null;
    this.maxBodyBytes = maxBodyBytes;
    this.maxDrainBytes = Math.max(0, maxDrainBytes);
    this.ackTimeout = ackTimeout;
    this.sink = sink;
    this.clock = clock;
    this.rejects = new Rejects(clock);
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 16),
        r -> {
          Thread t = new Thread(r, "http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, (r, executor) -> {
          throw new java.util.concurrent.RejectedExecutionException("http worker queue full");
        });
    // The JDK server leaves Nagle's algorithm on: every small answer then waits for the client's
    // delayed ACK, about 40 ms (measured by the intake benchmark: p50 44 ms on a no-op endpoint).
    // The property is read once, when the first server is created; an explicit setting wins.
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
    if (tls != null) {
      HttpsServer https = HttpsServer.create(address, 128);
      https.setHttpsConfigurator(tls);
      this.server = https;
    } else {
      this.server = HttpServer.create(address, 128);
    }
    this.server.setExecutor(command -> {
      try {
        workers.execute(command);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        log.warn("event=http-overloaded queue={}", workers.getQueue().size());
        throw e;
      }
    });
    this.server.createContext("/", this::dispatch);
  }

  /** Adds a route; a path segment written {@code {name}} matches any one non-empty segment. */
  public IntakeHttpServer addRoute(Route route) {
    if (route.path().contains("{")) {
      java.util.regex.Pattern pattern = templatePattern(route.path());
      Map<String, Route> byMethod = templates.entrySet().stream()
          .filter(e -> e.getKey().pattern().equals(pattern.pattern())).map(Map.Entry::getValue).findFirst()
          .orElseGet(() -> {
            Map<String, Route> fresh = new ConcurrentHashMap<>();
            templates.put(pattern, fresh);
            return fresh;
          });
      byMethod.put(route.method(), route);
      return this;
    }
    routes.computeIfAbsent(route.path(), p -> new ConcurrentHashMap<>()).put(route.method(), route);
    return this;
  }

  static java.util.regex.Pattern templatePattern(String template) {
    StringBuilder regex = new StringBuilder();
    for (String part : template.split("(?=\\{)|(?<=\\})")) {
      regex.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : java.util.regex.Pattern.quote(part));
    }
    return java.util.regex.Pattern.compile(regex.toString());
  }

  private Map<String, Route> routesFor(String path) {
    Map<String, Route> exact = routes.get(path);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<java.util.regex.Pattern, Map<String, Route>> e : templates.entrySet()) {
      if (e.getKey().matcher(path).matches()) {
        return e.getValue();
      }
    }
    return null;
  }

  public void start() {
    server.start();
    log.info("event=http-started port={} tls={} rateLimit={}", port(), tls, rateLimiter.enabled());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting; requests in flight get up to {@code graceSeconds} to finish. */
  public void stop(int graceSeconds) {
    server.stop(graceSeconds);
    workers.shutdown();
    try {
      workers.awaitTermination(graceSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("event=http-stopped");
  }

  @Override
  public void close() {
    stop(5);
  }

  private void dispatch(HttpExchange exchange) throws IOException {
    String requestId = requestId(exchange.getRequestHeaders().getFirst("X-Request-Id"));
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
    ApiResponse response;
    Route route = null;
    byte[] body = new byte[0];
    try {
      Map<String, Route> byMethod = routesFor(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
      int key = auth.matchingKey(ApiKeyAuthenticator.presentedKey(
          exchange.getRequestHeaders().getFirst("X-Api-Key"), exchange.getRequestHeaders().getFirst("Authorization")));
      String caller = key >= 0 ? "api-key#" + (key + 1) : "address:" + addressGroup(exchange.getRemoteAddress());
      RequestRateLimiter.Decision limit = rateLimiter.acquire(caller);
      if (!limit.allowed()) {
        if (limit.log()) {
          // once per caller and interval, not per request: a flood must not flood the log too
          log.warn("event=http-rate-limited requestId={} path={} caller={} refused={}", requestId, path,
              key >= 0 ? caller : "address:" + maskedAddress(exchange.getRemoteAddress()), limit.refusedSinceLog());
        }
        response = error(429, RATE_LIMITED, "too many requests from this caller; retry after "
            + limit.retryAfterSeconds() + " s", List.of(), requestId)
            .withHeader("Retry-After", Long.toString(limit.retryAfterSeconds()));
      } else if (byMethod == null) {
        response = error(404, "not-found", "no such endpoint: " + path, List.of(), requestId);
      } else if ((route = byMethod.get(method)) == null) {
        response = error(405, "method-not-allowed", method + " is not supported on " + path, List.of(), requestId)
            .withHeader("Allow", String.join(", ", byMethod.keySet()));
      } else if (route.authenticated() && key < 0) {
        // Unauthenticated callers cannot write into the pipeline, not even into the reject topic.
        log.info("event=http-unauthorized requestId={} path={}", requestId, path);
        response = error(401, Reasons.BAD_API_KEY, "missing or invalid API key", List.of(), requestId)
            .withHeader("WWW-Authenticate", "Bearer realm=\"complaintflow\"");
      } else {
        body = readBody(exchange);
        ApiRequest request = new ApiRequest(method, path, exchange.getRequestHeaders(), body, requestId, clock.instant());
        response = route.handler().handle(request);
      }
    } catch (RejectException e) {
      response = rejected(route, e, body, requestId, path);
    } catch (BufferFullException e) {
      response = bufferFull(requestId, path);
    } catch (SinkUnavailableException e) {
      response = unavailable(requestId, path, e, "the complaint could not be stored now; retry later");
    } catch (RuntimeException e) {
      response = internalError(requestId, path, e);
    } catch (Error e) {
      if (e instanceof VirtualMachineError) {
        throw e; // out of memory and the like: the server closes the connection without a body
      }
      response = internalError(requestId, path, e);
    }
    send(exchange, response, requestId);
  }

  /** The only answer to an unexpected failure: the details go to the log under the request id, never to the client. */
  private static ApiResponse internalError(String requestId, String path, Throwable e) {
    log.error("event=http-error requestId={} path={}", requestId, path, e);
    return error(500, "internal-error", "unexpected error; see logs with this request id", List.of(), requestId);
  }

  private static ApiResponse bufferFull(String requestId, String path) {
    log.warn("event=http-buffer-full requestId={} path={}", requestId, path);
    return error(429, "buffer-full", "too many requests in flight; retry later", List.of(), requestId)
        .withHeader("Retry-After", "1");
  }

  private static ApiResponse unavailable(String requestId, String path, RuntimeException e, String message) {
    log.warn("event=http-sink-unavailable requestId={} path={} error={}", requestId, path, e.getMessage());
    return error(503, "unavailable", message, List.of(), requestId).withHeader("Retry-After", "5");
  }

  private ApiResponse rejected(Route route, RejectException e, byte[] body, String requestId, String path) {
    int status = statusOf(e.reason());
    log.info("event=http-rejected requestId={} path={} status={} reason={}", requestId, path, status, e.reason());
    if (route != null && route.channel() != null) {
      String excerpt = e.reason().equals(Reasons.BODY_TOO_LARGE) ? null
          : new String(body, 0, Math.min(body.length, 2000), StandardCharsets.UTF_8);
      RejectedInput reject = rejects.builder(route.channel(), e, excerpt, "http:" + requestId)
          .setSourceSystem("http:" + path)
          .setRequestId(requestId)
          .build();
      // The refusal is answered only once it is recorded: a 4xx promises that the input is on the reject topic.
      try {
        Acks.await(sink.reject(reject), ackTimeout);
      } catch (BufferFullException full) {
        log.warn("event=reject-not-stored requestId={} reason={} error={}", requestId, e.reason(), full.toString());
        return bufferFull(requestId, path);
      } catch (RuntimeException sinkDown) {
        log.warn("event=reject-not-stored requestId={} reason={} error={}", requestId, e.reason(), sinkDown.toString());
        return unavailable(requestId, path, sinkDown, "the request was refused (" + e.reason()
            + ") but the refusal could not be recorded now; retry later");
      }
    }
    return error(status, e.reason(), e.detail(), e.fieldErrors(), requestId);
  }

  static int statusOf(String reason) {
    return switch (reason) {
      case Reasons.BODY_TOO_LARGE -> 413;
      case Reasons.UNSUPPORTED_CONTENT_TYPE -> 415;
      case Reasons.BAD_API_KEY -> 401;
      default -> 400;
    };
  }

  static ApiResponse error(int status, String reason, String message, List<FieldError> fields, String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", reason);
    body.put("message", message);
    body.put("requestId", requestId);
    List<Map<String, String>> f = new ArrayList<>();
    for (FieldError e : fields) {
      Map<String, String> one = new LinkedHashMap<>();
      one.put("field", e.field());
      one.put("reason", e.reason());
      one.put("message", e.message());
      f.add(one);
    }
    body.put("fields", f);
    return ApiResponse.json(status, body);
  }

  private byte[] readBody(HttpExchange exchange) throws IOException, RejectException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        long length = Long.parseLong(declared.trim());
        if (length > maxBodyBytes) {
          // a body beyond the drain limit is not read at all: the answer goes out at once
          if (length <= maxDrainBytes) {
            drain(exchange.getRequestBody(), 0);
          }
          throw tooLarge();
        }
      } catch (NumberFormatException ignored) {
        // the server rejects malformed lengths itself; chunked bodies are counted below
      }
    }
    InputStream in = exchange.getRequestBody();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    long total = 0;
    int r;
    while ((r = in.read(buf)) >= 0) {
      total += r;
      if (total > maxBodyBytes) {
        drain(in, total);
        throw tooLarge();
      }
      out.write(buf, 0, r);
    }
    return out.toByteArray();
  }

  /**
   * Reads and discards the rest of a body, up to maxDrainBytes in all. A client that sends its
   * whole body before reading the answer then gets the 413; left unread, the body would make the
   * closing socket send a reset that can destroy the answer.
   */
  private void drain(InputStream in, long alreadyRead) throws IOException {
    byte[] buf = new byte[16 * 1024];
    long total = alreadyRead;
    int r;
    while (total < maxDrainBytes && (r = in.read(buf, 0, (int) Math.min(buf.length, maxDrainBytes - total))) >= 0) {
      total += r;
    }
  }

  private RejectException tooLarge() {
    return new RejectException(Reasons.BODY_TOO_LARGE, "request body is larger than " + maxBodyBytes + " bytes");
  }

  private static void send(HttpExchange exchange, ApiResponse response, String requestId) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    exchange.getResponseHeaders().set("X-Request-Id", requestId);
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    if (response.status() == 413) {
      // a body beyond the drain limit is left unread: the connection cannot be used again
      exchange.getResponseHeaders().set("Connection", "close");
    }
    exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response.body());
    } finally {
      exchange.close();
    }
  }

  /**
   * The client address a rate limit counts against: an IPv4 address, or the /64 network of an IPv6
   * one (one host usually holds a whole /64, so single IPv6 addresses would not limit anything).
   * Behind a proxy every caller has the proxy's address; forwarded headers are not trusted, since
   * any client can set them.
   */
  static String addressGroup(InetSocketAddress remote) {
    InetAddress a = remote == null ? null : remote.getAddress();
    if (a == null) {
      return "unknown";
    }
    if (a instanceof Inet6Address) {
      byte[] b = a.getAddress();
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        sb.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
      }
      return sb.append(":/64").toString();
    }
    return a.getHostAddress();
  }

  /** A client address for the log, without its host part (addresses can be personal data). */
  static String maskedAddress(InetSocketAddress remote) {
    String group = addressGroup(remote);
    if (group.endsWith("/64") || group.equals("unknown")) {
      return group;
    }
    int dot = group.lastIndexOf('.');
    return dot < 0 ? "unknown" : group.substring(0, dot) + ".0/24";
  }

  private static String requestId(String given) {
    if (given != null && given.matches("[A-Za-z0-9._:-]{1,100}")) {
      return given;
    }
    return UUID.randomUUID().toString();
  }
}
