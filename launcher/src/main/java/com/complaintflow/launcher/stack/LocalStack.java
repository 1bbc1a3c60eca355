package com.complaintflow.launcher.stack;

import com.complaintflow.schemas.serde.AvroSerdeConfig;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The local stack: a Kafka broker (own JVM), the schema registry (own JVM), the mail server (in
 * this JVM) and the services (child JVMs through a {@link ServiceStarter}). {@link #start} returns
 * when every part answers; {@link #close} stops them in reverse order and waits for every child
 * process to be gone. One stack per data directory (a lock file guards it).
 */
public final class LocalStack implements AutoCloseable {
  public static final String MAIL_DOMAIN = "complaintflow.local";
  public static final String ENDPOINTS_FILE = "endpoints.json";
  private static final String CREDENTIALS_FILE = "credentials.properties";
  private static final String LOCK_FILE = ".lock";

  private final StackOptions options;
  private final PrintStream progress;
  private final Path logDir;
  private FileChannel lockChannel;
  private FileLock lock;
  private MailServer mail;
  private KafkaBroker broker;
  private RegistryServer registry;
  private final List<ChildJvm> services = new ArrayList<>();
  private Endpoints endpoints;
  private boolean closed;

  /** A stack not started yet; {@link #close} may be called from another thread at any time. */
  public LocalStack(StackOptions options, PrintStream progress) {
    this.options = options;
    this.progress = progress;
    this.logDir = options.dataDir().resolve("logs");
  }

  /** Starts every part; on failure stops what was started and rethrows. */
  public static LocalStack start(StackOptions options, ServiceStarter services, PrintStream progress)
      throws IOException, InterruptedException {
    LocalStack stack = new LocalStack(options, progress);
    stack.start(services);
    return stack;
  }

  /** Starts every part; on failure stops what was started and rethrows. */
  public void start(ServiceStarter services) throws IOException, InterruptedException {
    try {
      startAll(services);
    } catch (IOException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Between steps: a stack closed meanwhile (Ctrl-C during start-up) starts nothing more. */
  private synchronized void ensureOpen() throws InterruptedException {
    if (closed) {
      throw new InterruptedException("the local stack was stopped during start-up");
    }
  }

  private void startAll(ServiceStarter starter) throws IOException, InterruptedException {
    Path dataDir = options.dataDir();
    Files.createDirectories(dataDir);
    acquireLock(dataDir);
    if (options.fresh()) {
      step("wiping " + dataDir + " (--fresh)");
      deleteRecursively(dataDir, true);
    }
    Files.createDirectories(logDir);
    Files.deleteIfExists(dataDir.resolve(ENDPOINTS_FILE));
    Properties credentials = credentials(dataDir);

    int kafkaPort = port(options.kafkaPort(), "--kafka-port");
    int controllerPort = port(options.controllerPort(), "--controller-port");
    int registryPort = port(options.registryPort(), "--registry-port");
    int smtpPort = port(options.smtpPort(), "--smtp-port");
    int imapPort = port(options.imapPort(), "--imap-port");
    int httpPort = port(options.httpPort(), "--http-port");

    ensureOpen();
    long t0 = System.nanoTime();
    step("starting mail server (GreenMail, SMTP + IMAP)");
    mail = new MailServer(smtpPort, imapPort,
        mailbox("complaints", credentials),
        List.of(mailbox("supervisors", credentials)));
    synchronized (this) {
      ensureOpen();
      mail.start();
    }
    done("mail server", t0, "smtp=localhost:" + smtpPort + " imap=localhost:" + imapPort);

    // the registry and the broker start in parallel: each takes a few seconds of JVM warm-up
    Path runner = RegistryServer.findRunnerJar(options.homeDir());
    registry = new RegistryServer(dataDir.resolve("registry"), registryPort, runner);
    ensureOpen();
    long t1 = System.nanoTime();
    step("starting schema registry and Kafka broker (logs in " + logDir + ")");
    CompletableFuture<Void> registryReady = CompletableFuture.runAsync(() -> {
      try {
        registry.start();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    });
    broker = new KafkaBroker(dataDir.resolve("kafka"), kafkaPort, controllerPort);
    try {
      broker.start();
      done("Kafka broker", t1, "bootstrap=" + broker.bootstrapServers() + " (KRaft, 1 node)");
    } finally {
      awaitRegistry(registryReady, t1);
    }
    linkLog(broker.logFile(), "kafka.log");
    linkLog(registry.logFile(), "registry.log");

    ensureOpen();
    long t2 = System.nanoTime();
    step("creating topics");
    TopicCatalog catalog = new TopicCatalog(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url()));
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      List<String> created = TopicSetup.createMissing(admin, catalog, options.partitions());
      done("topics", t2, created.isEmpty() ? "all present" : "created " + created.size()
          + " with " + options.partitions() + " partitions each");
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IOException("creating topics failed: " + e.getMessage(), e);
    }

    String apiKey = options.apiKey() != null ? options.apiKey() : credentials.getProperty("intake.api.key");
    endpoints = new Endpoints(
        broker.bootstrapServers(),
        registry.url(),
        new Endpoints.Intake("http://localhost:" + httpPort + "/api/v1",
            "http://localhost:" + httpPort + "/health", apiKey),
        mail.endpoints(),
        dataDir.toString(),
        logDir.toString());

    ServiceStarter.StackContext context = new ServiceStarter.StackContext(endpoints, dataDir, logDir);
    ensureOpen();
    long t3 = System.nanoTime();
    step("starting services");
    services.addAll(starter.start(context));
    awaitServicesSettled();
    done("services", t3, services.isEmpty() ? "none"
        : String.join(", ", services.stream().map(s -> s.name() + " (pid " + s.pid() + ")").toList()));
    endpoints.writeTo(dataDir.resolve(ENDPOINTS_FILE));
    watchServices();
  }

  /**
   * A service that dies later (lost its broker for good, bad settings found late) would otherwise
   * go unnoticed behind a running stack: say so on the console, once, with its log's last lines.
   */
  private void watchServices() {
    for (ChildJvm service : services) {
      service.onExit().thenRun(() -> {
        synchronized (this) {
          if (closed) {
            return;
          }
        }
        progress.println("!! service " + service.name() + " stopped unexpectedly (exit code "
            + service.exitValue() + "); its log " + service.logFile() + " ends with:\n"
            + service.logTail(15));
        progress.flush();
      });
    }
  }

  /** A service that dies at once has bad configuration: say so now rather than later. */
  private void awaitServicesSettled() throws IOException, InterruptedException {
    if (services.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + 1_500_000_000L;
    while (System.nanoTime() < deadline) {
      for (ChildJvm service : services) {
        if (!service.isAlive()) {
          throw new IOException("service " + service.name() + " exited with code " + service.exitValue()
              + " at start-up; its log " + service.logFile() + " ends with:\n" + service.logTail(30));
        }
      }
      Thread.sleep(100);
    }
  }

  private void awaitRegistry(CompletableFuture<Void> ready, long started) throws IOException, InterruptedException {
    try {
      ready.get();
      done("schema registry", started, "url=" + registry.url());
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
      throw new IOException(cause.getMessage(), cause);
    }
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  public StackOptions options() {
    return options;
  }

  /** The mail server, for the demo and tests to look into mailboxes. */
  public com.icegreen.greenmail.util.GreenMail greenMail() {
    return mail.greenMail();
  }

  /** The child processes currently running (broker, registry, services). */
  public List<ChildJvm> children() {
    List<ChildJvm> all = new ArrayList<>(services);
    if (registry != null && registry.process() != null) {
      all.add(registry.process());
    }
    if (broker != null && broker.process() != null) {
      all.add(broker.process());
    }
    return all;
  }

  /** Stops the services, then registry and broker, then the mail server; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).stop();
    }
    // the registry and the broker stop in parallel, as they started
    CompletableFuture<Void> registryStopped = registry == null ? CompletableFuture.completedFuture(null)
        : CompletableFuture.runAsync(registry::stop);
    if (broker != null) {
      broker.stop();
    }
    registryStopped.join();
    if (mail != null) {
      mail.stop();
    }
    try {
      Files.deleteIfExists(options.dataDir().resolve(ENDPOINTS_FILE));
    } catch (IOException ignored) {
      // the next start removes it
    }
    releaseLock();
  }

  private void acquireLock(Path dataDir) throws IOException {
    lockChannel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      lockChannel = null;
      throw new IOException("another local stack is running on " + dataDir
          + "; stop it, or use another --data-dir");
    }
  }

  private void releaseLock() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException ignored) {
      // the lock goes with the process anyway
    }
  }

  /** Credentials are generated once per data directory, so channel systems keep working after a restart. */
  private static Properties credentials(Path dataDir) throws IOException {
    Path file = dataDir.resolve(CREDENTIALS_FILE);
    Properties p = new Properties();
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file)) {
        p.load(in);
      }
    }
    boolean changed = false;
    for (String key : List.of("intake.api.key", "mail.complaints.password", "mail.supervisors.password")) {
      if (p.getProperty(key) == null) {
        p.setProperty(key, secret());
        changed = true;
      }
    }
    if (changed) {
      try (Writer out = Files.newBufferedWriter(file)) {
        p.store(out, "generated by the local stack; delete to get new ones");
      }
    }
    return p;
  }

  private static Endpoints.Mailbox mailbox(String name, Properties credentials) {
    return new Endpoints.Mailbox(name + "@" + MAIL_DOMAIN, name, credentials.getProperty("mail." + name + ".password"));
  }

  static String secret() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static int port(int requested, String flag) throws IOException {
    if (requested > 0 && !Ports.available(requested)) {
      throw new IOException("port " + requested + " (" + flag + ") is in use; choose another or leave the flag out for a free one");
    }
    return Ports.orFree(requested);
  }

  /** Keeps all logs in one directory: the broker and registry log under their own dirs, linked here. */
  private void linkLog(Path target, String name) {
    Path link = logDir.resolve(name);
    try {
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, target);
    } catch (IOException | UnsupportedOperationException e) {
      // symbolic links are a convenience; the path is printed anyway
    }
  }

  private void step(String what) {
    progress.println("==> " + what);
  }

  private void done(String what, long startedNanos, String detail) {
    progress.printf("    %s ready in %.1f s: %s%n", what, (System.nanoTime() - startedNanos) / 1e9, detail);
  }

  /** Deletes a directory tree; with {@code keepRoot} only its contents (and never the lock file). */
  static void deleteRecursively(Path root, boolean keepRoot) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (!(keepRoot && file.equals(root.resolve(LOCK_FILE)))) {
          Files.delete(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        if (!(keepRoot && dir.equals(root))) {
          Files.delete(dir);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
