package com.complaintflow.intake;

import com.complaintflow.common.config.ConfigLoader;
import com.complaintflow.intake.http.ServerTls;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of the intake connector. Keys starting with {@code kafka.} are passed to the Kafka
 * clients with the prefix removed (SASL/TLS settings go there); {@code schema.registry.*} and
 * {@code topic.*} keys go to the serdes and the topic catalog. Per-mailbox keys
 * ({@code mail.<name>.*}) are described by {@link com.complaintflow.intake.mail.MailboxSettings}.
 */
public final class IntakeConfig extends AbstractConfig {
  public static final String KAFKA_PREFIX = "kafka.";

  public static final String KAFKA_BOOTSTRAP_SERVERS_CONFIG = "kafka.bootstrap.servers";
  private static final String KAFKA_BOOTSTRAP_SERVERS_DOC =
      "Kafka bootstrap servers. Any other kafka.* key is passed to the producer and consumers "
          + "without the prefix (e.g. kafka.security.protocol, kafka.sasl.jaas.config).";

  public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
  private static final String SCHEMA_REGISTRY_URL_DOC =
      "Schema Registry base URL (Confluent-compatible API); mock://scope for an in-memory one.";

  public static final String HTTP_ENABLED_CONFIG = "http.enabled";
  private static final String HTTP_ENABLED_DOC = "Start the HTTP API (web and phone endpoints, /health).";

  public static final String HTTP_BIND_ADDRESS_CONFIG = "http.bind.address";
  private static final String HTTP_BIND_ADDRESS_DOC = "Address the HTTP API listens on.";

  public static final String HTTP_PORT_CONFIG = "http.port";
  private static final String HTTP_PORT_DOC = "Port of the HTTP API; 0 picks a free port.";

  public static final String HTTP_THREADS_CONFIG = "http.threads";
  private static final String HTTP_THREADS_DOC =
      "Worker threads of the HTTP API; each request holds one until Kafka acknowledged its record.";

  public static final String HTTP_MAX_BODY_BYTES_CONFIG = "http.max.body.bytes";
  private static final String HTTP_MAX_BODY_BYTES_DOC =
      "Largest request body accepted; larger bodies are answered 413 (reason body-too-large).";

  public static final String HTTP_API_KEYS_CONFIG = "http.api.keys";
  private static final String HTTP_API_KEYS_DOC =
      "API keys accepted on /api/v1 (X-Api-Key header, Authorization: Bearer, or the password of "
          + "Basic auth for Twilio). Comma-separated. An entry sha256:<64 hex> is the SHA-256 of a key "
          + "(ApiKeyHash prints it), so the key itself need not be stored. Empty: every API call is refused with 401.";

  public static final String HTTP_MAX_DRAIN_BYTES_CONFIG = "http.max.drain.bytes";
  private static final String HTTP_MAX_DRAIN_BYTES_DOC =
      "A body over http.max.body.bytes is read and discarded up to this many bytes before the 413 is sent, so that "
          + "a client still sending receives the answer rather than a connection reset. A larger body (by its "
          + "Content-Length) is answered at once and the connection closed; 0 turns draining off.";

  public static final String HTTP_ACK_TIMEOUT_MS_CONFIG = "http.ack.timeout.ms";
  private static final String HTTP_ACK_TIMEOUT_MS_DOC =
      "How long a request waits for Kafka to acknowledge its record before answering 503.";

  public static final String HTTP_IDEMPOTENCY_CACHE_SIZE_CONFIG = "http.idempotency.cache.size";
  private static final String HTTP_IDEMPOTENCY_CACHE_SIZE_DOC =
      "Idempotency keys remembered (oldest forgotten first). A key seen again within this window "
          + "returns the same complaint id without producing a second record.";

  public static final String HTTP_IDEMPOTENCY_TTL_MS_CONFIG = "http.idempotency.ttl.ms";
  private static final String HTTP_IDEMPOTENCY_TTL_MS_DOC = "How long an idempotency key is remembered.";

  public static final String HTTP_BENCH_NOOP_ENABLED_CONFIG = "http.bench.noop.enabled";
  private static final String HTTP_BENCH_NOOP_ENABLED_DOC =
      "For benchmarks only: offer POST /api/v1/bench/noop, which passes the same API-key check, rate limit and "
          + "body-size limit as POST /api/v1/complaints, reads the whole body and answers 202 without producing "
          + "anything (a baseline for the cost of the HTTP layer). Off: the path is 404 like any unknown one.";

