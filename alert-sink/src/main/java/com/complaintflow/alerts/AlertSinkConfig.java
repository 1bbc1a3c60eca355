package com.complaintflow.alerts;

import com.complaintflow.schemas.avro.AlertKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The alert sink's configuration. Besides the keys defined here it reads two families of
 * per-team keys and the business calendars:
 * <ul>
 *   <li>{@code team.<team>.calendar=<calendar name>}: the team's business hours (quiet hours are
 *       the time outside them);
 *   <li>{@code team.<team>.recipients=a@x,b@y}: a distribution list added to every alert of the
 *       team;
 *   <li>{@code calendar.<name>.*}: the business calendars, shared with the SLA clocks.
 * </ul>
 */
public final class AlertSinkConfig extends AbstractConfig {

  /** How the SMTP connection is secured. */
  public enum SmtpSecurity { NONE, STARTTLS, SMTPS }

  public static final String BOOTSTRAP_SERVERS_CONFIG = "kafka.bootstrap.servers";
  private static final String BOOTSTRAP_SERVERS_DOC = "Kafka bootstrap servers.";
  public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
  private static final String SCHEMA_REGISTRY_URL_DOC =
      "Schema Registry base URL (Confluent-compatible API).";
  public static final String GROUP_ID_CONFIG = "group.id";
  private static final String GROUP_ID_DOC = "Consumer group of the sink on the alerts topic.";
  public static final String SENT_TOPIC_CONFIG = "topic.alerts.sent";
  private static final String SENT_TOPIC_DOC =
      "Compacted topic recording the outcome (sent or dead-lettered) of every (alert id, recipient)."
          + " Consulted before each send, so that no alert is mailed twice across restarts.";
  public static final String SENT_TOPIC_CREATE_CONFIG = "topic.alerts.sent.create";
  private static final String SENT_TOPIC_CREATE_DOC =
      "Create the sent-records topic (compact,delete) at start-up when it is missing.";
  public static final String UNDECODABLE_TOPIC_CONFIG = "topic.alerts.undecodable";
  private static final String UNDECODABLE_TOPIC_DOC =
      "Topic receiving an unchanged copy (key and value bytes, original headers) of every record on the alerts topic"
          + " that is not a decodable Alert, with headers naming its source topic, partition, offset and the reason."
          + " The record's offset is committed only after the copy is acknowledged.";
  public static final String UNDECODABLE_TOPIC_CREATE_CONFIG = "topic.alerts.undecodable.create";
  private static final String UNDECODABLE_TOPIC_CREATE_DOC =
      "Create the undecodable-records topic (1 partition, broker default retention) at start-up when it is missing.";
  public static final String SENT_RETENTION_CONFIG = "sent.retention.ms";
  private static final String SENT_RETENTION_DOC =
      "How long a sent record is kept (topic retention.ms and in-memory). Must exceed the retention"
          + " of the alerts topic, since that bounds how far back a restart can replay.";
  public static final String CASES_LOOKBACK_CONFIG = "cases.lookback.ms";
  private static final String CASES_LOOKBACK_DOC =
      "How far back the sink reads the cases topic at start-up to learn which cases are resolved."
          + " Must exceed the longest time an alert can be held (a long holiday).";

