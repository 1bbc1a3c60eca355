package com.complaintflow.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Confluent-compatible Schema Registry (Apicurio Registry, in-memory storage) in its own
 * JVM, built by this project's {@code registry-server} module. One instance serves the whole test
 * JVM: it starts on first use and stops when the JVM exits. Tests keep apart by using their own
 * subjects (unique topic names).
 *
 * <pre>
 *   &#64;RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();
 *   ... registry.url()   // http://localhost:PORT/apis/ccompat/v7
 * </pre>
 */
public final class SchemaRegistryServer implements BeforeAllCallback {
  private static final Logger log = LoggerFactory.getLogger(SchemaRegistryServer.class);
  public static final String REGISTRY_DIR_PROPERTY = "complaintflow.registry.dir";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private static Process process;
  private static int port;
  private static Path logFile;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    ensureStarted();
  }

  /** The Confluent-compatible base URL, for {@code schema.registry.url}. */
  public String url() {
    ensureStarted();
    return baseUrl() + "/apis/ccompat/v7";
  }

  /** Apicurio's own REST API (v2), for tools that speak it. */
  public String nativeUrl() {
    ensureStarted();
    return baseUrl() + "/apis/registry/v2";
  }

  private static String baseUrl() {
    return "http://localhost:" + port;
  }

  public static synchronized void ensureStarted() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      start();
    } catch (IOException e) {
      throw new IllegalStateException("could not start the schema registry: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the schema registry", e);
    }
  }

  private static void start() throws IOException, InterruptedException {
    Path runner = findRunnerJar();
    port = freePort();
    logFile = Files.createTempFile("schema-registry-" + port + "-", ".log");
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(
        "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dquarkus.http.port=" + port,
        "-Dquarkus.http.host=127.0.0.1",
        "-jar", runner.toString()));
    long started = System.nanoTime();
    process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile())
        .directory(runner.getParent().toFile())
        .start();
    Runtime.getRuntime().addShutdownHook(new Thread(SchemaRegistryServer::stop, "registry-stop"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("schema registry exited with code " + process.exitValue()
            + " during start-up; its log " + logFile + " ends with:\n" + tail(logFile));
      }
      try {
        HttpResponse<String> answer = http.send(
            HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          log.info("schema registry ready: url={} startup_ms={} log={}", baseUrl(),
              (System.nanoTime() - started) / 1_000_000, logFile);
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    stop();
    throw new IOException("schema registry not ready within " + START_TIMEOUT.toSeconds()
        + " s; its log " + logFile + " ends with:\n" + tail(logFile));
  }

  static synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** The registry's runner jar, from -Dcomplaintflow.registry.dir or the checkout around us. */
  static Path findRunnerJar() throws IOException {
    List<Path> candidates = new ArrayList<>();
    String configured = System.getProperty(REGISTRY_DIR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      candidates.add(Paths.get(configured));
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      candidates.add(dir.resolve("registry-server").resolve("target"));
    }
    for (Path dir : candidates) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        var jar = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst();
        if (jar.isPresent()) {
          return jar.get();
        }
      }
    }
    throw new IOException("the schema registry is not built: no *-runner.jar in " + candidates
        + ". Build it with: mvn -pl registry-server package (mvn verify from the root does it)");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join(System.lineSeparator(),
          lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return "SchemaRegistryServer[" + (process == null ? "stopped" : baseUrl()) + "]";
  }
}