  public static final String HTTP_TLS_ENABLED_CONFIG = "http.tls.enabled";
  private static final String HTTP_TLS_ENABLED_DOC =
      "Serve the HTTP API over TLS (HTTPS) on http.port, with the key and certificate chain from "
          + "http.tls.keystore.path. Plain HTTP is then not served. Off: plain HTTP (e.g. behind a TLS-terminating proxy).";

  public static final String HTTP_TLS_KEYSTORE_PATH_CONFIG = "http.tls.keystore.path";
  private static final String HTTP_TLS_KEYSTORE_PATH_DOC =
      "Key store file holding the server's private key and certificate chain; required when http.tls.enabled. "
          + "Read at start-up: a missing or unreadable file, or a wrong password, stops the start with an error naming the key.";

  public static final String HTTP_TLS_KEYSTORE_PASSWORD_CONFIG = "http.tls.keystore.password";
  private static final String HTTP_TLS_KEYSTORE_PASSWORD_DOC =
      "Password of the key store (never logged); also the private key's password unless http.tls.key.password is set.";

  public static final String HTTP_TLS_KEYSTORE_TYPE_CONFIG = "http.tls.keystore.type";
  private static final String HTTP_TLS_KEYSTORE_TYPE_DOC = "Key store format: PKCS12 or JKS.";

  public static final String HTTP_TLS_KEY_PASSWORD_CONFIG = "http.tls.key.password";
  private static final String HTTP_TLS_KEY_PASSWORD_DOC =
      "Password of the private key when it differs from the key store's (never logged); empty: the key store password.";

  public static final String HTTP_TLS_PROTOCOLS_CONFIG = "http.tls.protocols";
  private static final String HTTP_TLS_PROTOCOLS_DOC =
      "TLS versions offered, comma-separated; only TLSv1.3 and TLSv1.2 are allowed.";

  public static final String HTTP_RATE_LIMIT_PER_SECOND_CONFIG = "http.rate.limit.per.second";
  private static final String HTTP_RATE_LIMIT_PER_SECOND_DOC =
      "Requests a second each caller may make on average: a caller is an API key, or a client address for requests "
          + "without a valid key (bad keys, /health, unknown paths). Over the limit: 429 with reason rate-limited and "
          + "Retry-After; nothing is produced or recorded. 0 turns the limit off (e.g. for load tests).";

  public static final String HTTP_RATE_LIMIT_BURST_CONFIG = "http.rate.limit.burst";
  private static final String HTTP_RATE_LIMIT_BURST_DOC =
      "Requests a caller may make at once above the average rate (the size of its token bucket).";

  public static final String HTTP_RATE_LIMIT_MAX_CLIENTS_CONFIG = "http.rate.limit.max.clients";
  private static final String HTTP_RATE_LIMIT_MAX_CLIENTS_DOC =
      "Callers whose rate is tracked at once (about 200 bytes each). Beyond it an idle caller, else the least "
          + "recently seen one, is forgotten and starts again with a full burst, so a flood from many addresses "
          + "cannot exhaust memory.";

  public static final String BODY_MAX_CHARS_CONFIG = "body.max.chars";
  private static final String BODY_MAX_CHARS_DOC =
      "Complaint text longer than this is cut (Complaint.bodyTruncated=true), in every channel.";

  public static final String PHONE_DEFAULT_REGION_CONFIG = "phone.default.region";
  private static final String PHONE_DEFAULT_REGION_DOC =
      "ISO 3166 region used to read phone numbers written without a country code.";

  public static final String CDR_TIME_ZONE_CONFIG = "cdr.time.zone";
  private static final String CDR_TIME_ZONE_DOC =
      "Time zone of the start/answer/end columns of Asterisk CDR lines (Asterisk writes local time).";

  public static final String CDR_SPOOL_DIR_CONFIG = "cdr.spool.dir";
  private static final String CDR_SPOOL_DIR_DOC =
      "Directory watched for Asterisk CDR files (*.csv); empty disables it. Finished files move to "
          + "its done/ subdirectory.";

