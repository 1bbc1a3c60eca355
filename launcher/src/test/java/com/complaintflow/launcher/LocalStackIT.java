package com.complaintflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.launcher.load.LoadCommand;
import com.complaintflow.launcher.stack.ChildJvm;
import com.complaintflow.launcher.stack.EnvEchoService;
import com.complaintflow.launcher.stack.Endpoints;
import com.complaintflow.launcher.stack.LocalStack;
import com.complaintflow.launcher.stack.ServiceEnvironment;
import com.complaintflow.launcher.stack.ServiceStarter;
import com.complaintflow.launcher.stack.StackOptions;
import com.complaintflow.schemas.topics.TopicName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The local stack for real: a Kafka broker JVM, the schema registry JVM, GreenMail and a stand-in
 * service started through the service hook; then load and tail against it, and a clean stop that
 * leaves no child process behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dataDir;

  private LocalStack stack;
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  @BeforeAll
  void startStack() throws Exception {
    ServiceStarter echo = context -> List.of(ChildJvm.builder("echo")
        .classpath(System.getProperty("java.class.path"))
        .jvmOptions("-Xmx32m")
        .mainClass(EnvEchoService.class.getName())
        .environment(ServiceEnvironment.environment(ServiceEnvironment.PROCESSOR, context.endpoints(),
            context.serviceDir("echo")))
        .logFile(context.logDir().resolve("echo.log"))
        .workingDir(context.serviceDir("echo"))
        .build()
        .start());
    stack = LocalStack.start(new StackOptions(dataDir).partitions(3), echo,
        new PrintStream(progress, true, StandardCharsets.UTF_8));
  }

  @AfterAll
  void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  private record Run(int exit, String out, String err) {}

  private Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  @Order(1)
  void everyPartReportsReadyAndTheEndpointsFileIsWritten() throws Exception {
    String lines = progress.toString(StandardCharsets.UTF_8);
    for (String part : List.of("mail server ready", "Kafka broker ready", "schema registry ready", "topics ready",
        "services ready")) {
      assertTrue(lines.contains(part), "progress shows '" + part + "':\n" + lines);
    }
    Endpoints written = Endpoints.readFrom(dataDir.resolve(LocalStack.ENDPOINTS_FILE));
    assertEquals(stack.endpoints(), written);
    assertTrue(written.intake().apiKey().length() >= 32, "a generated API key");
  }

  @Test
  @Order(2)
  void everyCatalogTopicExistsAndTablesAreCompacted() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        stack.endpoints().kafkaBootstrapServers()))) {
      Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      for (TopicName topic : TopicName.values()) {
        assertTrue(names.contains(topic.defaultName()), topic.defaultName() + " in " + names);
      }
      TopicDescription complaints = admin.describeTopics(List.of("complaints")).allTopicNames()
          .get(30, TimeUnit.SECONDS).get("complaints");
      assertEquals(3, complaints.partitions().size());
      ConfigResource clients = new ConfigResource(ConfigResource.Type.TOPIC, "clients");
      String policy = admin.describeConfigs(List.of(clients)).all().get(30, TimeUnit.SECONDS)
          .get(clients).get("cleanup.policy").value();
      assertEquals("compact", policy);
    }
  }

  @Test
  @Order(3)
  void servicesAreStartedWithTheirConfigurationInTheEnvironment() throws Exception {
    Path envFile = dataDir.resolve("echo").resolve("env.txt");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(envFile) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    List<String> env = Files.readAllLines(envFile);
    assertTrue(env.contains("COMPLAINTFLOW_KAFKA_BOOTSTRAP_SERVERS=" + stack.endpoints().kafkaBootstrapServers()), env.toString());
    assertTrue(env.contains("COMPLAINTFLOW_SCHEMA_REGISTRY_URL=" + stack.endpoints().schemaRegistryUrl()), env.toString());
  }

  @Test
  @Order(4)
  void loadWritesGoodRowsAndReportsBadOnesThenTailShowsThem() throws Exception {
    Path file = Files.writeString(dataDir.resolve("clients.csv"), String.join("\n",
        "client_id,tier,name,emails,phones,language",
        "C-1,A,Иван Петров,Ivan.Petrov@Example.com,+7 495 123-45-67,ru",
        "C-2,B,\"Smith, John\",john@example.com,,en",
        "C-3,B,Broken,not-an-email,,en",
        ",A,No id,,,",
        "C-4,C,Мария,maria@example.bg,+359 2 987 6543,bg",
        ""), StandardCharsets.UTF_8);
    Run load = cli("load", "clients", file.toString(), "--data-dir", dataDir.toString());
    assertEquals(LoadCommand.EXIT_SOME_ROWS_BAD, load.exit(), load.err());
    assertTrue(load.err().contains("rejected line 4: invalid-email (emails)"), load.err());
    assertTrue(load.err().contains("rejected line 5: missing-field (clientId)"), load.err());
    assertTrue(load.out().contains("3 clients loaded to topic clients, 2 rows rejected"), load.out());

    Run tail = cli("tail", "clients", "--from-beginning", "--max", "3", "--timeout", "30",
        "--data-dir", dataDir.toString());
    assertEquals(0, tail.exit(), tail.err());
    List<JsonNode> lines = new ArrayList<>();
    for (String line : tail.out().split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    assertEquals(3, lines.size(), tail.out());
    Set<String> keys = new TreeSet<>();
    lines.forEach(l -> keys.add(l.get("key").asText()));
    assertEquals(Set.of("C-1", "C-2", "C-4"), keys);
    JsonNode ivan = lines.stream().filter(l -> l.get("key").asText().equals("C-1")).findFirst().orElseThrow();
    assertEquals("ivan.petrov@example.com", ivan.get("value").get("emails").get(0).asText());
    assertEquals("+74951234567", ivan.get("value").get("phones").get(0).asText());
    assertEquals("A", ivan.get("value").get("tier").asText());
    assertTrue(ivan.get("value").get("updatedAt").asText().endsWith("Z"), "ISO timestamp");
  }

  @Test
  @Order(5)
  void mailSentToTheComplaintsMailboxCanBeReadOverImap() throws Exception {
    Endpoints.Mail mail = stack.endpoints().mail();
    GreenMailUtil.sendTextEmail(mail.complaints().address(), "client@example.com", "Жалоба", "Текст",
        new ServerSetup(mail.smtpPort(), mail.smtpHost(), ServerSetup.PROTOCOL_SMTP));
    Properties props = new Properties();
    Session session = Session.getInstance(props);
    try (Store store = session.getStore("imap")) {
      store.connect(mail.imapHost(), mail.imapPort(), mail.complaints().user(), mail.complaints().password());
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      assertEquals(1, inbox.getMessageCount());
      assertEquals("Жалоба", inbox.getMessage(1).getSubject());
      inbox.close(false);
    }
  }

  @Test
  @Order(6)
  void closeStopsEveryChildProcess() throws Exception {
    List<ProcessHandle> children = stack.children().stream()
        .map(c -> ProcessHandle.of(c.pid()).orElseThrow()).toList();
    assertEquals(3, children.size(), "broker, registry and the stand-in service");
    stack.close();
    List<ProcessHandle> alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    assertTrue(alive.isEmpty(), "no child process after close: "
        + alive.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
    assertFalse(Files.exists(dataDir.resolve(LocalStack.ENDPOINTS_FILE)), "endpoints file removed with the stack");
    Run tail = cli("tail", "clients", "--data-dir", dataDir.toString());
    assertEquals(1, tail.exit());
    assertTrue(tail.err().contains("no running local stack"), tail.err());
  }
}
