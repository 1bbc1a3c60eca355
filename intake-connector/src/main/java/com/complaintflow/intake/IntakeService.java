package com.complaintflow.intake;

import com.complaintflow.intake.cases.CaseActionReader;
import com.complaintflow.intake.health.HealthCheck;
import com.complaintflow.intake.health.KafkaHealthCheck;
import com.complaintflow.intake.health.RegistryHealthCheck;
import com.complaintflow.intake.http.ApiKeyAuthenticator;
import com.complaintflow.intake.http.BenchNoopHandler;
import com.complaintflow.intake.http.CallHandlers;
import com.complaintflow.intake.http.CaseActionHandler;
import com.complaintflow.intake.http.HealthHandler;
import com.complaintflow.intake.http.IdempotencyCache;
import com.complaintflow.intake.http.IntakeHttpServer;
import com.complaintflow.intake.http.OpenApiHandler;
import com.complaintflow.intake.http.RequestRateLimiter;
import com.complaintflow.intake.http.Route;
import com.complaintflow.intake.http.ServerTls;
import com.complaintflow.intake.http.WebComplaintHandler;
import com.complaintflow.intake.mail.EmailNormalizer;
import com.complaintflow.intake.mail.ImapPoller;
import com.complaintflow.intake.mail.MailIntake;
import com.complaintflow.intake.mail.MailParser;
import com.complaintflow.intake.mail.MailboxSettings;
import com.complaintflow.intake.normalize.PhoneNumbers;
import com.complaintflow.intake.normalize.Rejects;
import com.complaintflow.intake.normalize.WebComplaintNormalizer;
import com.complaintflow.intake.phone.AsteriskCdrParser;
import com.complaintflow.intake.phone.CallNormalizer;
import com.complaintflow.intake.phone.CdrSpoolReader;
import com.complaintflow.intake.publish.CaseActionSink;
import com.complaintflow.intake.publish.ComplaintSink;
import com.complaintflow.intake.publish.KafkaCaseActionSink;
import com.complaintflow.intake.publish.KafkaComplaintSink;
import com.complaintflow.intake.raw.RawTopicConsumer;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.sun.net.httpserver.HttpsConfigurator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running intake: HTTP API, mailbox pollers, raw-topic consumer and CDR spool reader around
 * one producer. {@link #stop()} stops accepting first, then flushes the producer, then closes
 * the mailboxes, so everything acknowledged to a source is in Kafka.
 */
public final class IntakeService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IntakeService.class);

  private final IntakeConfig config;
  private final Clock clock;
  private final ComplaintSink sink;
  private final List<ImapPoller> pollers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<HealthCheck> checks = new ArrayList<>();
  private IntakeHttpServer http;
  private RawTopicConsumer raw;
  private KafkaHealthCheck kafkaHealth;
  private ScheduledExecutorService spool;
  private CaseActionSink caseActions;

  public IntakeService(IntakeConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.sink = new KafkaComplaintSink(config.kafkaClientProps(), new TopicCatalog(config.serdeAndTopicConfig()));
  }

  /**
   * Starts every configured part. Settings that can only be checked by using them (the TLS key
   * store) are checked first, so a ConfigException leaves nothing running; {@link #stop()} then
   * closes the producer.
   */
  public IntakeService start() throws IOException {
    HttpsConfigurator tls = config.httpEnabled() && config.httpTlsEnabled()
        ? ServerTls.configurator(ServerTls.sslContext(config.httpTls()), config.httpTls().protocols()) : null;
    TopicCatalog catalog = new TopicCatalog(config.serdeAndTopicConfig());
    PhoneNumbers phones = new PhoneNumbers(config.phoneDefaultRegion());
    WebComplaintNormalizer web = new WebComplaintNormalizer(phones, config.bodyMaxChars());
    CallNormalizer calls = new CallNormalizer(phones, config.bodyMaxChars());
    AsteriskCdrParser cdr = new AsteriskCdrParser(config.cdrTimeZone());
    Rejects rejects = new Rejects(clock);

    kafkaHealth = new KafkaHealthCheck(config.kafkaClientProps(), config.healthTimeout());
    checks.add(kafkaHealth);
    checks.add(new RegistryHealthCheck(config.getString(IntakeConfig.SCHEMA_REGISTRY_URL_CONFIG), config.healthTimeout()));

    MailIntake mail = new MailIntake(new MailParser(config.bodyMaxChars()),
        new EmailNormalizer(config.caseTagPattern(), config.bodyMaxChars()), rejects);
    for (String name : config.mailboxes()) {
      ImapPoller poller = new ImapPoller(MailboxSettings.from(name, config.originals()), mail, sink,
          config.httpAckTimeout(), config.mailPollInterval(), config.mailIdleEnabled(), config.mailBackoffInitial(),
          config.mailBackoffMax(), config.mailMaxMessageBytes(), config.mailMaxReadAttempts(), clock, ImapPoller.StageHook.NONE);
      pollers.add(poller);
      checks.add(poller);
      startThread("imap-" + name, poller);
    }
    if (config.rawTopicsEnabled()) {
      raw = new RawTopicConsumer(config.kafkaClientProps(), config.rawConsumerGroup(), catalog.intakeWeb().name(),
          catalog.intakePhone().name(), web, calls, sink, clock, config.httpAckTimeout());
      startThread("raw-topics", raw);
    }
    if (!config.cdrSpoolDir().isBlank()) {
      CdrSpoolReader reader = new CdrSpoolReader(Path.of(config.cdrSpoolDir()), cdr, calls, sink, clock, config.httpAckTimeout());
      spool = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "cdr-spool"));
      spool.scheduleWithFixedDelay(() -> {
        try {
          reader.scan();
        } catch (IOException | RuntimeException e) {
          log.warn("event=cdr-spool-error dir={} error={}", config.cdrSpoolDir(), e.toString());
        }
      }, 0, config.cdrSpoolPoll().toMillis(), TimeUnit.MILLISECONDS);
    }
    if (config.httpEnabled()) {
      IdempotencyCache idempotency = new IdempotencyCache(clock, config.idempotencyTtl(), config.idempotencyCacheSize());
      IdempotencyCache recentCalls = new IdempotencyCache(clock, config.idempotencyTtl(), config.idempotencyCacheSize());
      WebComplaintHandler webHandler = new WebComplaintHandler(web, sink, idempotency, config.httpAckTimeout());
      CallHandlers callHandlers = new CallHandlers(calls, cdr, sink, rejects, config.httpAckTimeout(), recentCalls);
      http = new IntakeHttpServer(new InetSocketAddress(config.httpBindAddress(), config.httpPort()), config.httpThreads(),
          config.httpMaxBodyBytes(), config.httpMaxDrainBytes(), new ApiKeyAuthenticator(config.httpApiKeys()), sink,
          config.httpAckTimeout(), clock, tls, new RequestRateLimiter(config.httpRateLimitPerSecond(),
              config.httpRateLimitBurst(), config.httpRateLimitMaxClients(), clock))
          .addRoute(new Route("POST", "/api/v1/complaints", Channel.WEB, true, webHandler))
          .addRoute(new Route("POST", "/api/v1/calls", Channel.PHONE, true, callHandlers::callRecord))
          .addRoute(new Route("POST", "/api/v1/calls/twilio", Channel.PHONE, true, callHandlers::twilio))
          .addRoute(new Route("POST", "/api/v1/calls/asterisk-cdr", Channel.PHONE, true, callHandlers::asteriskCdr))
          .addRoute(new Route("GET", "/api/v1/openapi.json", null, false, new OpenApiHandler()))
          .addRoute(new Route("GET", "/health", null, false, new HealthHandler(() -> List.copyOf(checks))));
      if (config.caseActionsEnabled()) {
        addCaseActions(catalog);
      }
      if (config.httpBenchNoopEnabled()) {
        // channel null: a refused bench request (e.g. 413) is answered but not recorded on the reject topic
        http.addRoute(new Route("POST", BenchNoopHandler.PATH, null, true, new BenchNoopHandler()));
        log.warn("event=bench-noop-enabled path={} note=for-benchmarks-only", BenchNoopHandler.PATH);
      }
      http.start();
    }
    log.info("event=intake-started http={} mailboxes={} rawTopics={} cdrSpool={}", http == null ? "off" : http.port(),
        config.mailboxes().size(), config.rawTopicsEnabled(), !config.cdrSpoolDir().isBlank());
    return this;
  }

  /**
   * Case actions: the route produces to case-actions keyed by the case number; the processor finds
   * the case. Rejected requests are answered with their reason and not recorded on a topic: unlike
   * a complaint, an agent's action has a caller who sees the error at once.
   */
  private void addCaseActions(TopicCatalog catalog) {
    caseActions = new KafkaCaseActionSink(config.kafkaClientProps(), catalog);
    IdempotencyCache actionKeys = new IdempotencyCache(clock, config.idempotencyTtl(), config.idempotencyCacheSize());
    http.addRoute(new Route("POST", CaseActionHandler.PATH_TEMPLATE, null, true, new CaseActionHandler(
        new CaseActionReader(config.bodyMaxChars()), caseActions, actionKeys, config.httpAckTimeout())));
  }


  /** The HTTP server, to add routes (e.g. /api/v1/cases/...) or read its port; null when disabled. */
  public IntakeHttpServer http() {
    return http;
  }

  private void startThread(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.start();
    threads.add(t);
  }

  public void stop() {
    if (http != null) {
      http.stop(5);
    }
    if (spool != null) {
      spool.shutdown();
      try {
        spool.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (raw != null) {
      raw.close();
    }
    pollers.forEach(ImapPoller::close);
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sink.flush();
    sink.close();
    if (caseActions != null) {
      caseActions.close();
    }
    if (kafkaHealth != null) {
      kafkaHealth.close();
    }
    log.info("event=intake-stopped");
  }

  @Override
  public void close() {
    stop();
  }
}
