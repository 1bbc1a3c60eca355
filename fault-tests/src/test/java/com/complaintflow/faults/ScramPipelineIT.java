package com.complaintflow.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.complaintflow.common.config.ConfigLoader;
import com.complaintflow.intake.IntakeConfig;
import com.complaintflow.intake.health.HealthCheck;
import com.complaintflow.intake.health.KafkaHealthCheck;
import com.complaintflow.launcher.stack.ChildJvm;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseEventType;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.schemas.topics.TopicName;
import com.complaintflow.testing.LogCapture;
import com.complaintflow.testing.SchemaRegistryServer;
import com.complaintflow.testing.ScramKafka;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.Writer;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pipeline against a broker whose client listener accepts only SASL/SCRAM-authenticated
 * clients: the intake (HTTP), the processor and the alert sink, each its own JVM, configured only
 * through their {@code kafka.*} keys (intake and processor in their properties file, the alert
 * sink through {@code COMPLAINTFLOW_KAFKA_*} environment variables, the way a deployment passes
 * secrets). A legal-threat complaint becomes a case and its alert is mailed; every Kafka client
 * each service created logged its configuration with the security settings, and the password
 * appears in no log. Clients with a wrong password or without SASL are refused.
 */
class ScramPipelineIT {
  private static final String USER = "complaintflow-services";
  // unique per run, so that any hit in a log can only be a leak
  private static final String PASSWORD = "scram-" + UUID.randomUUID();
  private static final String WRONG_PASSWORD = "wrong-" + UUID.randomUUID();
  private static final String KEY = "scram-pipeline-key";
  private static final String LEGAL = "legal@scram.test";
  private static final String SERVICE_LOGBACK = "com/complaintflow/faults/client-config-logback.xml";
  private static final String CONFIG_LOGGER = "org.apache.kafka.common.config.AbstractConfig";
  private static final Set<String> CLIENT_KINDS = Set.of("ProducerConfig", "ConsumerConfig", "AdminClientConfig");

  @RegisterExtension static final ScramKafka kafka = new ScramKafka().withUser(USER, PASSWORD);
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();
  private static final Path dir = RunDirs.fresh("scram-pipeline");

