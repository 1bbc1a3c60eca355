package com.complaintflow.schemas.serde;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of the Confluent-wire-format Avro serde. Keys carry Confluent's names so that an
 * existing {@code kafka-avro-serializer} configuration can be carried over unchanged.
 */
public final class AvroSerdeConfig extends AbstractConfig {

  public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";
  private static final String SCHEMA_REGISTRY_URL_DOC =
      "Comma-separated Schema Registry base URLs (Confluent REST API), e.g. http://localhost:8081"
          + " or http://host:8080/apis/ccompat/v7. mock://scope selects an in-memory registry"
          + " shared by every serde of that scope (tests only).";

  public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";
  private static final String AUTO_REGISTER_SCHEMAS_DOC =
      "Register the writer's schema under the subject on first use. When false, the schema must"
          + " already be registered (it is looked up), unless use.latest.version is set.";

  public static final String USE_LATEST_VERSION_CONFIG = "use.latest.version";
  private static final String USE_LATEST_VERSION_DOC =
      "With auto.register.schemas=false: write with the subject's latest registered schema"
          + " (records are converted to it by Avro schema resolution).";

  public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG =
      "basic.auth.credentials.source";
  private static final String BASIC_AUTH_CREDENTIALS_SOURCE_DOC =
      "Where basic-auth credentials come from: USER_INFO (basic.auth.user.info), URL (user:pass@"
          + " in schema.registry.url) or NONE.";

  public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";
  public static final String SR_BASIC_AUTH_USER_INFO_CONFIG = "schema.registry.basic.auth.user.info";
  private static final String BASIC_AUTH_USER_INFO_DOC =
      "user:password for the registry, with basic.auth.credentials.source=USER_INFO. Never logged.";

  public static final String SPECIFIC_AVRO_READER_CONFIG = "specific.avro.reader";
  private static final String SPECIFIC_AVRO_READER_DOC =
      "Deserialize into the generated SpecificRecord class of the writer schema's name instead of"
          + " GenericRecord. Serdes built for one class always read into that class.";

  public static final String KEY_SUBJECT_NAME_STRATEGY_CONFIG = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY_CONFIG = "value.subject.name.strategy";
  private static final String SUBJECT_NAME_STRATEGY_DOC =
      "How the subject is named: TopicNameStrategy (<topic>-key/-value, default),"
          + " RecordNameStrategy (<record full name>) or TopicRecordNameStrategy"
          + " (<topic>-<record full name>). Confluent's class names are accepted too.";

  public static final String REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";
  private static final String REQUEST_TIMEOUT_MS_DOC = "Timeout of one registry HTTP request.";

  public static final String MAX_RETRIES_CONFIG = "schema.registry.max.retries";
  private static final String MAX_RETRIES_DOC =
      "Retries of a registry call after a connection failure or a 5xx answer (4xx never retried).";

