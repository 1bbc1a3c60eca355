package com.complaintflow.bench.processor;

import com.complaintflow.localbroker.BrokerClasspath;
import com.complaintflow.localbroker.ParentWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on this JVM's classpath, under {@link ParentWatch} (it exits if the benchmark dies),
 * whose stdout lines are queued for the benchmark to wait on and whose stdin takes commands.
 * Anything it logs goes to stderr, which is appended to a log file. {@code COMPLAINTFLOW_*}
 * variables of the benchmark's own environment are not passed on: the benchmark alone configures
 * what it measures.
 */
public final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final long startedNanos;

  private ChildProcess(Process process, long startedNanos) {
    this.process = process;
    this.startedNanos = startedNanos;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the process is gone
      }
    }, "child-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  public static ChildProcess start(List<String> jvmOptions, String mainClass, List<String> args, Path logFile)
      throws IOException {
    return start(jvmOptions, mainClass, args, java.util.Map.of(), logFile);
  }

  /** As above, with environment variables for the child (secrets: never on its command line). */
  public static ChildProcess start(List<String> jvmOptions, String mainClass, List<String> args,
      java.util.Map<String, String> environment, Path logFile) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classpath());
    cmd.add(ParentWatch.class.getName());
    cmd.add(Long.toString(ProcessHandle.current().pid()));
    cmd.add(mainClass);
    cmd.addAll(args);
    java.nio.file.Files.createDirectories(logFile.getParent());
    long started = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(cmd)
        .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    // the benchmark alone configures its children: settings of the caller's shell do not leak in
    builder.environment().keySet().removeIf(k -> k.startsWith("COMPLAINTFLOW_"));
    builder.environment().putAll(environment);
    Process p = builder.start();
    return new ChildProcess(p, started);
  }

  /** This JVM's classpath plus the parent-watch jar (already on it when run from the module). */
  static String classpath() {
    String own = System.getProperty("java.class.path");
    String watch = BrokerClasspath.ownLocation().toString();
    return own.contains(watch) ? own : watch + System.getProperty("path.separator") + own;
  }

  public long pid() {
    return process.pid();
  }

  public long startedNanos() {
    return startedNanos;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The next stdout line starting with {@code prefix} (others are skipped), or an exception. */
  public String await(String prefix, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(200, TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith(prefix)) {
        return line;
      }
      if (line != null && line.startsWith("ERROR")) {
        throw new IOException("child process reported " + line);
      }
      if (line == null && !process.isAlive() && lines.isEmpty()) {
        throw new IOException("child process exited with " + process.exitValue() + " while waiting for " + prefix);
      }
    }
    throw new IOException("no '" + prefix + "' from the child process within " + timeout.toSeconds() + " s");
  }

  public void send(String command) throws IOException {
    stdin.write(command + "\n");
    stdin.flush();
  }

  /**
   * Stops a child that has no stdin protocol (a service's own main class) with SIGTERM, so its
   * shutdown hooks run; kills it if it does not exit within {@code timeout}. Returns the exit code.
   */
  public int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** SIGKILL: no shutdown hook, no clean close of Kafka Streams or its stores. Waits until it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Asks for a clean stop, then kills it if it does not exit in time. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        send("stop");
      }
      if (!process.waitFor(45, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
