package com.complaintflow.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.launcher.stack.ChildJvmServices;
import com.complaintflow.launcher.stack.Endpoints;
import com.complaintflow.launcher.stack.LocalStack;
import com.complaintflow.launcher.stack.ServiceEnvironment;
import com.complaintflow.launcher.stack.StackOptions;
import com.complaintflow.launcher.stack.TopicFollower;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseEventType;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ResolvedCase;
import com.complaintflow.schemas.avro.SlaOutcome;
import com.complaintflow.schemas.avro.SlaResult;
import com.complaintflow.schemas.avro.SlaTarget;
import com.complaintflow.schemas.serde.AvroSerdeConfig;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline with every part real: the broker and the schema registry in their own JVMs,
 * GreenMail, and the intake, processor and alert sink as child JVMs started by the launcher. One
 * email walks through it: complaint, case with an owner, a reply that joins the case, an SLA
 * breach after a short first-response target, the alert email in the supervisors' mailbox, and a
 * RESOLVED action over HTTP that yields a ResolvedCase recording the breach.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndIT {
  private static final Duration FIRST_RESPONSE = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dataDir;

  private LocalStack stack;
  private TopicFollower follower;
  private final List<Object[]> records = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  @BeforeAll
  void start() throws Exception {
    Path rules = Files.writeString(dataDir.resolve("routing-rules.txt"), "* => service\n");
    ChildJvmServices services = ChildJvmServices.all()
        .withConfig(ServiceEnvironment.INTAKE, Map.of("mail.poll.interval.ms", "500"))
        .withConfig(ServiceEnvironment.PROCESSOR, Map.of(
            "routing.rules.path", rules.toString(),
            "sla.policy.default.first-response", FIRST_RESPONSE.toSeconds() + "s",
            "sla.policy.default.next-response", "10m",
            "sla.policy.default.resolution", "30m",
            "sla.warnings", "50%",
            "sla.punctuation.interval", "1s",
            "team.service.supervisors", "supervisors@" + LocalStack.MAIL_DOMAIN));
    stack = LocalStack.start(new StackOptions(dataDir.resolve("stack")).partitions(2), services,
        new PrintStream(progress, true, StandardCharsets.UTF_8));
    TopicCatalog catalog = new TopicCatalog(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
        stack.endpoints().schemaRegistryUrl()));
    follower = new TopicFollower(stack.endpoints().kafkaBootstrapServers(),
        List.of(catalog.complaints(), catalog.cases(), catalog.alerts(), catalog.casesResolved()),
        (topic, key, value, ts) -> records.add(new Object[] {topic, key, value})).start();
    Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        stack.endpoints().kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, Agent> agents = new KafkaProducer<>(producerProps, new StringSerializer(),
        catalog.agents().valueSerde().serializer())) {
      agents.send(new ProducerRecord<>(catalog.agents().name(), "AG-1", Agent.newBuilder().setAgentId("AG-1")
          .setName("Анна Смирнова").setTeam("service").setCapacity(10).setStatus(AgentStatus.AVAILABLE)
          .setUpdatedAt(Instant.now()).build())).get();
      // a supervisor's desk in a team no complaint is routed to: the target of a REASSIGN
      agents.send(new ProducerRecord<>(catalog.agents().name(), "AG-LEAD", Agent.newBuilder().setAgentId("AG-LEAD")
          .setName("Ирина Лебедева").setTeam("escalations").setCapacity(10).setStatus(AgentStatus.AVAILABLE)
          .setUpdatedAt(Instant.now()).build())).get();
    }
  }

  @AfterAll
  void stop() {
    if (follower != null) {
      follower.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void anEmailBecomesACaseThatBreachesAlertsSupervisorsAndIsResolvedWithTheBreachRecorded() throws Exception {
    Endpoints e = stack.endpoints();
    ServerSetup smtp = new ServerSetup(e.mail().smtpPort(), e.mail().smtpHost(), ServerSetup.PROTOCOL_SMTP);
    GreenMailUtil.sendTextEmail(e.mail().complaints().address(), "olga.ivanova@example.com",
        "Сломался чайник", "Здравствуйте! Чайник KETTLE-2000 перестал работать через неделю.", smtp);

    // a complaint, then a case with an owner
    Complaint complaint = await("complaint from the email", () -> values("complaints", Complaint.class).stream()
        .filter(c -> c.getChannel() == Channel.EMAIL && "Сломался чайник".equals(c.getSubject())).findFirst());
    String caseId = await("case of the complaint", () -> values("cases", CaseEvent.class).stream()
        .filter(c -> complaint.getComplaintId().equals(c.getComplaintId())).map(CaseEvent::getCaseId).findFirst());
    CaseEvent assigned = await("case assigned to an owner", () -> values("cases", CaseEvent.class).stream()
        .filter(c -> c.getCaseId().equals(caseId) && c.getOwnerId() != null).findFirst());
    String caseNumber = assigned.getCaseNumber();
    assertEquals("AG-1", assigned.getOwnerId());

    // the client's reply with the case tag joins the same case
    GreenMailUtil.sendTextEmail(e.mail().complaints().address(), "olga.ivanova@example.com",
        "Re: [" + caseNumber + "] Сломался чайник", "Добавлю: чек во вложении потерялся, номер заказа ORD-77.", smtp);
    await("FOLLOW_UP event of " + caseNumber, () -> values("cases", CaseEvent.class).stream()
        .filter(c -> c.getCaseId().equals(caseId) && c.getType() == CaseEventType.FOLLOW_UP).findFirst());

    // no response within the first-response target: a breach, and its email to the supervisors
    Alert breach = await("SLA_BREACH alert of " + caseNumber, () -> values("alerts", Alert.class).stream()
        .filter(a -> a.getCaseId().equals(caseId) && a.getKind() == AlertKind.SLA_BREACH).findFirst());
    assertEquals(SlaTarget.FIRST_RESPONSE, breach.getTarget());
    MimeMessage mail = await("alert email with " + caseNumber + " to the supervisors", () -> {
      for (MimeMessage m : stack.greenMail().getReceivedMessages()) {
        if (addressedTo(m, "supervisors@" + LocalStack.MAIL_DOMAIN) && subject(m).contains(caseNumber)) {
          return Optional.of(m);
        }
      }
      return Optional.empty();
    });
    assertNotNull(mail);

    // the agent resolves it over HTTP: the resolved case records the breach
    HttpResponse<String> resolved = postAction(caseNumber, "{\"type\":\"RESOLVED\",\"actor\":\"AG-1\","
        + "\"note\":\"Заменили чайник\",\"resolution\":{\"rootCause\":\"брак партии\",\"summary\":\"замена\","
        + "\"compensationType\":\"REPLACEMENT\",\"compensationAmount\":\"2490.00\",\"currency\":\"RUB\"}}");
    assertEquals(202, resolved.statusCode(), resolved.body());
    ResolvedCase done = await("ResolvedCase of " + caseNumber, () -> values("cases.resolved", ResolvedCase.class)
        .stream().filter(r -> r.getCaseId().equals(caseId)).findFirst());
    assertEquals(1, done.getFollowUpCount(), "the reply joined the case");
    assertNotNull(done.getSla(), "SLA results recorded");
    SlaResult firstResponse = done.getSla().stream().filter(s -> s.getTarget() == SlaTarget.FIRST_RESPONSE)
        .findFirst().orElseThrow(() -> new AssertionError("no FIRST_RESPONSE result in " + done.getSla()));
    assertEquals(SlaOutcome.BREACHED, firstResponse.getOutcome());
  }

  /**
   * Issue 13, acceptance 4: an agent acts on a case the moment its OPENED event is out. The action
   * names the case only by number, is posted once (no retry) and is applied on cases; the stack has
   * 2 internal partitions, so the number also has to find the right one of two case tasks.
   */
  @Test
  void anActionByNumberOnACaseOpenedAMomentAgoIsAcceptedAndApplied() throws Exception {
    Endpoints e = stack.endpoints();
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<String> complaint = client.send(HttpRequest.newBuilder(URI.create(e.intake().baseUrl() + "/complaints"))
        .header("X-Api-Key", e.intake().apiKey()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Пётр\",\"email\":\"petr.sidorov@example.com\","
            + "\"subject\":\"Грубость\",\"text\":\"Оператор нагрубил мне по телефону.\",\"language\":\"ru\","
            + "\"consent\":{\"contactByEmail\":true,\"dataProcessing\":true}}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(202, complaint.statusCode(), complaint.body());
    String complaintId = JSON.readTree(complaint.body()).get("complaintId").asText();
    CaseEvent opened = await("OPENED event of complaint " + complaintId, () -> values("cases", CaseEvent.class).stream()
        .filter(c -> complaintId.equals(c.getComplaintId()) && c.getType() == CaseEventType.OPENED).findFirst());

    HttpResponse<String> action = client.send(HttpRequest.newBuilder(
            URI.create(e.intake().baseUrl() + "/cases/" + opened.getCaseNumber() + "/actions"))
        .header("X-Api-Key", e.intake().apiKey()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"type\":\"REASSIGN\",\"actor\":\"sup-1\",\"targetAgentId\":\"AG-LEAD\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(202, action.statusCode(), "the first request is accepted: " + action.body());
    String actionId = JSON.readTree(action.body()).get("actionId").asText();
    CaseEvent reassigned = await("REASSIGNED event of " + opened.getCaseNumber(), () -> values("cases", CaseEvent.class)
        .stream().filter(c -> actionId.equals(c.getActionId())).findFirst());
    assertEquals(CaseEventType.REASSIGNED, reassigned.getType());
    assertEquals(opened.getCaseId(), reassigned.getCaseId());
    assertEquals("AG-LEAD", reassigned.getOwnerId());
  }

  private HttpResponse<String> postAction(String caseNumber, String body) throws Exception {
    Endpoints e = stack.endpoints();
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(e.intake().baseUrl() + "/cases/" + caseNumber + "/actions"))
        .header("X-Api-Key", e.intake().apiKey()).header("Content-Type", "application/json")
        .header("Idempotency-Key", "e2e-resolve-" + caseNumber)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertTrue(JSON.readTree(r.body()).has(r.statusCode() == 202 ? "actionId" : "error"), r.body());
    return r;
  }

  private <T> List<T> values(String topic, Class<T> type) {
    return records.stream().filter(r -> r[0].equals(topic) && type.isInstance(r[2])).map(r -> type.cast(r[2])).toList();
  }

  private <T> T await(String what, Supplier<Optional<T>> probe) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<T> found = probe.get();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting for " + what + "\n--- processor log ---\n" + logTail("processor")
        + "\n--- intake log ---\n" + logTail("intake") + "\n--- alert-sink log ---\n" + logTail("alert-sink"));
  }

  private String logTail(String service) {
    try {
      List<String> lines = Files.readAllLines(Path.of(stack.endpoints().logDir()).resolve(service + ".log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static boolean addressedTo(MimeMessage m, String address) {
    try {
      var to = m.getRecipients(Message.RecipientType.TO);
      if (to != null) {
        for (var a : to) {
          if (a.toString().toLowerCase().contains(address)) {
            return true;
          }
        }
      }
      return false;
    } catch (jakarta.mail.MessagingException e) {
      return false;
    }
  }

  private static String subject(MimeMessage m) {
    try {
      return String.valueOf(m.getSubject());
    } catch (jakarta.mail.MessagingException e) {
      return "";
    }
  }
}
