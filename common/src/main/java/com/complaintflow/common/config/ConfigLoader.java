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
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>Any value, from the file or the environment, may hold Kafka config variables that read a
 * secret from elsewhere: {@code smtp.password=${file:/run/secrets/complaintflow.properties:smtp.password}}
 * (a key of a properties file) or {@code ${dir:/run/secrets:smtp_password}} (a file of a directory,
 * as Docker and Kubernetes mount secrets). They are replaced here, before the service sees its
 * configuration; a missing file or key stops start-up with a message naming the configuration key
 * and the file. See {@link ConfigVariables} for further providers. The values themselves are never
 * logged: the one log line names the keys that came from the environment and from secrets.
 */
public final class ConfigLoader {
  public static final String ENV_PREFIX = "COMPLAINTFLOW_";
  private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

  private ConfigLoader() {}

  /** The environment variable that sets {@code key}. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /**
   * One value with its config variables ({@code ${file:...}}, {@code ${dir:...}}) replaced, for
   * values a service reads outside {@link #load} (e.g. straight from an environment variable whose
   * name does not map back to its key). Only the two built-in providers; the same strict errors as
   * {@link #load}, naming {@code key}.
   */
  public static String resolveVariables(String key, String value) {
    if (value == null || !value.contains("${")) {
      return value;
    }
    Map<String, Object> one = new java.util.HashMap<>();
    one.put(key, value);
    return (String) ConfigVariables.resolve(one).values().get(key);
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
   *     e.g. "kafka." for {@code COMPLAINTFLOW_KAFKA_SASL_MECHANISM} ({@code config.providers.*}
   *     is always taken)
   * @return the values with every config variable resolved and without the {@code config.providers*} keys
   * @throws ConfigException when a config variable cannot be resolved
   */
  public static Map<String, Object> load(
      ConfigDef definition, Path file, Map<String, String> env, String... passThroughPrefixes)
      throws IOException {
    Loaded loaded = read(definition, file, env, passThroughPrefixes);
    log.info(loaded.logLine());
    return loaded.values();
  }

  /** What {@link #load} returns and the line it logs. */
  record Loaded(Map<String, Object> values, String logLine) {}

  static Loaded read(ConfigDef definition, Path file, Map<String, String> env, String... passThroughPrefixes)
      throws IOException {
    Map<String, Object> values = new HashMap<>();
    if (file != null) {
      Properties props = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        props.load(reader);
      }
      props.forEach((k, v) -> values.put(k.toString(), v.toString().trim()));
    }
    Set<String> fromEnvironment = new TreeSet<>();
    for (String key : definition.names()) {
      String fromEnv = env.get(envName(key));
      if (fromEnv != null) {
        values.put(key, fromEnv);
        fromEnvironment.add(key);
      }
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (!e.getKey().startsWith(ENV_PREFIX)) {
        continue;
      }
      String dotted = keyOf(e.getKey());
      if (definition.names().contains(dotted)) {
        continue;
      }
      boolean passThrough = ConfigVariables.isProviderKey(dotted);
      for (String prefix : passThroughPrefixes) {
        passThrough |= dotted.startsWith(prefix);
      }
      if (passThrough) {
        values.put(dotted, e.getValue());
        fromEnvironment.add(dotted);
      }
    }
    ConfigVariables.Resolved resolved = ConfigVariables.resolve(values);
    return new Loaded(resolved.values(),
        summary(file, resolved.values().size(), fromEnvironment, resolved.resolvedKeys()));
  }

  /** The start-up log line: where the configuration came from, by key name only, never a value. */
  private static String summary(Path file, int keys, Set<String> fromEnvironment, Set<String> fromSecrets) {
    return "event=config-loaded file=" + (file == null ? "none" : file) + " keys=" + keys
        + " fromEnvironment=" + names(fromEnvironment) + " fromSecrets=" + names(fromSecrets);
  }

  private static String names(Set<String> keys) {
    return keys.isEmpty() ? "none" : String.join(",", keys);
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