  private static TopicCatalog catalog;
  private static GreenMail greenMail;
  private static int httpPort;
  private static final Map<String, ChildJvm> services = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    for (TopicName t : TopicName.values()) {
      kafka.internal().createTopic(t.defaultName(), 2,
          t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of());
    }
    catalog = new TopicCatalog(Map.of("schema.registry.url", registry.url()));
    greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    greenMail.start();
    try (ServerSocket s = new ServerSocket(0)) {
      httpPort = s.getLocalPort();
    }
  }

  @AfterAll
  static void stop() {
    services.values().forEach(ChildJvm::stop);
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  /** The service settings of the SCRAM user, as a deployment writes them. */
  private static Map<String, String> securityKeys(String password) {
    return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
        "kafka.security.protocol", "SASL_PLAINTEXT",
        "kafka.sasl.mechanism", kafka.mechanism(),
        "kafka.sasl.jaas.config", ScramKafka.jaasConfig(USER, password));
  }

  @Test
  void clientsWithAWrongPasswordOrWithoutSaslAreRefused() throws Exception {
    try (LogCapture logs = LogCapture.start(Map.of(CONFIG_LOGGER, Level.INFO))) {
      try (Admin admin = Admin.create(kafka.clientProps(USER, WRONG_PASSWORD))) {
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(15_000)).nodes().get());
        assertInstanceOf(SaslAuthenticationException.class, e.getCause(), "admin with a wrong password");
      }
      try (Admin admin = Admin.create(kafka.clientProps("nobody", PASSWORD))) {
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(15_000)).nodes().get());
        assertInstanceOf(SaslAuthenticationException.class, e.getCause(), "admin of an unknown user");
      }
      Map<String, Object> producerProps = new HashMap<>(kafka.clientProps(USER, WRONG_PASSWORD));
      producerProps.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
      try (KafkaProducer<String, String> producer =
               new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> producer.send(
            new ProducerRecord<>(catalog.complaints().name(), "k", "v")).get(30, TimeUnit.SECONDS));
        assertInstanceOf(SaslAuthenticationException.class, e.getCause(), "producer with a wrong password");
      }

      // a client that does not speak SASL gets no answer on the SCRAM listener
      Map<String, Object> plain = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
          CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 3_000, CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
      try (Admin admin = Admin.create(plain)) {
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000)).nodes().get());
        assertInstanceOf(TimeoutException.class, e.getCause(), "admin without SASL");
      }

      // the intake's own Kafka probe (behind /health), configured through its keys: down with the
      // wrong password, up with the right one
      assertFalse(intakeKafkaProbe(WRONG_PASSWORD).up(), "intake Kafka probe with a wrong password");
      assertTrue(intakeKafkaProbe(PASSWORD).up(), "intake Kafka probe with the right password");

      String text = logs.text();
      assertTrue(text.contains("sasl.jaas.config = [hidden]"),
          "the clients' configuration was logged (the check below would pass on an empty log otherwise)");
      assertFalse(text.contains(PASSWORD), "the password in this JVM's log");
      assertFalse(text.contains(WRONG_PASSWORD), "the wrong password in this JVM's log");
    }
  }

  private static HealthCheck.Result intakeKafkaProbe(String password) {
    IntakeConfig config = new IntakeConfig(securityKeys(password));
    try (KafkaHealthCheck probe = new KafkaHealthCheck(config.kafkaClientProps(), Duration.ofSeconds(10))) {
      return probe.check();
    }
  }

  @Test
  void aComplaintBecomesACaseAndItsAlertIsMailedOverScramAndNoLogHoldsThePassword() throws Exception {
    Map<String, String> security = securityKeys(PASSWORD);
    Map<String, String> common = Map.of("schema.registry.url", registry.url());

    Map<String, String> i = new HashMap<>(common);
    i.putAll(security);
    i.put("http.port", Integer.toString(httpPort));
    i.put("http.bind.address", "127.0.0.1");
    i.put("http.api.keys", KEY);
    start("intake", ServiceJvm.INTAKE, i, Map.of());

    Map<String, String> p = new HashMap<>(common);
    p.putAll(security);
    p.put("application.id", "scram-processor");
    p.put("state.dir", dir.resolve("processor-state").toString());
    p.put("internal.topic.partitions", "2");
    p.put("internal.topic.replication.factor", "1");
    p.put("routing.default.team", Population.TEAM);
    p.put("sla.default.calendar", "24x7");
    p.put("legal.recipients", LEGAL);
    start("processor", ServiceJvm.PROCESSOR, p, Map.of());

    Map<String, String> s = new HashMap<>(common);
    s.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    s.put("group.id", "scram-sink");
    s.put("smtp.host", "127.0.0.1");
    s.put("smtp.port", Integer.toString(greenMail.getSmtp().getPort()));
    s.put("smtp.security", "NONE");
    Map<String, String> env = new HashMap<>();
    security.forEach((k, v) -> {
      if (!k.equals("kafka.bootstrap.servers")) {
        env.put(ConfigLoader.envName(k), v);
      }
    });
    start("alert-sink", ServiceJvm.ALERT_SINK, s, env);

    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    SmtpOutageIT.await(Duration.ofSeconds(60), () -> health(http) == 200, "intake health (Kafka over SCRAM, registry)");

    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/complaints"))
        .header("X-Api-Key", KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Vesela Dimova\",\"email\":\"vesela.dimova@scram-client.example\","
            + "\"subject\":\"Refund refused\",\"text\":\"The refund for my order was refused twice;"
            + " my lawyer will take this to court.\"}", StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(202, r.statusCode(), "complaint: " + r.body());
    String complaintId = new ObjectMapper().readTree(r.body()).path("complaintId").asText();
    assertFalse(complaintId.isEmpty(), "complaint id in " + r.body());

    List<CaseEvent> opened = new ArrayList<>();
    try (TopicWatch<CaseEvent> cases = new TopicWatch<>(kafka.internal().bootstrapServers(), catalog.cases().name(),
        catalog.cases().valueSerde().deserializer())) {
      SmtpOutageIT.await(Duration.ofSeconds(60), () -> {
        opened.clear();
        cases.poll(Duration.ofMillis(500)).stream()
            .filter(e -> e.getType() == CaseEventType.OPENED && complaintId.equals(e.getComplaintId()))
            .forEach(opened::add);
        return !opened.isEmpty();
      }, "the case of complaint " + complaintId);
    }
    assertEquals(1, opened.size(), "one case opened for the complaint");
    assertTrue(opened.get(0).getLegal(), "the case is marked legal: " + opened.get(0));
    String caseNumber = opened.get(0).getCaseNumber();

    SmtpOutageIT.await(Duration.ofSeconds(60), () -> legalAlertMails(caseNumber) > 0,
        "the legal-threat alert of " + caseNumber + " mailed to " + LEGAL);

    services.values().forEach(ChildJvm::stop);
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, ChildJvm> service : services.entrySet()) {
      String name = service.getKey();
      String log = Files.readString(service.getValue().logFile(), StandardCharsets.UTF_8);
      if (log.contains(PASSWORD)) {
        problems.add(name + ": the password is in its log");
      }
      if (log.contains("SaslAuthenticationException") || log.contains("Authentication failed")) {
        problems.add(name + ": an authentication failure in its log");
      }
      List<ClientConfig> clients = ClientConfig.parse(log);
      Set<String> kinds = new TreeSet<>();
      for (ClientConfig c : clients) {
        kinds.add(c.kind());
        if (!"SASL_PLAINTEXT".equals(c.values().get("security.protocol"))
            || !kafka.mechanism().equals(c.values().get("sasl.mechanism"))
            || !"[hidden]".equals(c.values().get("sasl.jaas.config"))) {
          problems.add(name + ": " + c.kind() + " client.id=" + c.values().get("client.id") + " without the security settings: "
              + "security.protocol=" + c.values().get("security.protocol") + " sasl.mechanism=" + c.values().get("sasl.mechanism"));
        }
      }
      if (!kinds.equals(CLIENT_KINDS)) {
        problems.add(name + ": logged the configuration of " + kinds + ", expected producers, consumers and admin clients");
      }
    }
    assertEquals(List.of(), problems, "service logs under " + dir);
  }

  private static int legalAlertMails(String caseNumber) throws Exception {
    int found = 0;
    for (MimeMessage m : greenMail.getReceivedMessages()) {
      Address[] to = m.getAllRecipients();
      boolean toLegal = to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(LEGAL));
      if (toLegal && m.getSubject() != null && m.getSubject().contains(caseNumber)) {
        found++;
      }
    }
    return found;
  }

  private static int health(HttpClient http) throws Exception {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (IOException notYet) {
      return -1;
    }
  }

  /** A service JVM whose log also holds the configuration of every Kafka client it creates. */
  private static void start(String name, String mainClass, Map<String, String> config, Map<String, String> env)
      throws IOException {
    Path home = Files.createDirectories(dir.resolve(name));
    Path file = home.resolve(name + ".properties");
    Properties props = new Properties();
    props.putAll(config);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      props.store(out, null);
    }
    services.put(name, ChildJvm.builder(name)
        .classpath(System.getProperty("java.class.path"))
        .jvmOptions("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dlogback.configurationFile=" + SERVICE_LOGBACK)
        .mainClass(mainClass)
        .args(file.toString())
        .environment(env)
        .logFile(home.resolve(name + ".log"))
        .workingDir(home)
        .build()
        .start());
  }

  /** One "ProducerConfig values: ..." (or consumer, admin) block of a log: the settings a client was created with. */
  record ClientConfig(String kind, Map<String, String> values) {
    static List<ClientConfig> parse(String log) {
      List<ClientConfig> out = new ArrayList<>();
      String[] lines = log.split("\\R");
      for (int n = 0; n < lines.length; n++) {
        String line = lines[n].stripTrailing();
        String kind = CLIENT_KINDS.stream().filter(k -> line.endsWith(k + " values:")).findFirst().orElse(null);
        if (kind == null) {
          continue;
        }
        Map<String, String> values = new HashMap<>();
        while (n + 1 < lines.length && lines[n + 1].startsWith("\t")) {
          n++;
          int eq = lines[n].indexOf(" = ");
          if (eq > 0) {
            values.put(lines[n].substring(0, eq).trim(), lines[n].substring(eq + 3).trim());
          }
        }
        out.add(new ClientConfig(kind, values));
      }
      return out;
    }
  }
}