  public static final String SMTP_HOST_CONFIG = "smtp.host";
  private static final String SMTP_HOST_DOC = "SMTP server host.";
  public static final String SMTP_PORT_CONFIG = "smtp.port";
  private static final String SMTP_PORT_DOC = "SMTP server port (587 for STARTTLS, 465 for SMTPS).";
  public static final String SMTP_SECURITY_CONFIG = "smtp.security";
  private static final String SMTP_SECURITY_DOC =
      "NONE (plain, tests only), STARTTLS (upgrade required) or SMTPS (TLS from the first byte).";
  public static final String SMTP_SSL_TRUST_CONFIG = "smtp.ssl.trust";
  private static final String SMTP_SSL_TRUST_DOC =
      "Hosts whose certificates are trusted without validation (\"*\" for all); empty = validate"
          + " against the JVM trust store.";
  public static final String SMTP_USERNAME_CONFIG = "smtp.username";
  private static final String SMTP_USERNAME_DOC = "SMTP user; empty = no authentication.";
  public static final String SMTP_PASSWORD_CONFIG = "smtp.password";
  private static final String SMTP_PASSWORD_DOC =
      "SMTP password. Never logged; give it through COMPLAINTFLOW_SMTP_PASSWORD or a secrets file"
          + " (${file:/run/secrets/complaintflow.properties:smtp.password} or ${dir:/run/secrets:smtp_password}).";
  public static final String SMTP_CONNECT_TIMEOUT_CONFIG = "smtp.connect.timeout.ms";
  private static final String SMTP_CONNECT_TIMEOUT_DOC = "Socket connect timeout.";
  public static final String SMTP_READ_TIMEOUT_CONFIG = "smtp.read.timeout.ms";
  private static final String SMTP_READ_TIMEOUT_DOC = "Socket read timeout.";
  public static final String SMTP_WRITE_TIMEOUT_CONFIG = "smtp.write.timeout.ms";
  private static final String SMTP_WRITE_TIMEOUT_DOC = "Socket write timeout.";

  public static final String MAIL_FROM_CONFIG = "mail.from";
  private static final String MAIL_FROM_DOC = "From address of alert emails (also the envelope sender).";
  public static final String MAIL_DOMAIN_CONFIG = "mail.message.id.domain";
  private static final String MAIL_DOMAIN_DOC =
      "Right-hand side of the deterministic Message-IDs (<alert-id@domain>, <case-id@domain>).";

  public static final String QUIET_DEFAULT_CALENDAR_CONFIG = "quiet.hours.default.calendar";
  private static final String QUIET_DEFAULT_CALENDAR_DOC =
      "Calendar for alerts whose team has no team.<team>.calendar (24x7 = never quiet).";
  public static final String QUIET_URGENT_KINDS_CONFIG = "quiet.hours.urgent.kinds";
  private static final String QUIET_URGENT_KINDS_DOC =
      "Alert kinds delivered at once even outside business hours.";
  public static final String QUIET_URGENT_MIN_LEVEL_CONFIG = "quiet.hours.urgent.min.level";
  private static final String QUIET_URGENT_MIN_LEVEL_DOC =
      "Alerts of this escalation level or higher are delivered at once (0 = every alert).";

  public static final String STORM_THRESHOLD_CONFIG = "storm.threshold";
  private static final String STORM_THRESHOLD_DOC =
      "N: a recipient's alerts beyond the N-th within storm.window.ms are coalesced into a digest.";
  public static final String STORM_WINDOW_CONFIG = "storm.window.ms";
  private static final String STORM_WINDOW_DOC = "M: the storm-control window.";
  public static final String STORM_DIGEST_DELAY_CONFIG = "storm.digest.delay.ms";
  private static final String STORM_DIGEST_DELAY_DOC =
      "How long a digest collects alerts after its first one before it is sent; -1 = storm.window.ms.";
  public static final String STORM_DIGEST_MAX_CONFIG = "storm.digest.max.alerts";
  private static final String STORM_DIGEST_MAX_DOC = "A digest is sent early once it lists this many alerts.";

  public static final String RETRY_INITIAL_BACKOFF_CONFIG = "retry.initial.backoff.ms";
  private static final String RETRY_INITIAL_BACKOFF_DOC = "First wait after a transient SMTP failure.";
  public static final String RETRY_MAX_BACKOFF_CONFIG = "retry.max.backoff.ms";
  private static final String RETRY_MAX_BACKOFF_DOC = "Upper bound of the exponential backoff.";
  public static final String RETRY_JITTER_CONFIG = "retry.jitter";
  private static final String RETRY_JITTER_DOC =
      "Random fraction (0-1) of each backoff that is added or removed, so retries spread out.";
  public static final String RETRY_GIVE_UP_CONFIG = "retry.give.up.after.ms";
  private static final String RETRY_GIVE_UP_DOC =
      "After transient failures for this long the alert goes to the dead-letter topic with reason"
          + " smtp-retries-exhausted; -1 = retry for ever.";

