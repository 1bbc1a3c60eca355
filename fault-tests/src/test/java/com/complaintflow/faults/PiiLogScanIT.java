package com.complaintflow.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseEventType;
import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.schemas.topics.TopicName;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A small end-to-end run through the intake (HTTP JSON, site form, call record, a refused request,
 * email), the processor and the alert sink, each its own JVM with its log in a file, for clients
 * whose emails, phone numbers and complaint texts are known; afterwards none of them may appear in
 * any of the services' logs (emails case-insensitively, phones in E.164 and as the client typed
 * them, text fragments as written). The services run with their own loggers at DEBUG, so the
 * per-event lines an operator switches on are held to the same rule.
 */
class PiiLogScanIT {
  /** The services' own loggers at DEBUG: the per-event lines are scanned too. */
  private static final String DEBUG_LOGBACK = "com/complaintflow/faults/debug-logback.xml";

  private static final String KEY = "pii-scan-key";
  private static final String MAILBOX = "complaints@faults.test";

  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();
  private static final Path dir = RunDirs.fresh("pii-scan");

  /** A test client and what they write: every value here is personal data that must stay out of logs. */
  record Person(String id, String name, String email, String e164, String typedPhone, String text) {}

  private static final List<Person> PEOPLE = List.of(
      new Person("C-PII-1", "Radoslava Vutova", "radoslava.vutova@pii-client.example", "+359887123456",
          "+359 887 123 456", "The dishwasher flooded my kitchen floor on the second wash"),
      new Person("C-PII-2", "Timofey Shchukin", "t.shchukin@pii-client.example", "+74951234567",
          "8 (495) 123-45-67", "Courier threw the parcel over the fence into the nettles"),
      new Person("C-PII-3", "Mildred Oakhurst", "mildred.oakhurst@pii-client.example", "+442079460958",
          "+44 20 7946 0958", "Refund for the returned armchair never reached my account"),
      new Person("C-PII-4", "Zdravko Kirilov", "zdravko.kirilov@pii-client.example", "+359878654321",
          "+359 87 865 4321", "Hotline operator called me a liar about the broken kettle lid"));