  public static final String CDR_SPOOL_POLL_MS_CONFIG = "cdr.spool.poll.ms";
  private static final String CDR_SPOOL_POLL_MS_DOC = "How often the CDR spool directory is scanned.";

  public static final String MAIL_MAILBOXES_CONFIG = "mail.mailboxes";
  private static final String MAIL_MAILBOXES_DOC =
      "Names of the mailboxes to poll, comma-separated; each is configured by mail.<name>.* keys "
          + "(host, port, protocol, user, password, folder, processed.folder, failed.folder).";

  public static final String MAIL_POLL_INTERVAL_MS_CONFIG = "mail.poll.interval.ms";
  private static final String MAIL_POLL_INTERVAL_MS_DOC =
      "Polling interval when a server lacks IDLE, and the longest an IDLE wait lasts before a re-check.";

  public static final String MAIL_IDLE_ENABLED_CONFIG = "mail.idle.enabled";
  private static final String MAIL_IDLE_ENABLED_DOC = "Use IMAP IDLE where the server supports it.";

  public static final String MAIL_BACKOFF_INITIAL_MS_CONFIG = "mail.reconnect.backoff.initial.ms";
  private static final String MAIL_BACKOFF_INITIAL_MS_DOC = "First wait before reconnecting to a mailbox.";

  public static final String MAIL_BACKOFF_MAX_MS_CONFIG = "mail.reconnect.backoff.max.ms";
  private static final String MAIL_BACKOFF_MAX_MS_DOC = "Longest wait between reconnect attempts (doubling, with jitter).";

  public static final String MAIL_MAX_MESSAGE_BYTES_CONFIG = "mail.max.message.bytes";
  private static final String MAIL_MAX_MESSAGE_BYTES_DOC =
      "Messages larger than this are not downloaded: reject message-too-large, moved to the failed folder.";

  public static final String MAIL_MAX_READ_ATTEMPTS_CONFIG = "mail.max.read.attempts";
  private static final String MAIL_MAX_READ_ATTEMPTS_DOC =
      "Polls in which a message may fail to be fetched or parsed before it is rejected (unreadable-message or "
          + "unparseable-mime) from its UID alone and moved to the failed folder. Counted in memory per mailbox and UID: "
          + "after a restart a message gets these attempts again.";

  public static final String MAIL_CASE_TAG_PATTERN_CONFIG = "mail.case.tag.pattern";
  private static final String MAIL_CASE_TAG_PATTERN_DOC =
      "Regex finding a case tag in a subject; group 1 is the tag stored in ThreadRefs.caseTag.";

  public static final String RAW_TOPICS_ENABLED_CONFIG = "raw.topics.enabled";
  private static final String RAW_TOPICS_ENABLED_DOC =
      "Consume the raw channel topics (complaints.intake.web, complaints.intake.phone).";

  public static final String RAW_CONSUMER_GROUP_CONFIG = "raw.consumer.group";
  private static final String RAW_CONSUMER_GROUP_DOC = "Consumer group of the raw-topic consumer.";

  public static final String CASE_ACTIONS_ENABLED_CONFIG = "case.actions.enabled";
  private static final String CASE_ACTIONS_ENABLED_DOC =
      "Offer POST /api/v1/cases/{caseNumber}/actions (needs http.enabled): each accepted action goes to "
          + "case-actions keyed by the case number, and the processor finds the case.";

  public static final String HEALTH_TIMEOUT_MS_CONFIG = "health.timeout.ms";
  private static final String HEALTH_TIMEOUT_MS_DOC = "Time limit of each readiness probe behind /health.";