  public static final String MAX_PENDING_CONFIG = "max.pending.deliveries";
  private static final String MAX_PENDING_DOC =
      "Consumption pauses while this many deliveries wait (held, retrying or in a digest).";
  public static final String POLL_INTERVAL_CONFIG = "poll.interval.ms";
  private static final String POLL_INTERVAL_DOC = "Longest wait for new alerts before due work is checked.";

  public static final String TEAM_PREFIX = "team.";

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "localhost:9092", Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
      .define(SCHEMA_REGISTRY_URL_CONFIG, Type.STRING, "http://localhost:8081", Importance.HIGH,
          SCHEMA_REGISTRY_URL_DOC)
      .define(GROUP_ID_CONFIG, Type.STRING, "complaintflow-alert-sink", Importance.MEDIUM, GROUP_ID_DOC)
      .define(SENT_TOPIC_CONFIG, Type.STRING, "alerts.sent", Importance.MEDIUM, SENT_TOPIC_DOC)
      .define(SENT_TOPIC_CREATE_CONFIG, Type.BOOLEAN, true, Importance.LOW, SENT_TOPIC_CREATE_DOC)
      .define(UNDECODABLE_TOPIC_CONFIG, Type.STRING, "alerts.undecodable", Importance.MEDIUM, UNDECODABLE_TOPIC_DOC)
      .define(UNDECODABLE_TOPIC_CREATE_CONFIG, Type.BOOLEAN, true, Importance.LOW, UNDECODABLE_TOPIC_CREATE_DOC)
      .define(SENT_RETENTION_CONFIG, Type.LONG, Duration.ofDays(30).toMillis(), Range.atLeast(60_000L),
          Importance.LOW, SENT_RETENTION_DOC)
      .define(CASES_LOOKBACK_CONFIG, Type.LONG, Duration.ofDays(14).toMillis(), Range.atLeast(0L),
          Importance.LOW, CASES_LOOKBACK_DOC)
      .define(SMTP_HOST_CONFIG, Type.STRING, "localhost", Importance.HIGH, SMTP_HOST_DOC)
      .define(SMTP_PORT_CONFIG, Type.INT, 587, Range.between(1, 65535), Importance.HIGH, SMTP_PORT_DOC)
      .define(SMTP_SECURITY_CONFIG, Type.STRING, SmtpSecurity.STARTTLS.name(),
          ConfigDef.CaseInsensitiveValidString.in("NONE", "STARTTLS", "SMTPS"), Importance.HIGH,
          SMTP_SECURITY_DOC)
      .define(SMTP_SSL_TRUST_CONFIG, Type.STRING, "", Importance.LOW, SMTP_SSL_TRUST_DOC)
      .define(SMTP_USERNAME_CONFIG, Type.STRING, "", Importance.HIGH, SMTP_USERNAME_DOC)
      .define(SMTP_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.HIGH, SMTP_PASSWORD_DOC)
      .define(SMTP_CONNECT_TIMEOUT_CONFIG, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
          SMTP_CONNECT_TIMEOUT_DOC)
      .define(SMTP_READ_TIMEOUT_CONFIG, Type.INT, 30_000, Range.atLeast(1), Importance.LOW,
          SMTP_READ_TIMEOUT_DOC)
      .define(SMTP_WRITE_TIMEOUT_CONFIG, Type.INT, 30_000, Range.atLeast(1), Importance.LOW,
          SMTP_WRITE_TIMEOUT_DOC)
      .define(MAIL_FROM_CONFIG, Type.STRING, "ComplaintFlow <alerts@complaintflow.local>",
          Importance.HIGH, MAIL_FROM_DOC)
      .define(MAIL_DOMAIN_CONFIG, Type.STRING, "complaintflow", Importance.LOW, MAIL_DOMAIN_DOC)
      .define(QUIET_DEFAULT_CALENDAR_CONFIG, Type.STRING, "24x7", Importance.MEDIUM,
          QUIET_DEFAULT_CALENDAR_DOC)
      .define(QUIET_URGENT_KINDS_CONFIG, Type.LIST, AlertKind.LEGAL_THREAT.name(), Importance.MEDIUM,
          QUIET_URGENT_KINDS_DOC)
      .define(QUIET_URGENT_MIN_LEVEL_CONFIG, Type.INT, 2, Range.atLeast(0), Importance.MEDIUM,
          QUIET_URGENT_MIN_LEVEL_DOC)
      .define(STORM_THRESHOLD_CONFIG, Type.INT, 10, Range.atLeast(1), Importance.MEDIUM, STORM_THRESHOLD_DOC)
      .define(STORM_WINDOW_CONFIG, Type.LONG, Duration.ofMinutes(10).toMillis(), Range.atLeast(1L),
          Importance.MEDIUM, STORM_WINDOW_DOC)
      .define(STORM_DIGEST_DELAY_CONFIG, Type.LONG, -1L, Range.atLeast(-1L), Importance.LOW,
          STORM_DIGEST_DELAY_DOC)
      .define(STORM_DIGEST_MAX_CONFIG, Type.INT, 500, Range.atLeast(2), Importance.LOW, STORM_DIGEST_MAX_DOC)
      .define(RETRY_INITIAL_BACKOFF_CONFIG, Type.LONG, 1_000L, Range.atLeast(1L), Importance.LOW,
          RETRY_INITIAL_BACKOFF_DOC)
      .define(RETRY_MAX_BACKOFF_CONFIG, Type.LONG, Duration.ofMinutes(5).toMillis(), Range.atLeast(1L),
          Importance.LOW, RETRY_MAX_BACKOFF_DOC)
      .define(RETRY_JITTER_CONFIG, Type.DOUBLE, 0.2, Range.between(0.0, 1.0), Importance.LOW, RETRY_JITTER_DOC)
      .define(RETRY_GIVE_UP_CONFIG, Type.LONG, Duration.ofDays(2).toMillis(), Range.atLeast(-1L),
          Importance.LOW, RETRY_GIVE_UP_DOC)
      .define(MAX_PENDING_CONFIG, Type.INT, 10_000, Range.atLeast(1), Importance.LOW, MAX_PENDING_DOC)
      .define(POLL_INTERVAL_CONFIG, Type.LONG, 200L, Range.atLeast(1L), Importance.LOW, POLL_INTERVAL_DOC);

