package com.complaintflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.launcher.stack.StackOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Command-line parsing: every command's options, defaults and usage errors (exit code 2). */
class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void helpListsTheCommands() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().contains("local"), out.toString());
    assertTrue(out.toString().contains("tail"), out.toString());
    assertTrue(out.toString().contains("load"), out.toString());
    assertTrue(out.toString().contains("reconcile"), out.toString());
  }

  @Test
  void reconcileRefusesAnUnreadableTime() {
    assertEquals(2, run("reconcile", "--from", "yesterday", "--bootstrap-server", "x:1", "--schema-registry-url", "mock://t"));
    assertTrue(err.toString().contains("--from"), err.toString());
  }

  @Test
  void reconcileWithoutARunningStackSaysHowToStartOne() {
    assertEquals(1, run("reconcile", "--data-dir", "/nonexistent/complaintflow"));
    assertTrue(err.toString().contains("./complaintflow local"), err.toString());
  }

  @Test
  void noCommandIsAUsageError() {
    assertEquals(2, run());
    assertTrue(err.toString().contains("missing command"), err.toString());
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertEquals(2, run("local", "--no-such-flag"));
    assertTrue(err.toString().contains("--no-such-flag"), err.toString());
  }

  @Test
  void localOptionsBecomeStackOptions() {
    LocalCommand local = new LocalCommand();
    new CommandLine(local).parseArgs("--data-dir", "/tmp/cf-test", "--fresh", "--kafka-port", "19092",
        "--registry-port", "18081", "--http-port", "18080", "--smtp-port", "3025", "--imap-port", "3143",
        "--partitions", "3", "--endpoints-file", "f.json", "--api-key", "k1");
    StackOptions options = local.stackOptions();
    assertEquals(Path.of("/tmp/cf-test"), options.dataDir());
    assertTrue(options.fresh());
    assertEquals(19092, options.kafkaPort());
    assertEquals(18081, options.registryPort());
    assertEquals(18080, options.httpPort());
    assertEquals(3025, options.smtpPort());
    assertEquals(3143, options.imapPort());
    assertEquals(0, options.controllerPort(), "not given: a free port");
    assertEquals(3, options.partitions());
    assertEquals("k1", options.apiKey());
    assertEquals(Path.of("f.json"), local.endpointsFile);
  }

  @Test
  void localDefaultsToFreePortsAndTheDefaultDataDir() {
    LocalCommand local = new LocalCommand();
    new CommandLine(local).parseArgs();
    StackOptions options = local.stackOptions();
    assertEquals(StackOptions.defaultDataDir().toAbsolutePath().normalize(), options.dataDir());
    assertEquals(0, options.kafkaPort());
    assertEquals(6, options.partitions());
  }

  @Test
  void badPortIsRejected() {
    assertEquals(1, run("local", "--kafka-port", "70000", "--data-dir", "/nonexistent/x"));
    assertTrue(err.toString().contains("port must be"), err.toString());
  }

  @Test
  void tailNeedsATopic() {
    assertEquals(2, run("tail"));
    assertTrue(err.toString().contains("TOPIC"), err.toString());
  }

  @Test
  void tailRejectsZeroMax() {
    assertEquals(2, run("tail", "complaints", "--max", "0", "--bootstrap-server", "x:1", "--schema-registry-url", "mock://t"));
    assertTrue(err.toString().contains("--max"), err.toString());
  }

  @Test
  void tailWithoutARunningStackSaysHowToStartOne() {
    assertEquals(1, run("tail", "complaints", "--data-dir", "/nonexistent/complaintflow"));
    assertTrue(err.toString().contains("./complaintflow local"), err.toString());
  }

  @Test
  void loadNeedsKindAndFile() {
    assertEquals(2, run("load", "clients"));
    assertEquals(2, run("load", "customers", "x.csv"));
    assertTrue(err.toString().contains("customers"), err.toString());
  }

  @Test
  void loadKindIsCaseInsensitive() {
    assertEquals(1, run("load", "Clients", "/nonexistent/file.csv"));
    assertTrue(err.toString().contains("cannot read"), err.toString());
  }
}