  public static final String RETRY_BACKOFF_MS_CONFIG = "schema.registry.retry.backoff.ms";
  private static final String RETRY_BACKOFF_MS_DOC =
      "Base of the exponential backoff (with jitter) between registry retries.";

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(SCHEMA_REGISTRY_URL_CONFIG, Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
              (name, value) -> {
                if (value == null || ((List<?>) value).isEmpty()) {
                  throw new ConfigException(name, value, "give at least one registry URL");
                }
              },
              Importance.HIGH, SCHEMA_REGISTRY_URL_DOC)
          .define(AUTO_REGISTER_SCHEMAS_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM,
              AUTO_REGISTER_SCHEMAS_DOC)
          .define(USE_LATEST_VERSION_CONFIG, Type.BOOLEAN, false, Importance.LOW,
              USE_LATEST_VERSION_DOC)
          .define(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG, Type.STRING, "URL",
              ConfigDef.CaseInsensitiveValidString.in("USER_INFO", "URL", "NONE"),
              Importance.MEDIUM, BASIC_AUTH_CREDENTIALS_SOURCE_DOC)
          .define(BASIC_AUTH_USER_INFO_CONFIG, Type.PASSWORD, "", Importance.MEDIUM,
              BASIC_AUTH_USER_INFO_DOC)
          .define(SR_BASIC_AUTH_USER_INFO_CONFIG, Type.PASSWORD, "", Importance.LOW,
              "Alias of " + BASIC_AUTH_USER_INFO_CONFIG + ".")
          .define(SPECIFIC_AVRO_READER_CONFIG, Type.BOOLEAN, false, Importance.MEDIUM,
              SPECIFIC_AVRO_READER_DOC)
          .define(KEY_SUBJECT_NAME_STRATEGY_CONFIG, Type.STRING, "TopicNameStrategy",
              Importance.LOW, SUBJECT_NAME_STRATEGY_DOC)
          .define(VALUE_SUBJECT_NAME_STRATEGY_CONFIG, Type.STRING, "TopicNameStrategy",
              Importance.LOW, SUBJECT_NAME_STRATEGY_DOC)
          .define(REQUEST_TIMEOUT_MS_CONFIG, Type.LONG, 10_000L, ConfigDef.Range.atLeast(1),
              Importance.LOW, REQUEST_TIMEOUT_MS_DOC)
          .define(MAX_RETRIES_CONFIG, Type.INT, 3, ConfigDef.Range.atLeast(0), Importance.LOW,
              MAX_RETRIES_DOC)
          .define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, 100L, ConfigDef.Range.atLeast(1),
              Importance.LOW, RETRY_BACKOFF_MS_DOC);

  public AvroSerdeConfig(Map<String, ?> props) {
    super(CONFIG_DEF, props, false);
  }

  public List<String> registryUrls() {
    return getList(SCHEMA_REGISTRY_URL_CONFIG);
  }

  public boolean isMock() {
    return registryUrls().get(0).startsWith("mock://");
  }

  public boolean autoRegisterSchemas() {
    return getBoolean(AUTO_REGISTER_SCHEMAS_CONFIG);
  }

  public boolean useLatestVersion() {
    return getBoolean(USE_LATEST_VERSION_CONFIG);
  }

  public boolean specificAvroReader() {
    return getBoolean(SPECIFIC_AVRO_READER_CONFIG);
  }

  public Duration requestTimeout() {
    return Duration.ofMillis(getLong(REQUEST_TIMEOUT_MS_CONFIG));
  }

  public int maxRetries() {
    return getInt(MAX_RETRIES_CONFIG);
  }

  public long retryBackoffMs() {
    return getLong(RETRY_BACKOFF_MS_CONFIG);
  }

  public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
    return SubjectNameStrategy.parse(
        getString(isKey ? KEY_SUBJECT_NAME_STRATEGY_CONFIG : VALUE_SUBJECT_NAME_STRATEGY_CONFIG));
  }

  /** user:password, or null when the registry is reached without credentials. */
  public String userInfo() {
    String source = getString(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG).toUpperCase(java.util.Locale.ROOT);
    switch (source) {
      case "USER_INFO": {
        String info = getPassword(BASIC_AUTH_USER_INFO_CONFIG).value();
        if (info.isEmpty()) {
          info = getPassword(SR_BASIC_AUTH_USER_INFO_CONFIG).value();
        }
        if (info.isEmpty()) {
          throw new ConfigException(
              BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG + "=USER_INFO needs "
                  + BASIC_AUTH_USER_INFO_CONFIG + " (user:password)");
        }
        return info;
      }
      case "URL": {
        String userInfo = URI.create(registryUrls().get(0).trim()).getRawUserInfo();
        return userInfo == null
            ? null
            : java.net.URLDecoder.decode(userInfo, java.nio.charset.StandardCharsets.UTF_8);
      }
      default:
        return null;
    }
  }

  /** Registry URLs with any user:pass@ removed (credentials travel in the Authorization header). */
  public List<String> registryUrlsWithoutUserInfo() {
    return registryUrls().stream()
        .map(String::trim)
        .map(u -> u.replaceFirst("^(\\w+://)[^/@]*@", "$1"))
        .toList();
  }
}