  public AlertSinkConfig(Map<String, ?> values) {
    super(CONFIG, values, false);
  }

  public String bootstrapServers() {
    return getString(BOOTSTRAP_SERVERS_CONFIG);
  }

  public String groupId() {
    return getString(GROUP_ID_CONFIG);
  }

  public String sentTopic() {
    return getString(SENT_TOPIC_CONFIG);
  }

  public boolean createSentTopic() {
    return getBoolean(SENT_TOPIC_CREATE_CONFIG);
  }

  public String undecodableTopic() {
    return getString(UNDECODABLE_TOPIC_CONFIG);
  }

  public boolean createUndecodableTopic() {
    return getBoolean(UNDECODABLE_TOPIC_CREATE_CONFIG);
  }

  public Duration sentRetention() {
    return Duration.ofMillis(getLong(SENT_RETENTION_CONFIG));
  }

  public Duration casesLookback() {
    return Duration.ofMillis(getLong(CASES_LOOKBACK_CONFIG));
  }

  public String smtpHost() {
    return getString(SMTP_HOST_CONFIG);
  }

  public int smtpPort() {
    return getInt(SMTP_PORT_CONFIG);
  }

  public SmtpSecurity smtpSecurity() {
    return SmtpSecurity.valueOf(getString(SMTP_SECURITY_CONFIG).toUpperCase(Locale.ROOT));
  }

  public String smtpSslTrust() {
    return getString(SMTP_SSL_TRUST_CONFIG);
  }

  public String smtpUsername() {
    return getString(SMTP_USERNAME_CONFIG);
  }

  public Password smtpPassword() {
    return getPassword(SMTP_PASSWORD_CONFIG);
  }

