package com.complaintflow.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Loads a service's configuration: defaults from its {@link ConfigDef}, then a properties file,
 * then environment variables, which win (deployment-specific values such as bootstrap servers,
 * registry URL, credentials and ports belong in the environment).
 *
 * <p>The environment variable of a key is {@code COMPLAINTFLOW_} followed by the key upper-cased
 * with every character that is not a letter or digit turned into {@code _}:
 * {@code kafka.bootstrap.servers} is {@code COMPLAINTFLOW_KAFKA_BOOTSTRAP_SERVERS}. Keys that a
 * service passes through to Kafka clients ({@code kafka.*}) may be given this way too, even
 * when its ConfigDef does not list them.
 */
public final class ConfigLoader {
  public static final String ENV_PREFIX = "COMPLAINTFLOW_";

  private ConfigLoader() {}

  /** The environment variable that sets {@code key}. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /**
   * The dotted key an environment variable stands for when no defined key matches it:
   * {@code COMPLAINTFLOW_KAFKA_SASL_MECHANISM} is {@code kafka.sasl.mechanism}.
   */
  public static String keyOf(String envName) {
    return envName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /**
   * @param definition the service's keys (their env names are looked up)
   * @param file properties file, or null
   * @param env the environment (System.getenv() in production)
   * @param passThroughPrefixes key prefixes whose env variables are taken even if undefined,
   *     e.g. "kafka." for {@code COMPLAINTFLOW_KAFKA_SASL_MECHANISM}
   */
  public static Map<String, Object> load(
      ConfigDef definition, Path file, Map<String, String> env, String... passThroughPrefixes)
      throws IOException {
    Map<String, Object> values = new HashMap<>();
    if (file != null) {
      Properties props = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(reader);
      }
      props.forEach((k, v) -> values.put(k.toString(), v.toString().trim()));
    }
    for (String key : definition.names()) {
      String fromEnv = env.get(envName(key));
      if (fromEnv != null) {
        values.put(key, fromEnv);
      }
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (!e.getKey().startsWith(ENV_PREFIX)) {
        continue;
      }
      String dotted = keyOf(e.getKey());
      for (String prefix : passThroughPrefixes) {
        if (dotted.startsWith(prefix) && !definition.names().contains(dotted)) {
          values.put(dotted, e.getValue());
        }
      }
    }
    return values;
  }

  /** Every entry whose key starts with {@code prefix}, with the prefix removed. */
  public static Map<String, Object> withPrefix(Map<String, ?> values, String prefix) {
    Map<String, Object> out = new HashMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.put(k.substring(prefix.length()), v);
      }
    });
    return out;
  }
}
