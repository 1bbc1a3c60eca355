package com.complaintflow.faults;

import com.complaintflow.launcher.stack.ChildJvm;
import com.complaintflow.launcher.stack.ChildJvmServices;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A service (intake, processor, alert sink) as its own JVM on the test classpath, configured by a
 * properties file, with its log in a file; {@link #kill()} is SIGKILL, the fault the tests inject.
 */
final class ServiceJvm {
  static final String INTAKE = "com.complaintflow.intake.IntakeConnectorMain";
  static final String PROCESSOR = "com.complaintflow.processor.StreamProcessorMain";
  static final String ALERT_SINK = "com.complaintflow.alerts.AlertSinkMain";

  private final String name;
  private final String mainClass;
  private final Path dir;
  private final Map<String, String> config;
  private final String logback;
  private ChildJvm jvm;
  private int starts;

  ServiceJvm(String name, String mainClass, Path dir, Map<String, String> config) {
    this(name, mainClass, dir, config, ChildJvmServices.SERVICE_LOGBACK);
  }

  /** @param logback the Logback configuration (a classpath resource) the service runs with */
  ServiceJvm(String name, String mainClass, Path dir, Map<String, String> config, String logback) {
    this.name = name;
    this.mainClass = mainClass;
    this.dir = dir;
    this.config = Map.copyOf(config);
    this.logback = logback;
  }

  ServiceJvm start() throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".properties");
    Properties p = new Properties();
    p.putAll(config);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(out, null);
    }
    starts++;
    jvm = ChildJvm.builder(name)
        .classpath(System.getProperty("java.class.path"))
        .jvmOptions("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dlogback.configurationFile=" + logback)
        .mainClass(mainClass)
        .args(file.toString())
        .logFile(logFile())
        .workingDir(dir)
        .build()
        .start();
    return this;
  }

  String name() {
    return name;
  }

  @Override
  public String toString() {
    return name;
  }

  Path logFile() {
    return dir.resolve(name + ".log");
  }

  String log() throws IOException {
    return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "";
  }

  boolean isAlive() {
    return jvm != null && jvm.isAlive();
  }

  int starts() {
    return starts;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or committed. */
  void kill() throws InterruptedException {
    if (jvm == null) {
      return;
    }
    ProcessHandle handle = ProcessHandle.of(jvm.pid()).orElse(null);
    if (handle != null) {
      handle.descendants().forEach(ProcessHandle::destroyForcibly);
      handle.destroyForcibly();
      handle.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }
  }

  /** SIGTERM with a grace period (the launcher's stop). */
  void stop() {
    if (jvm != null) {
      jvm.stop();
    }
  }
}