  public Duration smtpConnectTimeout() {
    return Duration.ofMillis(getInt(SMTP_CONNECT_TIMEOUT_CONFIG));
  }

  public Duration smtpReadTimeout() {
    return Duration.ofMillis(getInt(SMTP_READ_TIMEOUT_CONFIG));
  }

  public Duration smtpWriteTimeout() {
    return Duration.ofMillis(getInt(SMTP_WRITE_TIMEOUT_CONFIG));
  }

  public String mailFrom() {
    return getString(MAIL_FROM_CONFIG);
  }

  public String messageIdDomain() {
    return getString(MAIL_DOMAIN_CONFIG);
  }

  public String defaultCalendar() {
    return getString(QUIET_DEFAULT_CALENDAR_CONFIG);
  }

  public Set<AlertKind> urgentKinds() {
    Set<AlertKind> kinds = EnumSet.noneOf(AlertKind.class);
    for (String kind : getList(QUIET_URGENT_KINDS_CONFIG)) {
      try {
        kinds.add(AlertKind.valueOf(kind.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(QUIET_URGENT_KINDS_CONFIG, kind, "not an alert kind");
      }
    }
    return kinds;
  }

  public int urgentMinLevel() {
    return getInt(QUIET_URGENT_MIN_LEVEL_CONFIG);
  }

  public int stormThreshold() {
    return getInt(STORM_THRESHOLD_CONFIG);
  }

  public Duration stormWindow() {
    return Duration.ofMillis(getLong(STORM_WINDOW_CONFIG));
  }

  public Duration stormDigestDelay() {
    long delay = getLong(STORM_DIGEST_DELAY_CONFIG);
    return delay < 0 ? stormWindow() : Duration.ofMillis(delay);
  }

  public int stormDigestMaxAlerts() {
    return getInt(STORM_DIGEST_MAX_CONFIG);
  }

  public Duration retryInitialBackoff() {
    return Duration.ofMillis(getLong(RETRY_INITIAL_BACKOFF_CONFIG));
  }

  public Duration retryMaxBackoff() {
    return Duration.ofMillis(getLong(RETRY_MAX_BACKOFF_CONFIG));
  }

  public double retryJitter() {
    return getDouble(RETRY_JITTER_CONFIG);
  }

  /** Null when transient failures are retried for ever. */
  public Duration retryGiveUpAfter() {
    long ms = getLong(RETRY_GIVE_UP_CONFIG);
    return ms < 0 ? null : Duration.ofMillis(ms);
  }

  public int maxPendingDeliveries() {
    return getInt(MAX_PENDING_CONFIG);
  }

  public Duration pollInterval() {
    return Duration.ofMillis(getLong(POLL_INTERVAL_CONFIG));
  }

  /** team -> calendar name, from {@code team.<team>.calendar}. */
  public Map<String, String> teamCalendars() {
    return teamValues(".calendar");
  }

  /** team -> distribution list, from {@code team.<team>.recipients}. */
  public Map<String, List<String>> teamRecipients() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    teamValues(".recipients").forEach((team, list) -> {
      Set<String> addresses = new LinkedHashSet<>();
      for (String address : list.split(",")) {
        if (!address.isBlank()) {
          addresses.add(address.trim());
        }
      }
      out.put(team, new ArrayList<>(addresses));
    });
    return out;
  }

  /** The {@code calendar.*} keys, for the business-calendar factory. */
  public Map<String, Object> calendarConfig() {
    Map<String, Object> out = new LinkedHashMap<>();
    originals().forEach((k, v) -> {
      if (k.startsWith("calendar.")) {
        out.put(k, v);
      }
    });
    return out;
  }

  private Map<String, String> teamValues(String suffix) {
    Map<String, String> out = new LinkedHashMap<>();
    originals().forEach((k, v) -> {
      if (k.startsWith(TEAM_PREFIX) && k.endsWith(suffix) && k.length() > TEAM_PREFIX.length() + suffix.length()) {
        out.put(k.substring(TEAM_PREFIX.length(), k.length() - suffix.length()), String.valueOf(v).trim());
      }
    });
    return out;
  }
}
