package com.complaintflow.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.faults.HostileInputs.HttpInput;
import com.complaintflow.common.security.ApiKeyHash;
import com.complaintflow.intake.IntakeConfig;
import com.complaintflow.intake.IntakeService;
import com.complaintflow.reconcile.ReconcileReport;
import com.complaintflow.reconcile.Reconciler;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.schemas.topics.TopicName;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * More than a thousand malformed and hostile inputs through every channel of a real intake (HTTP
 * web/form/calls/Twilio/CDR, IMAP, raw topics) on a real broker, registry and IMAP server. Each
 * input must be answered with a clear error or leave exactly one complaint or reject record, the
 * intake must stay healthy, and accepted + rejected (+ refused without a record) = sent.
 */
class BadInputCatalogIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();

  private static final String KEY = "catalog-key-0123456789";
  private static final int MAX_BODY = 64 * 1024;
  private static final int MAX_MESSAGE = 256 * 1024;
  private static final String ADDRESS = "complaints@faults.test";
  /** Statuses that may answer without a record: auth, routing (no channel) and transport-level refusals. */
  private static final Set<Integer> ERROR_WITHOUT_RECORD = Set.of(401, 404, 405, 413, 415);
  private static final Pattern STACK_TRACE = Pattern.compile("(\\bat [a-z]+\\.[\\w.$]+\\(|Exception\\b|\\.java:\\d+)");

  private static GreenMail greenMail;
  private static GreenMailUser user;
  private static IntakeService intake;
  private static Map<String, Object> topics;
  private static TopicCatalog catalog;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    greenMail = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
    greenMail.start();
    user = greenMail.setUser(ADDRESS, "complaints", "imap-secret");
    topics = new HashMap<>();
    topics.put("schema.registry.url", registry.url());
    for (TopicName t : List.of(TopicName.COMPLAINTS, TopicName.COMPLAINTS_REJECTED, TopicName.INTAKE_WEB, TopicName.INTAKE_PHONE)) {
      topics.put(t.configKey(), kafka.createTopic(kafka.topic(t.defaultName().replace('.', '-')), 3));
    }
    catalog = new TopicCatalog(topics);
    Map<String, Object> cfg = new HashMap<>(topics);
    cfg.put("kafka.bootstrap.servers", kafka.bootstrapServers());
    cfg.put("http.port", "0");
    cfg.put("http.bind.address", "127.0.0.1");
    // the key is configured only as its hash: the whole catalog runs against hashed key storage
    cfg.put("http.api.keys", "sha256:" + "0".repeat(64) + "," + ApiKeyHash.entry(KEY));
    cfg.put("http.max.body.bytes", Integer.toString(MAX_BODY));
    // the catalog fires hundreds of requests per second from one key: rate limits (RateLimitIT) would
    // turn some into 429 rate-limited and the count of answers per input would depend on timing
    cfg.put("http.rate.limit.per.second", "0");
    cfg.put("case.actions.enabled", "false");
    cfg.put("raw.consumer.group", "catalog-raw");
    cfg.put("mail.mailboxes", "support");
    cfg.put("mail.support.host", "127.0.0.1");
    cfg.put("mail.support.port", Integer.toString(greenMail.getImap().getPort()));
    cfg.put("mail.support.protocol", "imap");
    cfg.put("mail.support.user", "complaints");
    cfg.put("mail.support.password", "imap-secret");
    cfg.put("mail.poll.interval.ms", "300");
    cfg.put("mail.max.message.bytes", Integer.toString(MAX_MESSAGE));
    intake = new IntakeService(new IntakeConfig(cfg), Clock.systemUTC()).start();
    port = intake.http().port();
  }

  @AfterAll
  static void stop() {
    if (intake != null) {
      intake.stop();
    }
    if (greenMail != null) {
      greenMail.stop();
    }
  }

  @Test
  void everyHostileInputIsAnsweredOrRecordedAndTheIntakeStaysUp() throws Exception {
    Instant from = Instant.now().minusSeconds(1);
    List<HttpInput> httpInputs = new HostileInputs(KEY, MAX_BODY).http();
    // mail and raw records first: the pollers work through them while HTTP is hammered
    List<byte[]> mails = new ArrayList<>();
    int refusedByMailServer = 0;
    for (byte[] m : HostileMail.messages(ADDRESS, MAX_MESSAGE)) {
      try {
        user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(m)));
        mails.add(m);
      } catch (IllegalStateException storeFailed) {
        // GreenMail's own parser cannot store it: such a message never reaches any mailbox
        refusedByMailServer++;
      }
    }
    List<byte[]> rawWeb = rawRecords();
    produceRaw(rawWeb);
    int sent = httpInputs.size() + mails.size() + rawWeb.size();
    assertTrue(sent >= 1_000, "catalog holds " + sent + " inputs");
    assertTrue(refusedByMailServer < 5, refusedByMailServer + " messages refused by the mail server itself");

    Map<String, RawHttp.Answer> answers = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> futures = new ArrayList<>();
    for (HttpInput in : httpInputs) {
      futures.add(pool.submit(() -> {
        answers.put(in.id(), RawHttp.send(port, in.method(), in.path(), in.headers(), in.body()));
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();

    // HTTP: every answer is a clear status with a JSON reason, never a stack trace or a 5xx
    Set<String> acceptedIds = new HashSet<>();
    int ignored = 0;
    Map<String, String> expectRejectOf = new HashMap<>();
    Map<String, Integer> withoutRecord = new TreeMap<>();
    List<String> bad = new ArrayList<>();
    for (HttpInput in : httpInputs) {
      RawHttp.Answer a = answers.get(in.id());
      if (STACK_TRACE.matcher(a.body()).find()) {
        bad.add(in.id() + ": stack trace in the answer " + a.body());
      }
      if (a.status() == 202 && in.path().equals(HostileInputs.TWILIO) && a.body().contains("\"status\":\"ignored\"")) {
        // a status callback that is not final (Twilio sends several per call): answered, explicitly not a complaint
        ignored++;
      } else if (a.status() == 202) {
        Matcher m = Pattern.compile("\"complaintId\"\\s*:\\s*\"([^\"]+)\"").matcher(a.body());
        if (m.find()) {
          acceptedIds.add(m.group(1));
        } else {
          bad.add(in.id() + ": 202 without a complaint id: " + a.body());
        }
      } else if (a.status() >= 400 && a.status() < 500 && a.body().contains("\"error\"")) {
        expectRejectOf.put(in.headers().get("X-Request-Id"), in.id() + " " + a.status());
      } else {
        bad.add(in.id() + ": answered " + a.status() + " " + abbreviate(a.body()));
      }
    }
    assertTrue(bad.isEmpty(), bad.size() + " inputs not answered clearly: " + bad.subList(0, Math.min(10, bad.size())));
    assertHealthy();

    // mail: the inbox empties (every message is Processed or Failed)
    await("INBOX empty", Duration.ofSeconds(120), () -> greenMail.getManagers().getImapHostManager()
        .getInbox(user).getMessageCount() == 0);

    // read back: each 202 has its complaint, each 4xx with a channel its reject (by request id)
    Map<String, Complaint> complaintsById = new HashMap<>();
    List<RejectedInput> rejects = new ArrayList<>();
    await("all records of the catalog", Duration.ofSeconds(120), () -> {
      complaintsById.clear();
      rejects.clear();
      read(catalog.complaints().name(), catalog.complaints().valueSerde().deserializer())
          .forEach(c -> complaintsById.put(c.getComplaintId(), c));
      rejects.addAll(read(catalog.complaintsRejected().name(), catalog.complaintsRejected().valueSerde().deserializer()));
      Set<String> rejectedRequests = new HashSet<>();
      rejects.forEach(r -> rejectedRequests.add(r.getRequestId()));
      long mailRecords = complaintsById.values().stream().filter(c -> c.getSourceSystem().startsWith("imap:")).count()
          + rejects.stream().filter(r -> r.getMailbox() != null).count();
      boolean httpDone = complaintsById.keySet().containsAll(acceptedIds)
          && expectRejectOf.entrySet().stream().allMatch(e -> rejectedRequests.contains(e.getKey())
              || ERROR_WITHOUT_RECORD.contains(Integer.parseInt(e.getValue().substring(e.getValue().lastIndexOf(' ') + 1))));
      return httpDone && mailRecords >= mails.size();
    });
    Set<String> rejectedRequests = new HashSet<>();
    rejects.forEach(r -> rejectedRequests.add(r.getRequestId()));
    int httpRejected = 0;
    for (Map.Entry<String, String> e : expectRejectOf.entrySet()) {
      if (rejectedRequests.contains(e.getKey())) {
        httpRejected++;
      } else {
        withoutRecord.merge(e.getValue().substring(e.getValue().lastIndexOf(' ') + 1), 1, Integer::sum);
      }
    }
    int httpWithoutRecord = withoutRecord.values().stream().mapToInt(Integer::intValue).sum();
    assertEquals(httpInputs.size(), acceptedIds.size() + httpRejected + httpWithoutRecord + ignored,
        "HTTP: accepted + rejected + refused without record + ignored callbacks = sent");

    // mail: one record per message, each a distinct source id
    List<String> mailSources = new ArrayList<>();
    complaintsById.values().stream().filter(c -> c.getSourceSystem().startsWith("imap:")).forEach(c -> mailSources.add(c.getSourceId()));
    rejects.stream().filter(r -> r.getMailbox() != null).forEach(r -> mailSources.add(r.getSourceId()));
    assertEquals(mails.size(), mailSources.size(), "mail: complaints + rejects = messages sent");
    assertEquals(mails.size(), new HashSet<>(mailSources).size(), "mail: each message recorded once");

    // raw topics: reconcile accounts for every record
    ReconcileReport report = new Reconciler(Map.of("bootstrap.servers", kafka.bootstrapServers()), topics)
        .reconcile(from, Instant.now());
    assertTrue(report.problems("raw-input-unaccounted").isEmpty(), report.toString());
    assertTrue(report.problems("undecodable-record").isEmpty(), report.toString());
    long rawRecords = complaintsById.values().stream().filter(c -> c.getSourceSystem().startsWith("kafka:")).count()
        + rejects.stream().filter(r -> r.getTopic() != null).count();
    assertEquals(rawWeb.size(), rawRecords, "raw: complaints + rejects = records");

    int accepted = acceptedIds.size() + (int) complaintsById.values().stream().filter(c -> !c.getSourceSystem().startsWith("web-api")
        && !c.getSourceSystem().startsWith("call-api") && !c.getSourceSystem().startsWith("twilio")
        && !c.getSourceSystem().startsWith("asterisk")).count();
    int rejected = httpRejected + (int) rejects.stream().filter(r -> r.getMailbox() != null || r.getTopic() != null).count();
    assertEquals(sent, accepted + rejected + httpWithoutRecord + ignored, "accepted + rejected + refused = sent");
    System.out.printf("catalog: sent=%d accepted=%d rejected=%d refused-without-record=%s ignored-callbacks=%d reasons=%s%n",
        sent, accepted, rejected, withoutRecord, ignored, reasons(rejects));
    assertHealthy();
  }

  @Test
  void aHashedKeyLetsItsKeyInButNotItsHashAndErrorsCarryNoStackTrace() throws Exception {
    byte[] body = "{\"email\":\"hash.check@example.com\",\"text\":\"hashed key\"}".getBytes(StandardCharsets.UTF_8);
    RawHttp.Answer ok = RawHttp.send(port, "POST", HostileInputs.WEB, Map.of("Content-Type", "application/json",
        "Authorization", "Bearer " + KEY), body);
    assertEquals(202, ok.status(), ok.body());
    for (String wrong : List.of(ApiKeyHash.entry(KEY), ApiKeyHash.entry(KEY).substring(7), "0".repeat(64), "")) {
      RawHttp.Answer refused = RawHttp.send(port, "POST", HostileInputs.WEB, Map.of("Content-Type", "application/json",
          "X-Api-Key", wrong), body);
      assertEquals(401, refused.status(), wrong);
      assertTrue(refused.body().contains("\"error\":\"bad-api-key\""), refused.body());
      assertTrue(!STACK_TRACE.matcher(refused.body()).find(), refused.body());
    }
  }

  private static Map<String, Integer> reasons(List<RejectedInput> rejects) {
    Map<String, Integer> out = new TreeMap<>();
    rejects.forEach(r -> out.merge(r.getReason(), 1, Integer::sum));
    return out;
  }

  /** Raw web and phone records: garbage bytes, broken JSON, hostile fields. */
  private static List<byte[]> rawRecords() {
    List<byte[]> out = new ArrayList<>();
    for (String s : List.of("", "not json", "{", "[]", "null", "{\"text\":\"no contact\"}", "{\"email\":\"raw@example.com\"}")) {
      out.add(s.getBytes(StandardCharsets.UTF_8));
    }
    for (String s : HostileInputs.SCRIPTS) {
      out.add(("{\"email\":\"raw.xss@example.com\",\"text\":" + HostileInputs.q(s) + "}").getBytes(StandardCharsets.UTF_8));
    }
    for (String n : HostileInputs.NUMBERS) {
      out.add(("{\"phone\":" + HostileInputs.q(n) + ",\"text\":\"raw numbers\"}").getBytes(StandardCharsets.UTF_8));
    }
    out.add(new byte[] {0, 0, 0, 0, 1, 2, 3});
    out.add(new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
    out.add(("{\"email\":\"deep@example.com\",\"text\":\"x\",\"e\":" + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8));
    return out;
  }

  private static void produceRaw(List<byte[]> records) throws Exception {
    try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(kafka.producerProps(), new ByteArraySerializer(), new ByteArraySerializer())) {
      int i = 0;
      for (byte[] r : records) {
        p.send(new ProducerRecord<>(catalog.intakeWeb().name(), ("raw-" + i++).getBytes(StandardCharsets.UTF_8), r)).get();
      }
    }
  }

  private static <T> List<T> read(String topic, org.apache.kafka.common.serialization.Deserializer<T> d) {
    List<T> out = new ArrayList<>();
    for (ConsumerRecord<String, T> r : kafka.readAll(topic, new StringDeserializer(), d, Integer.MAX_VALUE, Duration.ofSeconds(3))) {
      out.add(r.value());
    }
    return out;
  }

  private static void assertHealthy() throws Exception {
    RawHttp.Answer health = RawHttp.send(port, "GET", "/health", Map.of(), new byte[0]);
    assertEquals(200, health.status(), "intake health: " + health.body());
  }

  static void await(String what, Duration timeout, java.util.concurrent.Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(250);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
