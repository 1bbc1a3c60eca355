package com.complaintflow.launcher.stack;

import com.complaintflow.localbroker.BrokerClasspath;
import com.complaintflow.localbroker.ParentWatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child JVM of the local stack: its command line, environment and log file, started under
 * {@link ParentWatch} so that it exits by itself if the launcher dies without stopping it.
 */
public final class ChildJvm {
  private static final Logger log = LoggerFactory.getLogger(ChildJvm.class);
  private static final long STOP_GRACE_SECONDS = 20;

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path logFile;
  private final Path workingDir;
  private Process process;

  private ChildJvm(Builder b) {
    this.name = b.name;
    this.logFile = b.logFile;
    this.workingDir = b.workingDir;
    this.environment = Map.copyOf(b.environment);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(b.jvmOptions);
    cmd.add("-cp");
    cmd.add(BrokerClasspath.ownLocation() + System.getProperty("path.separator") + b.classpath);
    cmd.add(ParentWatch.class.getName());
    cmd.add(Long.toString(ProcessHandle.current().pid()));
    cmd.add(b.mainClass);
    cmd.addAll(b.args);
    this.command = List.copyOf(cmd);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  public Path logFile() {
    return logFile;
  }

  List<String> command() {
    return command;
  }

  /** Starts the JVM with its output appended to the log file. */
  public ChildJvm start() throws IOException {
    Files.createDirectories(logFile.getParent());
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
    if (workingDir != null) {
      Files.createDirectories(workingDir);
      builder.directory(workingDir.toFile());
    }
    builder.environment().putAll(environment);
    process = builder.start();
    log.debug("event=child-started name={} pid={}", name, process.pid());
    return this;
  }

  /** Runs the JVM to completion (a one-shot tool such as storage formatting); returns its exit code. */
  public int runToCompletion(long timeoutSeconds) throws IOException, InterruptedException {
    start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      stop();
      throw new IOException(name + " did not finish within " + timeoutSeconds + " s; see " + logFile);
    }
    return process.exitValue();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return process == null ? -1 : process.pid();
  }

  /** Completes when the process ends, however it ends. */
  public java.util.concurrent.CompletableFuture<Process> onExit() {
    return process == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : process.onExit();
  }

  /** Exit code of a finished process, for error messages. */
  public int exitValue() {
    return process.exitValue();
  }

  /** SIGTERM, wait for a clean exit, then SIGKILL; returns when the process (and any child of it) is gone. */
  public void stop() {
    if (process == null) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
        log.warn("event=child-kill name={} pid={} reason=no-exit-after-sigterm", name, process.pid());
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    for (ProcessHandle descendant : descendants) {
      descendant.destroyForcibly();
    }
  }

  /** The last lines of the log, for a start-up failure message. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(logFile);
      return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  /** Builder; classpath, main class and log file are required. */
  public static final class Builder {
    private final String name;
    private String classpath;
    private String mainClass;
    private final List<String> args = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path logFile;
    private Path workingDir;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name);
    }

    public Builder classpath(String classpath) {
      this.classpath = classpath;
      return this;
    }

    public Builder mainClass(String mainClass) {
      this.mainClass = mainClass;
      return this;
    }

    public Builder args(String... values) {
      args.addAll(List.of(values));
      return this;
    }

    public Builder jvmOptions(String... values) {
      jvmOptions.addAll(List.of(values));
      return this;
    }

    public Builder environment(Map<String, String> values) {
      environment.putAll(values);
      return this;
    }

    public Builder logFile(Path file) {
      this.logFile = file;
      return this;
    }

    public Builder workingDir(Path dir) {
      this.workingDir = dir;
      return this;
    }

    public ChildJvm build() {
      Objects.requireNonNull(classpath, "classpath");
      Objects.requireNonNull(mainClass, "mainClass");
      Objects.requireNonNull(logFile, "logFile");
      return new ChildJvm(this);
    }
  }
}
