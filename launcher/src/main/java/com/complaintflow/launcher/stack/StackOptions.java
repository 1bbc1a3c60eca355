package com.complaintflow.launcher.stack;

import java.nio.file.Path;

/**
 * Settings of the local stack. A port of 0 means "any free port". The data directory holds the
 * broker's log segments, the registry's database, generated credentials, the endpoints file and
 * every process's log.
 */
public final class StackOptions {
  private Path dataDir;
  private boolean fresh;
  private int kafkaPort;
  private int controllerPort;
  private int registryPort;
  private int smtpPort;
  private int imapPort;
  private int httpPort;
  private int partitions = TopicSetup.DEFAULT_PARTITIONS;
  private String apiKey;
  private Path home;

  public StackOptions(Path dataDir) {
    this.dataDir = dataDir.toAbsolutePath().normalize();
  }

  /**
   * The default data directory: target/complaintflow-data in the checkout when the launcher runs
   * from one (-Dcomplaintflow.home, set by ../complaintflow), else ~/.complaintflow.
   */
  public static Path defaultDataDir() {
    Path home = home();
    return home != null ? home.resolve("target").resolve("complaintflow-data")
        : Path.of(System.getProperty("user.home"), ".complaintflow");
  }

  /** The repository root the launcher was started from, or null. */
  public static Path home() {
    String home = System.getProperty("complaintflow.home");
    return home == null || home.isBlank() ? null : Path.of(home).toAbsolutePath().normalize();
  }

  public Path dataDir() { return dataDir; }
  public boolean fresh() { return fresh; }
  public int kafkaPort() { return kafkaPort; }
  public int controllerPort() { return controllerPort; }
  public int registryPort() { return registryPort; }
  public int smtpPort() { return smtpPort; }
  public int imapPort() { return imapPort; }
  public int httpPort() { return httpPort; }
  public int partitions() { return partitions; }
  public String apiKey() { return apiKey; }
  public Path homeDir() { return home != null ? home : home(); }

  public StackOptions fresh(boolean value) { this.fresh = value; return this; }
  public StackOptions kafkaPort(int value) { this.kafkaPort = checkPort(value); return this; }
  public StackOptions controllerPort(int value) { this.controllerPort = checkPort(value); return this; }
  public StackOptions registryPort(int value) { this.registryPort = checkPort(value); return this; }
  public StackOptions smtpPort(int value) { this.smtpPort = checkPort(value); return this; }
  public StackOptions imapPort(int value) { this.imapPort = checkPort(value); return this; }
  public StackOptions httpPort(int value) { this.httpPort = checkPort(value); return this; }
  public StackOptions apiKey(String value) { this.apiKey = value; return this; }
  public StackOptions homeDir(Path value) { this.home = value; return this; }

  public StackOptions partitions(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, got " + value);
    }
    this.partitions = value;
    return this;
  }

  private static int checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, got " + port);
    }
    return port;
  }
}
