package com.complaintflow.launcher.stack;

import com.complaintflow.alerts.AlertSinkConfig;
import com.complaintflow.common.config.ConfigLoader;
import com.complaintflow.intake.IntakeConfig;
import com.complaintflow.processor.config.ProcessorConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The one place that turns the local stack's endpoints into each service's configuration, as the
 * environment variables {@code COMPLAINTFLOW_<KEY>} that {@link ConfigLoader} reads. The launcher
 * (child JVMs) and docker-compose.yml use the same keys; {@link #DEFINITIONS} holds each service's
 * own ConfigDef, and tests check the launcher's keys and docker-compose.yml against them.
 */
public final class ServiceEnvironment {
  public static final String INTAKE = "intake";
  public static final String PROCESSOR = "processor";
  public static final String ALERT_SINK = "alert-sink";

  /** The main class of each service, in start order (consumers of a topic after its producers is not needed: Kafka buffers). */
  public static final Map<String, String> MAIN_CLASSES = orderedMap(
      INTAKE, "com.complaintflow.intake.IntakeConnectorMain",
      PROCESSOR, "com.complaintflow.processor.StreamProcessorMain",
      ALERT_SINK, "com.complaintflow.alerts.AlertSinkMain");

  /** Name of the complaints mailbox in the intake's {@code mail.mailboxes} list. */
  static final String MAILBOX_NAME = "complaints";

  /**
   * Each service's configuration definition: the keys it reads by name (from a file or as
   * {@code COMPLAINTFLOW_<KEY>}). Open-ended key families come on top, see {@link #ENV_PREFIXES}.
   */
  public static final Map<String, ConfigDef> DEFINITIONS = orderedDefs();

  /**
   * Key prefixes each service's main class also takes from the environment although its ConfigDef
   * does not list every key (ConfigLoader's pass-through prefixes, as the mains give them). Keys of
   * these families whose names hold '-' or '_' cannot come from the environment (its '_' turns
   * into '.'): give them in a properties file.
   */
  public static final Map<String, List<String>> ENV_PREFIXES = Map.of(
      INTAKE, List.of("kafka.", "mail.", "topic.", "schema.registry."),
      PROCESSOR, List.of("kafka.", "topic.", "schema.registry.", "sla.", "calendar.", "team.", "repeat."),
      ALERT_SINK, List.of("kafka.", "team.", "calendar.", "topic."));

  /** The intake's per-mailbox settings, {@code mail.<mailbox>.<setting>} (MailboxSettings). */
  static final Set<String> MAILBOX_SETTINGS = Set.of(
      "host", "port", "protocol", "starttls", "user", "password", "folder", "processed.folder", "failed.folder");

  /** Keys named in each service's ConfigDef. */
  public static final Map<String, Set<String>> KNOWN_KEYS = Map.of(
      INTAKE, DEFINITIONS.get(INTAKE).names(),
      PROCESSOR, DEFINITIONS.get(PROCESSOR).names(),
      ALERT_SINK, DEFINITIONS.get(ALERT_SINK).names());

  private ServiceEnvironment() {}

  /** The configuration of one service against the given stack, as config keys (not yet env names). */
  public static Map<String, String> config(String service, Endpoints endpoints, Path serviceDir) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("kafka.bootstrap.servers", endpoints.kafkaBootstrapServers());
    c.put("schema.registry.url", endpoints.schemaRegistryUrl());
    Endpoints.Mail mail = endpoints.mail();
    switch (service) {
      case INTAKE -> {
        c.put("http.port", Integer.toString(portOf(endpoints.intake().baseUrl())));
        c.put("http.bind.address", "127.0.0.1");
        c.put("http.api.keys", endpoints.intake().apiKey());
        c.put("mail.mailboxes", MAILBOX_NAME);
        String prefix = "mail." + MAILBOX_NAME + ".";
        c.put(prefix + "host", mail.imapHost());
        c.put(prefix + "port", Integer.toString(mail.imapPort()));
        c.put(prefix + "protocol", "imap");
        c.put(prefix + "user", mail.complaints().user());
        c.put(prefix + "password", mail.complaints().password());
        c.put(prefix + "folder", "INBOX");
      }
      case PROCESSOR -> {
        c.put("application.id", "complaintflow-processor");
        c.put("state.dir", serviceDir.resolve("state").toString());
        c.put("internal.topic.replication.factor", "1");
      }
      case ALERT_SINK -> {
        c.put("group.id", "complaintflow-alert-sink");
        c.put("smtp.host", mail.smtpHost());
        c.put("smtp.port", Integer.toString(mail.smtpPort()));
        c.put("smtp.security", "none");
        c.put("mail.from", "complaintflow-alerts@" + LocalStack.MAIL_DOMAIN);
      }
      default -> throw new IllegalArgumentException("unknown service " + service
          + "; known: " + MAIN_CLASSES.keySet());
    }
    return c;
  }

  /** The same configuration as environment variables. */
  public static Map<String, String> environment(String service, Endpoints endpoints, Path serviceDir) {
    return toEnvironment(config(service, endpoints, serviceDir));
  }

  public static Map<String, String> toEnvironment(Map<String, String> config) {
    Map<String, String> env = new LinkedHashMap<>();
    config.forEach((key, value) -> env.put(ConfigLoader.envName(key), value));
    return env;
  }

  /** The env variable names of the keys in a service's ConfigDef. */
  public static Set<String> knownEnvNames(String service) {
    return Set.copyOf(definition(service).names().stream().map(ConfigLoader::envName).toList());
  }

  public static ConfigDef definition(String service) {
    ConfigDef def = DEFINITIONS.get(service);
    if (def == null) {
      throw new IllegalArgumentException("unknown service " + service + "; known: " + DEFINITIONS.keySet());
    }
    return def;
  }

  /**
   * True when the service reads this key: named in its ConfigDef, a per-mailbox setting of the
   * intake ({@code mail.<mailbox>.host}), or a Kafka client setting passed through ({@code kafka.*}).
   */
  public static boolean isKnownKey(String service, String key) {
    if (definition(service).names().contains(key) || key.startsWith("kafka.")) {
      return true;
    }
    if (service.equals(INTAKE) && key.startsWith("mail.")) {
      String rest = key.substring("mail.".length());
      int dot = rest.indexOf('.');
      return dot > 0 && MAILBOX_SETTINGS.contains(rest.substring(dot + 1));
    }
    return false;
  }

  /**
   * True when the service's main class takes this environment variable: the env name of a ConfigDef
   * key, or of a key under one of its pass-through prefixes (ConfigLoader turns {@code _} into {@code .}).
   */
  public static boolean readsEnv(String service, String envName) {
    if (knownEnvNames(service).contains(envName)) {
      return true;
    }
    if (!envName.startsWith(ConfigLoader.ENV_PREFIX)) {
      return false;
    }
    String dotted = ConfigLoader.keyOf(envName);
    for (String prefix : ENV_PREFIXES.get(service)) {
      if (dotted.startsWith(prefix)) {
        // mail.* holds the intake's mailboxes: only their known settings are read
        return !prefix.equals("mail.") || isKnownKey(service, dotted);
      }
    }
    return false;
  }

  private static int portOf(String url) {
    return java.net.URI.create(url).getPort();
  }

  private static Map<String, ConfigDef> orderedDefs() {
    Map<String, ConfigDef> m = new LinkedHashMap<>();
    m.put(INTAKE, IntakeConfig.CONFIG_DEF);
    m.put(PROCESSOR, ProcessorConfig.DEFINITION);
    m.put(ALERT_SINK, AlertSinkConfig.CONFIG);
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  static List<String> services() {
    return List.copyOf(MAIN_CLASSES.keySet());
  }
}