  private static TopicCatalog catalog;
  private static GreenMail greenMail;
  private static GreenMailUser mailbox;
  private static int httpPort;
  private static final List<ServiceJvm> services = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    for (TopicName t : TopicName.values()) {
      kafka.createTopic(t.defaultName(), 2, t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of());
    }
    catalog = new TopicCatalog(Map.of("schema.registry.url", registry.url()));
    greenMail = new GreenMail(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});
    greenMail.start();
    mailbox = greenMail.setUser(MAILBOX, "complaints", "imap-secret");
    try (ServerSocket s = new ServerSocket(0)) {
      httpPort = s.getLocalPort();
    }
    Map<String, String> common = Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
        "schema.registry.url", registry.url());

    Map<String, String> i = new HashMap<>(common);
    i.put("http.port", Integer.toString(httpPort));
    i.put("http.bind.address", "127.0.0.1");
    i.put("http.api.keys", KEY);
    i.put("mail.mailboxes", "support");
    i.put("mail.support.host", "127.0.0.1");
    i.put("mail.support.port", Integer.toString(greenMail.getImap().getPort()));
    i.put("mail.support.protocol", "imap");
    i.put("mail.support.user", "complaints");
    i.put("mail.support.password", "imap-secret");
    i.put("mail.poll.interval.ms", "500");
    services.add(new ServiceJvm("intake", ServiceJvm.INTAKE, dir.resolve("intake"), i, DEBUG_LOGBACK));

    Map<String, String> p = new HashMap<>(common);
    p.put("application.id", "pii-processor");
    p.put("state.dir", dir.resolve("processor-state").toString());
    p.put("internal.topic.partitions", "2");
    p.put("internal.topic.replication.factor", "1");
    p.put("routing.default.team", Population.TEAM);
    p.put("sla.default.calendar", "24x7");
    p.put("sla.policy.default.first-response", "3s");
    // every team (the built-in routing sends by category) reaches the head of service too
    p.put("sla.escalation.1.recipients", "team-supervisors,head-of-service@faults.test");
    p.put("team." + Population.TEAM + ".supervisors", "lead@faults.test");
    services.add(new ServiceJvm("processor", ServiceJvm.PROCESSOR, dir.resolve("processor"), p, DEBUG_LOGBACK));

    Map<String, String> s = new HashMap<>(common);
    s.put("group.id", "pii-sink");
    s.put("smtp.host", "127.0.0.1");
    s.put("smtp.port", Integer.toString(greenMail.getSmtp().getPort()));
    s.put("smtp.security", "NONE");
    services.add(new ServiceJvm("alert-sink", ServiceJvm.ALERT_SINK, dir.resolve("sink"), s, DEBUG_LOGBACK));
  }

  @AfterAll
  static void stop() {
    services.forEach(ServiceJvm::stop);
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  @Test
  void noEmailPhoneOrComplaintTextReachesAnyServiceLog() throws Exception {
    try (var cp = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), catalog.clients().valueSerde().serializer());
         var ap = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), catalog.agents().valueSerde().serializer())) {
      for (Person person : PEOPLE) {
        cp.send(new ProducerRecord<>(catalog.clients().name(), person.id(), Client.newBuilder().setClientId(person.id())
            .setTier(ClientTier.A).setName(person.name()).setEmails(List.of(person.email()))
            .setPhones(List.of(person.e164())).setUpdatedAt(Instant.now()).build())).get();
      }
      for (Agent a : Population.agents(2, 10)) {
        ap.send(new ProducerRecord<>(catalog.agents().name(), a.getAgentId(), a)).get();
      }
    }
    for (ServiceJvm service : services) {
      service.start();
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    awaitHealthy(http);

    Person json = PEOPLE.get(0);
    Person form = PEOPLE.get(1);
    Person call = PEOPLE.get(2);
    Person mail = PEOPLE.get(3);
    int accepted = 0;
    accepted += post(http, "/api/v1/complaints", "application/json", "{\"name\":\"" + json.name() + "\",\"email\":\""
        + json.email().toUpperCase(Locale.ROOT) + "\",\"phone\":\"" + json.typedPhone() + "\",\"subject\":\"Flood\","
        + "\"text\":\"" + json.text() + "\"}", 202);
    accepted += post(http, "/api/v1/complaints", "application/x-www-form-urlencoded", "name=" + enc(form.name())
        + "&email=" + enc(form.email()) + "&phone=" + enc(form.typedPhone()) + "&text=" + enc(form.text())
        + "&consentEmail=on", 202);
    accepted += post(http, "/api/v1/calls", "application/json", "{\"callId\":\"pii-call-1\",\"callerNumber\":\""
        + call.typedPhone() + "\",\"calledNumber\":\"+7 800 100-00-00\",\"queue\":\"complaints\","
        + "\"startedAt\":\"" + Instant.now().minusSeconds(300) + "\",\"answeredAt\":\"" + Instant.now().minusSeconds(280)
        + "\",\"endedAt\":\"" + Instant.now().minusSeconds(10) + "\",\"disposition\":\"answered\",\"notes\":\""
        + call.text() + "\"}", 202);
    // refused input carrying personal data: the refusal is logged, its content must not be
    post(http, "/api/v1/complaints", "application/json", "{\"email\":\"" + json.email() + "\",\"phone\":\""
        + json.typedPhone() + "\",\"text\":\"" + json.text() + "\"", 400);
    post(http, "/api/v1/complaints", "application/json", "{\"email\":\"" + form.email() + "\",\"phone\":\""
        + form.typedPhone() + "\"}", 400);

    MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
    m.setFrom(new InternetAddress(mail.email(), mail.name()));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
    m.setSubject("Broken kettle lid");
    m.setText(mail.text() + ".\nCall me back on " + mail.typedPhone() + ".\n" + mail.name(), "UTF-8");
    m.saveChanges();
    mailbox.deliver(m);
    accepted++;

    // every complaint opened its case, and the breach alerts went out by mail
    int expected = accepted;
    try (TopicWatch<CaseEvent> cases = new TopicWatch<>(kafka.bootstrapServers(), catalog.cases().name(),
        catalog.cases().valueSerde().deserializer())) {
      SmtpOutageIT.await(Duration.ofMinutes(2), () -> cases.poll(Duration.ofMillis(500)).stream()
          .filter(e -> e.getType() == CaseEventType.OPENED).count() >= expected, expected + " cases opened");
    }
    SmtpOutageIT.await(Duration.ofMinutes(1), () -> greenMail.getReceivedMessages().length >= expected,
        "breach alerts mailed");
    services.forEach(ServiceJvm::stop);

    // each service's whole output (stdout and stderr, all restarts); state stores hold personal data by design
    List<Path> logs = services.stream().map(ServiceJvm::logFile).toList();
    List<String> found = new ArrayList<>();
    for (Path log : logs) {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      assertTrue(text.contains("event=complaint-accepted") || text.contains("event=case-opened") || text.contains("event=alert-sent"),
          "the log of a service that did its part: " + log);
      String lower = text.toLowerCase(Locale.ROOT);
      for (Person person : PEOPLE) {
        List<String> needles = new ArrayList<>(List.of(person.email(), person.e164(), person.typedPhone(),
            person.e164().substring(1), person.typedPhone().replaceAll("\\D", "")));
        String[] words = person.text().split(" ");
        for (int w = 0; w + 4 <= words.length; w += 2) {
          needles.add(String.join(" ", List.of(words).subList(w, w + 4)));
        }
        for (String needle : needles) {
          if (lower.contains(needle.toLowerCase(Locale.ROOT))) {
            found.add(dir.relativize(log) + ": '" + needle + "'");
          }
        }
      }
    }
    assertEquals(List.of(), found, "personal data in service logs");
  }

  private static void awaitHealthy(HttpClient http) throws Exception {
    SmtpOutageIT.await(Duration.ofSeconds(60), () -> {
      try {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
      } catch (java.io.IOException notYet) {
        return false;
      }
    }, "intake health");
  }

  private static int post(HttpClient http, String path, String type, String body, int expectedStatus) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
        .header("X-Api-Key", KEY).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(expectedStatus, r.statusCode(), path + ": " + r.body());
    return r.statusCode() == 202 ? 1 : 0;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
