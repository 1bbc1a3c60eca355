package com.complaintflow.bench.scenario;

import com.complaintflow.bench.data.DataSet;
import com.complaintflow.bench.intake.BenchMailbox;
import com.complaintflow.bench.intake.IntakeData;
import com.complaintflow.bench.intake.IntakeProcess;
import com.complaintflow.bench.intake.LoadGenerator;
import com.complaintflow.bench.processor.ChildProcess;
import com.complaintflow.bench.stats.Figure;
import com.complaintflow.bench.stats.ScenarioResult;
import com.complaintflow.schemas.topics.TopicName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Intake, with the real intake service ({@code IntakeConnectorMain}) in a child JVM.
 *
 * <p><b>HTTP:</b> a load generator in another child JVM ({@link LoadGenerator}: fixed concurrency,
 * closed loop, realistic JSON web complaints from the data set, a fresh Idempotency-Key each)
 * against {@code POST /api/v1/complaints}; baseline: the same generator against
 * {@code POST /api/v1/bench/noop} of the same server (same API-key check and body limit, answers
 * 202 without producing; enabled by {@code http.bench.noop.enabled}). Each repetition runs the
 * baseline and then the subject for the same duration; requests/s and p50/p99 latency, every
 * non-202 answer counted. After each subject phase the records on the intake's complaints topic
 * must equal its 202 answers (a 202 is given only after Kafka's ack).
 *
 * <p><b>E-mail:</b> N messages appended to a fresh mailbox on the benchmark's own GreenMail IMAP
 * server (in this JVM, with TCP_NODELAY: see {@code NoDelayGreenMail}), then a fresh intake polls
 * it (IMAP, IDLE where offered): messages/s from the start of polling (the intake's first /health
 * answer: its HTTP server starts after the pollers) until all N complaints are on its topic (end
 * offsets; a fresh topic per repetition) and INBOX is empty. A fresh intake and mailbox per
 * repetition, because a running intake would start on the mailbox while it is being filled.
 * Baseline: plain jakarta.mail in this JVM, one connection, doing the intake's IMAP steps for
 * every message of a mailbox filled the same way (size, download, keyword, MOVE to Processed)
 * without parsing or producing: what the IMAP server itself allows here. GreenMail's FETCH
 * walks every message of the folder for each message number it is asked for, so its cost per
 * message grows with the square of the folder's size (the baseline: about 2, 6 and 20 ms per
 * message at 250, 500 and 1,000 messages): the baseline shows how much of the
 * intake's rate that leaves.
 *
 * <p>The intake JVMs run with {@code -Dsun.net.httpserver.nodelay=true} unless
 * {@code --intake-tcp-nodelay false} (see {@link #intakeJvmOptions}).
 */
public final class IntakeScenario implements Scenario {
  public static final String NAME = "intake";
  static final String INTAKE_SERVICE = "com.complaintflow.intake.IntakeService";
  static final String NOOP_HANDLER = "com.complaintflow.intake.http.BenchNoopHandler";
  static final String COMPLAINTS_PATH = "/api/v1/complaints";
  static final String NOOP_PATH = "/api/v1/bench/noop";
  static final List<String> GENERATOR_JVM = List.of("-Xmx512m", "-XX:+UseG1GC");
  static final String MAILBOX = "bench";
  static final String NODELAY_PROPERTY = "-Dsun.net.httpserver.nodelay=true";

  @Override
  public List<String> names() {
    return List.of(NAME);
  }

  @Override
  public List<ScenarioResult> run(BenchContext ctx, List<String> selected) throws Exception {
    if (!onClasspath(INTAKE_SERVICE)) {
      return List.of(ScenarioResult.skipped(NAME, "intake-connector is not built: " + INTAKE_SERVICE
          + " is not on the classpath (install the module, then rebuild benchmarks)"));
    }
    ScenarioResult result = new ScenarioResult(NAME);
    List<Thread> stopping = new ArrayList<>();
    try {
      if (onClasspath(NOOP_HANDLER)) {
        http(ctx, result, stopping);
      } else {
        result.note("HTTP not measured: the intake-connector on the classpath has no " + NOOP_PATH
            + " endpoint for the baseline (" + NOOP_HANDLER + " missing); install a newer intake-connector");
      }
      email(ctx, result, stopping);
    } finally {
      for (Thread t : stopping) {
        t.join();
      }
    }
    return List.of(result);
  }

  // ---- HTTP ------------------------------------------------------------------------------------

  private void http(BenchContext ctx, ScenarioResult result, List<Thread> stopping) throws Exception {
    BenchSettings s = ctx.settings();
    Path dir = ctx.workDir().resolve("intake-http");
    Files.createDirectories(dir);
    String topic = "bench-intake-web";
    String rejected = "bench-intake-web-rejected";
    ctx.stack().createTopic(topic, ctx.stack().partitions(), Map.of());
    ctx.stack().createTopic(rejected, ctx.stack().partitions(), Map.of());
    ctx.stack().awaitLeaders(topic);
    ctx.stack().awaitLeaders(rejected);
    // the same clients, other complaints than the processor scenarios'
    DataSet data = new DataSet(s.clients(), 30, 4_300L, Instant.now().minus(Duration.ofDays(1)));
    Path bodies = dir.resolve("bodies.jsonl");
    Files.write(bodies, IntakeData.webBodies(data, 2_000), StandardCharsets.UTF_8);
    String apiKey = UUID.randomUUID().toString();
    Map<String, String> settings = baseSettings(ctx, topic, rejected);
    settings.put("http.bench.noop.enabled", "true");
    List<Double> subjectRate = new ArrayList<>();
    List<Double> baselineRate = new ArrayList<>();
    List<Double> subjectP50 = new ArrayList<>();
    List<Double> baselineP50 = new ArrayList<>();
    List<Double> subjectP99 = new ArrayList<>();
    List<Double> baselineP99 = new ArrayList<>();
    List<String> notAccepted = new ArrayList<>();
    long t0 = System.nanoTime();
    IntakeProcess intake = IntakeProcess.start(dir, settings, Map.of("http.api.keys", apiKey),
        intakeJvmOptions(ctx));
    try {
      intake.awaitHealth(true, Duration.ofSeconds(120));
      ctx.progress("intake up after %.1f s", (System.nanoTime() - t0) / 1e9);
      List<String> options = new ArrayList<>(GENERATOR_JVM);
      options.add("-Dlogback.configurationFile=" + System.getProperty("bench.child.logback",
          "com/complaintflow/bench/child-logback.xml"));
      try (ChildProcess generator = ChildProcess.start(options, LoadGenerator.class.getName(),
          List.of(bodies.toString(), Integer.toString(s.httpConcurrency())),
          Map.of(LoadGenerator.API_KEY_ENV, apiKey), dir.resolve("load-generator.log"))) {
        generator.await("READY", Duration.ofSeconds(60));
        Duration timeout = Duration.ofSeconds(s.httpSeconds() + 120L);
        int total = s.warmups() + s.repetitions();
        for (int rep = 0; rep < total; rep++) {
          boolean warmup = rep < s.warmups();
          String label = warmup ? "warm-up " + (rep + 1) : "repetition " + (rep - s.warmups() + 1);
          generator.send("run " + intake.url(NOOP_PATH) + " " + s.httpSeconds());
          LoadGenerator.Result b = LoadGenerator.Result.parse(generator.await("RESULT", timeout));
          long before = endOffsets(ctx, topic);
          generator.send("run " + intake.url(COMPLAINTS_PATH) + " " + s.httpSeconds());
          LoadGenerator.Result c = LoadGenerator.Result.parse(generator.await("RESULT", timeout));
          long produced = endOffsets(ctx, topic) - before;
          ctx.progress("%s: no-op %,.0f req/s (p50 %.1f ms, p99 %.1f ms, statuses %s); complaints %,.0f req/s"
                  + " (p50 %.1f ms, p99 %.1f ms, statuses %s), %,d records produced", label, b.requestsPerSecond(),
              b.p50Nanos() / 1e6, b.p99Nanos() / 1e6, b.statuses(), c.requestsPerSecond(), c.p50Nanos() / 1e6,
              c.p99Nanos() / 1e6, c.statuses(), produced);
          if (produced != c.accepted()) {
            result.fail(String.format("%s: %,d complaints answered 202 but %,d records on %s", label, c.accepted(),
                produced, topic));
          }
          if (b.notAccepted() > 0 || c.notAccepted() > 0) {
            notAccepted.add(String.format("%s: no-op %,d of %,d (%s%s), complaints %,d of %,d (%s%s)", label,
                b.notAccepted(), b.requests(), b.statuses(), errorText(b), c.notAccepted(), c.requests(),
                c.statuses(), errorText(c)));
          }
          if (!warmup) {
            baselineRate.add(b.requestsPerSecond());
            subjectRate.add(c.requestsPerSecond());
            baselineP50.add(b.p50Nanos() / 1e6);
            subjectP50.add(c.p50Nanos() / 1e6);
            baselineP99.add(b.p99Nanos() / 1e6);
            subjectP99.add(c.p99Nanos() / 1e6);
          }
        }
        generator.send("stop");
      }
    } finally {
      stopping.add(intake.closeInBackground());
    }
    result.parameter("httpConcurrency", s.httpConcurrency())
        .parameter("httpSecondsPerSide", s.httpSeconds())
        .parameter("intakeJvm", intakeJvm(ctx))
        .parameter("httpNotAccepted", notAccepted.isEmpty() ? "none" : notAccepted)
        .add(Figure.paired("HTTP requests/s (complaints vs no-op)", "req/s", subjectRate, baselineRate))
        .add(Figure.paired("HTTP latency p50 (complaints vs no-op)", "ms", subjectP50, baselineP50))
        .add(Figure.paired("HTTP latency p99 (complaints vs no-op)", "ms", subjectP99, baselineP99))
        .note(String.format("HTTP: %d concurrent requests (closed loop) from a load generator JVM, %d s per side"
            + " per repetition, no-op first; JSON web complaints of the data set (2,000 distinct bodies), a fresh"
            + " Idempotency-Key each; intake JVM %s, http.threads 16 (default), rate limit off; answers other than"
            + " 202: %s", s.httpConcurrency(), s.httpSeconds(), intakeJvm(ctx),
            notAccepted.isEmpty() ? "none" : String.join("; ", notAccepted)));
  }

  // ---- e-mail ----------------------------------------------------------------------------------

  private void email(BenchContext ctx, ScenarioResult result, List<Thread> stopping) throws Exception {
    BenchSettings s = ctx.settings();
    String password = UUID.randomUUID().toString();
    List<byte[]> messages = IntakeData.emails(new DataSet(s.clients(), 30, 4_400L,
        Instant.now().minus(Duration.ofDays(1))), s.emails(), "complaints@bench.complaintflow.local");
    try (BenchMailbox mailbox = BenchMailbox.start(password)) {
      email(ctx, result, stopping, mailbox, password, messages);
      for (Thread t : stopping) {
        t.join(); // before the server goes away under a stopping intake
      }
    }
  }

  private void email(BenchContext ctx, ScenarioResult result, List<Thread> stopping, BenchMailbox mailbox,
      String password, List<byte[]> messages) throws Exception {
    BenchSettings s = ctx.settings();
    int n = messages.size();
    long bytes = messages.stream().mapToLong(m -> m.length).sum();
    List<Double> subject = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    int total = s.emailWarmups() + s.emailRepetitions();
    for (int rep = 0; rep < total; rep++) {
      boolean warmup = rep < s.emailWarmups();
      String label = warmup ? "warm-up " + (rep + 1) : "repetition " + (rep - s.emailWarmups() + 1);
      // baseline first, on a mailbox of its own with the same messages
      mailbox.use("baseline-r" + rep);
      fill(mailbox, messages);
      double plain = mailbox.plainFetchAndMove(n);
      if (mailbox.count("INBOX") != 0 || mailbox.count("Processed") != n) {
        throw new IllegalStateException("the plain IMAP baseline left " + mailbox.count("INBOX") + " in INBOX and "
            + mailbox.count("Processed") + " in Processed of " + n);
      }
      mailbox.use("complaints-r" + rep);
      long f0 = System.nanoTime();
      fill(mailbox, messages);
      double fillSeconds = (System.nanoTime() - f0) / 1e9;
      String topic = "bench-intake-mail-r" + rep + "-" + System.currentTimeMillis() % 100_000;
      String rejected = topic + "-rejected";
      ctx.stack().createTopic(topic, ctx.stack().partitions(), Map.of());
      ctx.stack().createTopic(rejected, ctx.stack().partitions(), Map.of());
      ctx.stack().awaitLeaders(topic);
      ctx.stack().awaitLeaders(rejected);
      Map<String, String> settings = baseSettings(ctx, topic, rejected);
      String p = "mail." + MAILBOX + ".";
      settings.put("mail.mailboxes", MAILBOX);
      settings.put(p + "protocol", "imap");
      settings.put(p + "host", "127.0.0.1");
      settings.put(p + "port", Integer.toString(mailbox.imapPort()));
      settings.put(p + "user", mailbox.login());
      settings.put(p + "folder", "INBOX");
      Duration timeout = Duration.ofSeconds(120 + n / 20);
      double rate;
      long produced;
      long refused;
      IntakeProcess intake = IntakeProcess.start(ctx.workDir().resolve("intake-mail-r" + rep), settings,
          Map.of("http.api.keys", UUID.randomUUID().toString(), p + "password", password),
          intakeJvmOptions(ctx));
      try {
        long start = intake.awaitHealth(false, Duration.ofSeconds(120));
        long deadline = start + timeout.toNanos();
        long done = -1;
        do {
          Thread.sleep(100);
          produced = endOffsets(ctx, topic);
          refused = endOffsets(ctx, rejected);
          if (produced + refused >= n && mailbox.count("INBOX") == 0) {
            done = System.nanoTime();
          }
          if (!intake.isAlive()) {
            throw new IllegalStateException("the intake exited while reading the mailbox; see its log");
          }
        } while (done < 0 && System.nanoTime() < deadline);
        if (done < 0) {
          throw new IllegalStateException(String.format("%s: after %d s %,d complaints and %,d rejects of %,d"
              + " messages, %,d still in INBOX", label, timeout.toSeconds(), produced, refused, n,
              mailbox.count("INBOX")));
        }
        rate = n / ((done - start) / 1e9);
      } finally {
        stopping.add(intake.closeInBackground());
      }
      int processed = mailbox.count("Processed");
      ctx.progress("%s: %,d messages (%.1f MiB) appended in %.1f s; plain IMAP %,.0f msg/s; intake %,.0f msg/s"
          + " (%,d complaints, %,d rejects, %,d in Processed)", label, n, bytes / 1048576.0, fillSeconds, plain,
          rate, produced, refused, processed);
      if (produced != n || refused != 0) {
        result.fail(String.format("%s: %,d messages gave %,d complaints and %,d rejects", label, n, produced,
            refused));
      }
      if (processed != n) {
        result.fail(String.format("%s: %,d of %,d messages in the Processed folder", label, processed, n));
      }
      if (!warmup) {
        subject.add(rate);
        baseline.add(plain);
      }
    }
    result.parameter("emails", n)
        .parameter("emailWarmups", s.emailWarmups())
        .parameter("emailRepetitions", s.emailRepetitions())
        .parameter("mailboxMiB", Math.round(bytes / 1048576.0 * 10) / 10.0)
        .add(Figure.paired("e-mail messages/s (intake vs plain IMAP fetch+move)", "msg/s", subject, baseline))
        .note(String.format("e-mail: %,d messages (%.1f MiB; text or text+HTML, UTF-8 and windows-1251, replies"
            + " with In-Reply-To) on the benchmark's own GreenMail IMAP server (TCP_NODELAY: stock GreenMail stalls"
            + " about 40 ms per IMAP command on Nagle's algorithm); a fresh intake JVM and mailbox per repetition;"
            + " rate = N / (first /health answer .. all N on the topic and INBOX empty); each message fetched,"
            + " parsed, produced (acks=all, waited for), flagged and moved to Processed; baseline: the same IMAP steps"
            + " (size, download, keyword, MOVE) over one plain jakarta.mail connection; GreenMail's cost per message"
            + " grows with the square of the folder's size, so the baseline falls with N as well", n,
            bytes / 1048576.0));
  }

  /**
   * The JDK HTTP server the intake uses does not set TCP_NODELAY unless told: an answer written in
   * two parts (headers, body) then waits for the client's delayed acknowledgement, about 40 ms, and
   * that wait, not the intake, would set both the baseline's and the subject's rate.
   */
  private static String errorText(LoadGenerator.Result r) {
    return r.firstError().equals("-") ? "" : "; first error " + r.firstError();
  }

  static String intakeJvm(BenchContext ctx) {
    List<String> all = new ArrayList<>(IntakeProcess.JVM);
    all.addAll(intakeJvmOptions(ctx));
    return String.join(" ", all);
  }

  static List<String> intakeJvmOptions(BenchContext ctx) {
    return ctx.intakeTcpNoDelay() ? List.of(NODELAY_PROPERTY) : List.of();
  }

  private static void fill(BenchMailbox mailbox, List<byte[]> messages) throws Exception {
    mailbox.fill(messages);
    int inInbox = mailbox.count("INBOX");
    if (inInbox != messages.size()) {
      throw new IllegalStateException("INBOX holds " + inInbox + " messages after appending " + messages.size());
    }
  }

  private static Map<String, String> baseSettings(BenchContext ctx, String topic, String rejected) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("kafka.bootstrap.servers", ctx.stack().bootstrapServers());
    m.put("schema.registry.url", ctx.stack().registryUrl());
    m.put(TopicName.COMPLAINTS.configKey(), topic);
    m.put(TopicName.COMPLAINTS_REJECTED.configKey(), rejected);
    m.put("raw.topics.enabled", "false");
    // one load generator is one caller: the per-caller limit (50/s by default) would answer 429
    m.put("http.rate.limit.per.second", "0");
    m.put("case.actions.enabled", "false");
    return m;
  }

  static long endOffsets(BenchContext ctx, String topic) throws Exception {
    var description = ctx.stack().admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> request = new java.util.HashMap<>();
    description.get(topic).partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()),
        OffsetSpec.latest()));
    return ctx.stack().admin().listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
        .mapToLong(i -> i.offset()).sum();
  }

  static boolean onClasspath(String className) {
    try {
      Class.forName(className, false, IntakeScenario.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
