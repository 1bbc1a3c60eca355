package com.complaintflow.launcher.stack;

import com.complaintflow.common.config.ConfigLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one place that turns the local stack's endpoints into each service's configuration, as the
 * environment variables {@code COMPLAINTFLOW_<KEY>} that {@link ConfigLoader} reads. The launcher
 * (child JVMs) and docker-compose.yml use the same keys; {@link #KNOWN_KEYS} lists, per service,
 * every key this project sets from outside, and a test checks docker-compose.yml against it.
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
   * Configuration keys set from outside, per service (the services' ConfigDefs own their meaning).
   * Keys of the form {@code mail.complaints.*} are the intake's per-mailbox settings.
   */
  public static final Map<String, Set<String>> KNOWN_KEYS = Map.of(
      INTAKE, Set.of(
          "kafka.bootstrap.servers", "schema.registry.url",
          "http.port", "http.bind.address", "http.api.keys", "phone.default.region",
          "mail.mailboxes",
          "mail.complaints.host", "mail.complaints.port", "mail.complaints.protocol",
          "mail.complaints.user", "mail.complaints.password", "mail.complaints.folder"),
      PROCESSOR, Set.of(
          "kafka.bootstrap.servers", "schema.registry.url", "application.id", "state.dir",
          "internal.topic.replication.factor"),
      ALERT_SINK, Set.of(
          "kafka.bootstrap.servers", "schema.registry.url", "group.id",
          "smtp.host", "smtp.port", "smtp.security", "smtp.username", "smtp.password",
          "mail.from"));

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

  /** The env variable names a service may be given, from {@link #KNOWN_KEYS}. */
  public static Set<String> knownEnvNames(String service) {
    Set<String> keys = KNOWN_KEYS.get(service);
    if (keys == null) {
      throw new IllegalArgumentException("unknown service " + service);
    }
    return Set.copyOf(keys.stream().map(ConfigLoader::envName).toList());
  }

  private static int portOf(String url) {
    return java.net.URI.create(url).getPort();
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