  public static final ConfigDef CONFIG_DEF = new ConfigDef()
      .define(KAFKA_BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "localhost:9092", Importance.HIGH, KAFKA_BOOTSTRAP_SERVERS_DOC)
      .define(SCHEMA_REGISTRY_URL_CONFIG, Type.STRING, "http://localhost:8081", Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
      .define(HTTP_ENABLED_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, HTTP_ENABLED_DOC)
      .define(HTTP_BIND_ADDRESS_CONFIG, Type.STRING, "0.0.0.0", Importance.MEDIUM, HTTP_BIND_ADDRESS_DOC)
      .define(HTTP_PORT_CONFIG, Type.INT, 8080, Range.between(0, 65535), Importance.HIGH, HTTP_PORT_DOC)
      .define(HTTP_THREADS_CONFIG, Type.INT, 16, Range.atLeast(1), Importance.LOW, HTTP_THREADS_DOC)
      .define(HTTP_MAX_BODY_BYTES_CONFIG, Type.INT, 1024 * 1024, Range.atLeast(1), Importance.MEDIUM, HTTP_MAX_BODY_BYTES_DOC)
      .define(HTTP_API_KEYS_CONFIG, Type.PASSWORD, "", Importance.HIGH, HTTP_API_KEYS_DOC)
      .define(HTTP_MAX_DRAIN_BYTES_CONFIG, Type.LONG, 16L * 1024 * 1024, Range.atLeast(0), Importance.LOW, HTTP_MAX_DRAIN_BYTES_DOC)
      .define(HTTP_ACK_TIMEOUT_MS_CONFIG, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW, HTTP_ACK_TIMEOUT_MS_DOC)
      .define(HTTP_IDEMPOTENCY_CACHE_SIZE_CONFIG, Type.INT, 100_000, Range.atLeast(1), Importance.LOW, HTTP_IDEMPOTENCY_CACHE_SIZE_DOC)
      .define(HTTP_IDEMPOTENCY_TTL_MS_CONFIG, Type.LONG, 24 * 3600_000L, Range.atLeast(1), Importance.LOW, HTTP_IDEMPOTENCY_TTL_MS_DOC)
      .define(HTTP_BENCH_NOOP_ENABLED_CONFIG, Type.BOOLEAN, false, Importance.LOW, HTTP_BENCH_NOOP_ENABLED_DOC)
      .define(HTTP_TLS_ENABLED_CONFIG, Type.BOOLEAN, false, Importance.HIGH, HTTP_TLS_ENABLED_DOC)
      .define(HTTP_TLS_KEYSTORE_PATH_CONFIG, Type.STRING, "", Importance.HIGH, HTTP_TLS_KEYSTORE_PATH_DOC)
      .define(HTTP_TLS_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.HIGH, HTTP_TLS_KEYSTORE_PASSWORD_DOC)
      .define(HTTP_TLS_KEYSTORE_TYPE_CONFIG, Type.STRING, "PKCS12", Importance.MEDIUM, HTTP_TLS_KEYSTORE_TYPE_DOC)
      .define(HTTP_TLS_KEY_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.LOW, HTTP_TLS_KEY_PASSWORD_DOC)
      .define(HTTP_TLS_PROTOCOLS_CONFIG, Type.LIST, "TLSv1.3,TLSv1.2", Importance.LOW, HTTP_TLS_PROTOCOLS_DOC)
      .define(HTTP_RATE_LIMIT_PER_SECOND_CONFIG, Type.DOUBLE, 50.0, Range.atLeast(0), Importance.MEDIUM,
          HTTP_RATE_LIMIT_PER_SECOND_DOC)
      .define(HTTP_RATE_LIMIT_BURST_CONFIG, Type.INT, 100, Range.atLeast(1), Importance.MEDIUM, HTTP_RATE_LIMIT_BURST_DOC)
      .define(HTTP_RATE_LIMIT_MAX_CLIENTS_CONFIG, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
          HTTP_RATE_LIMIT_MAX_CLIENTS_DOC)
      .define(BODY_MAX_CHARS_CONFIG, Type.INT, 20_000, Range.atLeast(1), Importance.MEDIUM, BODY_MAX_CHARS_DOC)
      .define(PHONE_DEFAULT_REGION_CONFIG, Type.STRING, "RU", Importance.MEDIUM, PHONE_DEFAULT_REGION_DOC)
      .define(CDR_TIME_ZONE_CONFIG, Type.STRING, "UTC", Importance.MEDIUM, CDR_TIME_ZONE_DOC)
      .define(CDR_SPOOL_DIR_CONFIG, Type.STRING, "", Importance.MEDIUM, CDR_SPOOL_DIR_DOC)
      .define(CDR_SPOOL_POLL_MS_CONFIG, Type.LONG, 5_000L, Range.atLeast(10), Importance.LOW, CDR_SPOOL_POLL_MS_DOC)
      .define(MAIL_MAILBOXES_CONFIG, Type.LIST, "", Importance.HIGH, MAIL_MAILBOXES_DOC)
      .define(MAIL_POLL_INTERVAL_MS_CONFIG, Type.LONG, 30_000L, Range.atLeast(10), Importance.MEDIUM, MAIL_POLL_INTERVAL_MS_DOC)
      .define(MAIL_IDLE_ENABLED_CONFIG, Type.BOOLEAN, true, Importance.LOW, MAIL_IDLE_ENABLED_DOC)
      .define(MAIL_BACKOFF_INITIAL_MS_CONFIG, Type.LONG, 1_000L, Range.atLeast(1), Importance.LOW, MAIL_BACKOFF_INITIAL_MS_DOC)
      .define(MAIL_BACKOFF_MAX_MS_CONFIG, Type.LONG, 60_000L, Range.atLeast(1), Importance.LOW, MAIL_BACKOFF_MAX_MS_DOC)
      .define(MAIL_MAX_MESSAGE_BYTES_CONFIG, Type.INT, 25 * 1024 * 1024, Range.atLeast(1024), Importance.LOW, MAIL_MAX_MESSAGE_BYTES_DOC)
      .define(MAIL_MAX_READ_ATTEMPTS_CONFIG, Type.INT, 3, Range.atLeast(1), Importance.LOW, MAIL_MAX_READ_ATTEMPTS_DOC)
      .define(MAIL_CASE_TAG_PATTERN_CONFIG, Type.STRING, "\\[(CF-\\d+)\\]", Importance.LOW, MAIL_CASE_TAG_PATTERN_DOC)
      .define(RAW_TOPICS_ENABLED_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, RAW_TOPICS_ENABLED_DOC)
      .define(RAW_CONSUMER_GROUP_CONFIG, Type.STRING, "complaintflow-intake", Importance.MEDIUM, RAW_CONSUMER_GROUP_DOC)
      .define(CASE_ACTIONS_ENABLED_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, CASE_ACTIONS_ENABLED_DOC)
      .define(HEALTH_TIMEOUT_MS_CONFIG, Type.LONG, 2_000L, Range.atLeast(1), Importance.LOW, HEALTH_TIMEOUT_MS_DOC);

  public IntakeConfig(Map<String, ?> values) {
    super(CONFIG_DEF, values, false);
    try {
      Pattern.compile(getString(MAIL_CASE_TAG_PATTERN_CONFIG));
      ZoneId.of(getString(CDR_TIME_ZONE_CONFIG));
    } catch (RuntimeException e) {
      throw new ConfigException("invalid " + MAIL_CASE_TAG_PATTERN_CONFIG + " or " + CDR_TIME_ZONE_CONFIG + ": " + e.getMessage());
    }
  }

  /** Kafka client settings: every kafka.* key without its prefix. */
  public Map<String, Object> kafkaClientProps() {
    Map<String, Object> props = new HashMap<>(ConfigLoader.withPrefix(originals(), KAFKA_PREFIX));
    props.put("bootstrap.servers", getString(KAFKA_BOOTSTRAP_SERVERS_CONFIG));
    return props;
  }

  /** Serde and topic-catalog settings (schema.registry.*, topic.*, auto.register.schemas...). */
  public Map<String, Object> serdeAndTopicConfig() {
    Map<String, Object> out = new HashMap<>();
    originals().forEach((k, v) -> {
      if (!k.startsWith(KAFKA_PREFIX) && !k.startsWith("http.") && !k.startsWith("mail.")) {
        out.put(k, v);
      }
    });
    out.put(SCHEMA_REGISTRY_URL_CONFIG, getString(SCHEMA_REGISTRY_URL_CONFIG));
    return out;
  }

  public boolean httpEnabled() { return getBoolean(HTTP_ENABLED_CONFIG); }
  public String httpBindAddress() { return getString(HTTP_BIND_ADDRESS_CONFIG); }
  public int httpPort() { return getInt(HTTP_PORT_CONFIG); }
  public int httpThreads() { return getInt(HTTP_THREADS_CONFIG); }
  public int httpMaxBodyBytes() { return getInt(HTTP_MAX_BODY_BYTES_CONFIG); }

  public List<String> httpApiKeys() {
    String raw = getPassword(HTTP_API_KEYS_CONFIG).value();
    return java.util.Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public long httpMaxDrainBytes() { return getLong(HTTP_MAX_DRAIN_BYTES_CONFIG); }
  public Duration httpAckTimeout() { return Duration.ofMillis(getLong(HTTP_ACK_TIMEOUT_MS_CONFIG)); }
  public int idempotencyCacheSize() { return getInt(HTTP_IDEMPOTENCY_CACHE_SIZE_CONFIG); }
  public Duration idempotencyTtl() { return Duration.ofMillis(getLong(HTTP_IDEMPOTENCY_TTL_MS_CONFIG)); }
  public boolean httpBenchNoopEnabled() { return getBoolean(HTTP_BENCH_NOOP_ENABLED_CONFIG); }
  public boolean httpTlsEnabled() { return getBoolean(HTTP_TLS_ENABLED_CONFIG); }

  /** The TLS settings of the HTTP API, with the keys to name in errors. */
  public ServerTls.Settings httpTls() {
    Password keyPassword = getPassword(HTTP_TLS_KEY_PASSWORD_CONFIG);
    return new ServerTls.Settings(getString(HTTP_TLS_KEYSTORE_PATH_CONFIG), getPassword(HTTP_TLS_KEYSTORE_PASSWORD_CONFIG),
        getString(HTTP_TLS_KEYSTORE_TYPE_CONFIG).trim(),
        keyPassword == null || keyPassword.value().isEmpty() ? null : keyPassword,
        getList(HTTP_TLS_PROTOCOLS_CONFIG).stream().map(String::trim).filter(p -> !p.isEmpty()).toList(),
        HTTP_TLS_KEYSTORE_PATH_CONFIG, HTTP_TLS_KEYSTORE_PASSWORD_CONFIG, HTTP_TLS_KEYSTORE_TYPE_CONFIG,
        HTTP_TLS_KEY_PASSWORD_CONFIG, HTTP_TLS_PROTOCOLS_CONFIG);
  }

  /** 0: no rate limit. */
  public double httpRateLimitPerSecond() { return getDouble(HTTP_RATE_LIMIT_PER_SECOND_CONFIG); }
  public int httpRateLimitBurst() { return getInt(HTTP_RATE_LIMIT_BURST_CONFIG); }
  public int httpRateLimitMaxClients() { return getInt(HTTP_RATE_LIMIT_MAX_CLIENTS_CONFIG); }

  public int bodyMaxChars() { return getInt(BODY_MAX_CHARS_CONFIG); }
  public String phoneDefaultRegion() { return getString(PHONE_DEFAULT_REGION_CONFIG); }
  public ZoneId cdrTimeZone() { return ZoneId.of(getString(CDR_TIME_ZONE_CONFIG)); }
  public String cdrSpoolDir() { return getString(CDR_SPOOL_DIR_CONFIG); }
  public Duration cdrSpoolPoll() { return Duration.ofMillis(getLong(CDR_SPOOL_POLL_MS_CONFIG)); }
  public List<String> mailboxes() { return getList(MAIL_MAILBOXES_CONFIG); }
  public Duration mailPollInterval() { return Duration.ofMillis(getLong(MAIL_POLL_INTERVAL_MS_CONFIG)); }
  public boolean mailIdleEnabled() { return getBoolean(MAIL_IDLE_ENABLED_CONFIG); }
  public Duration mailBackoffInitial() { return Duration.ofMillis(getLong(MAIL_BACKOFF_INITIAL_MS_CONFIG)); }
  public Duration mailBackoffMax() { return Duration.ofMillis(getLong(MAIL_BACKOFF_MAX_MS_CONFIG)); }
  public int mailMaxMessageBytes() { return getInt(MAIL_MAX_MESSAGE_BYTES_CONFIG); }
  public int mailMaxReadAttempts() { return getInt(MAIL_MAX_READ_ATTEMPTS_CONFIG); }
  public Pattern caseTagPattern() { return Pattern.compile(getString(MAIL_CASE_TAG_PATTERN_CONFIG)); }
  public boolean rawTopicsEnabled() { return getBoolean(RAW_TOPICS_ENABLED_CONFIG); }
  public String rawConsumerGroup() { return getString(RAW_CONSUMER_GROUP_CONFIG); }
  public boolean caseActionsEnabled() { return getBoolean(CASE_ACTIONS_ENABLED_CONFIG); }

  public Duration healthTimeout() { return Duration.ofMillis(getLong(HEALTH_TIMEOUT_MS_CONFIG)); }
}
