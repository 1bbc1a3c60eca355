package com.complaintflow.launcher.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's schema registry (Apicurio Registry, built by the registry-server module) in its own
 * JVM. Storage is an H2 file database under the data directory instead of the packaged in-memory
 * one, so schema ids stay valid for the records a restarted broker still holds.
 */
final class RegistryServer {
  static final String REGISTRY_DIR_PROPERTY = "complaintflow.registry.dir";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final int port;
  private final Path runnerJar;
  private ChildJvm process;

  RegistryServer(Path dir, int port, Path runnerJar) {
    this.dir = dir;
    this.port = port;
    this.runnerJar = runnerJar;
  }

  String baseUrl() {
    return "http://localhost:" + port;
  }

  /** The Confluent-compatible API, the value for {@code schema.registry.url}. */
  String url() {
    return baseUrl() + "/apis/ccompat/v7";
  }

  Path logFile() {
    return dir.resolve("registry.log");
  }

  void start() throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String database = dir.resolve("db").toAbsolutePath().toString().replace('\\', '/');
    process = ChildJvm.builder("schema-registry")
        // the runner jar's manifest Class-Path brings in its lib/ directory
        .classpath(runnerJar.toString())
        .jvmOptions("-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dquarkus.http.port=" + port,
            "-Dquarkus.http.host=127.0.0.1",
            "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + database + ";DB_CLOSE_DELAY=-1",
            "-Dquarkus.log.console.format=%d{HH:mm:ss.SSS} %-5p [%c{2.}] %s%e%n")
        .mainClass(mainClassOf(runnerJar))
        .logFile(logFile())
        .workingDir(runnerJar.getParent())
        .build()
        .start();
    awaitReady();
  }

  private static String mainClassOf(Path jar) throws IOException {
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      String main = file.getManifest().getMainAttributes().getValue("Main-Class");
      if (main == null) {
        throw new IOException(jar + " has no Main-Class");
      }
      return main;
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the schema registry exited with code " + process.exitValue()
            + " during start-up; its log " + logFile() + " ends with:\n" + process.logTail(40));
      }
      try {
        HttpResponse<String> answer = http.send(
            HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(150);
    }
    throw new IOException("the schema registry was not ready within " + READY_TIMEOUT.toSeconds()
        + " s; its log " + logFile() + " ends with:\n" + process.logTail(40));
  }

  ChildJvm process() {
    return process;
  }

  void stop() {
    if (process != null) {
      process.stop();
    }
  }

  /**
   * The registry's runner jar: from -Dcomplaintflow.registry.dir, else registry-server/target
   * under -Dcomplaintflow.home (set by ../complaintflow), else in a directory above the current one.
   */
  static Path findRunnerJar(Path home) throws IOException {
    List<Path> candidates = new ArrayList<>();
    String configured = System.getProperty(REGISTRY_DIR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    }
    if (home != null) {
      candidates.add(home.resolve("registry-server").resolve("target"));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      candidates.add(dir.resolve("registry-server").resolve("target"));
    }
    for (Path dir : candidates) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        var jar = files.filter(f -> f.getFileName().toString().endsWith("-runner.jar")).findFirst();
        if (jar.isPresent()) {
          return jar.get().toAbsolutePath();
        }
      }
    }
    throw new IOException("the schema registry is not built: no *-runner.jar in " + candidates
        + ". Build it with: mvn -pl registry-server package (./complaintflow does it on first use)");
  }
}
