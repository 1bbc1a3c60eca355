package com.complaintflow.bench.intake;

import com.complaintflow.bench.processor.ChildProcess;
import com.complaintflow.common.config.ConfigLoader;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The real intake service ({@code IntakeConnectorMain}, from the intake-connector jar on this
 * module's runtime classpath) in a child JVM with the launcher's settings for it ({@code -Xmx384m},
 * SerialGC), configured by a properties file; secrets (API key, mailbox password) go in through
 * its environment ({@code COMPLAINTFLOW_<KEY>}), never on a command line or in the file. Stopped
 * with SIGTERM so that it flushes its producer and closes its mailboxes as in production.
 */
public final class IntakeProcess implements AutoCloseable {
  public static final String MAIN_CLASS = "com.complaintflow.intake.IntakeConnectorMain";
  public static final List<String> JVM = List.of("-Xmx384m", "-XX:+UseSerialGC");

  private final ChildProcess child;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  private IntakeProcess(ChildProcess child, int port) {
    this.child = child;
    this.port = port;
  }

  /**
   * Starts the intake with {@code settings} (HTTP on a free loopback port is added) and
   * {@code secrets}, both as intake configuration keys.
   */
  public static IntakeProcess start(Path dir, Map<String, String> settings, Map<String, String> secrets,
      List<String> extraJvmOptions) throws IOException {
    Files.createDirectories(dir);
    int port = freePort();
    Properties p = new Properties();
    p.putAll(settings);
    p.setProperty("http.bind.address", "127.0.0.1");
    p.setProperty("http.port", Integer.toString(port));
    Path file = dir.resolve("intake.properties");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(out, "benchmark intake; secrets are in its environment");
    }
    Map<String, String> env = new HashMap<>();
    secrets.forEach((k, v) -> env.put(ConfigLoader.envName(k), v));
    List<String> options = new ArrayList<>(JVM);
    options.addAll(extraJvmOptions);
    options.add("-Dlogback.configurationFile=" + System.getProperty("bench.child.logback",
        "com/complaintflow/bench/child-logback.xml"));
    ChildProcess child = ChildProcess.start(options, MAIN_CLASS, List.of(file.toString()), env,
        dir.resolve("intake.log"));
    return new IntakeProcess(child, port);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /**
   * Polls {@code /health} every 20 ms until it answers (any status, when {@code requireUp} is
   * false; 200 otherwise) and returns when that was ({@link System#nanoTime()}). The HTTP server is
   * the last thing the intake starts, after its mailbox pollers: any answer means polling has begun.
   */
  public long awaitHealth(boolean requireUp, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url("/health"))).timeout(Duration.ofSeconds(5)).GET()
        .build();
    int last = -1;
    while (System.nanoTime() < deadline) {
      if (!child.isAlive()) {
        throw new IOException("the intake exited during start-up; see its log");
      }
      try {
        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
        last = r.statusCode();
        if (!requireUp || last == 200) {
          return System.nanoTime();
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(20);
    }
    throw new IOException("the intake's /health did not " + (requireUp ? "report UP" : "answer") + " within "
        + timeout.toSeconds() + " s (last status " + last + ")");
  }

  public boolean isAlive() {
    return child.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    child.terminate(Duration.ofSeconds(30));
  }

  /**
   * Stops the intake in the background and returns at once. Its shutdown takes at least 5 s (the
   * JDK HTTP server's stop waits out the intake's 5 s grace period even when nothing is in flight),
   * time the next repetition need not wait for; join the thread before the scenario ends.
   */
  public Thread closeInBackground() {
    Thread t = new Thread(() -> {
      try {
        close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "intake-stop");
    t.start();
    return t;
  }
}
