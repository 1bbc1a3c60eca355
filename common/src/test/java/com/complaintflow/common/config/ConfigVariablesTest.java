package com.complaintflow.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets given as Kafka config variables, resolved by {@link ConfigLoader}. */
class ConfigVariablesTest {
  private static final String SMTP_SECRET = "smtp-S3cret$1\\x";
  private static final String MAIL_SECRET = "imap-pa55word";
  private static final ConfigDef DEF = new ConfigDef()
      .define("smtp.host", ConfigDef.Type.STRING, "localhost", ConfigDef.Importance.HIGH, "SMTP host.")
      .define("smtp.password", ConfigDef.Type.PASSWORD, "", ConfigDef.Importance.HIGH, "SMTP password.");

  @TempDir Path dir;

  /** How a service reads its configuration (every service's config extends AbstractConfig). */
  static final class ServiceConfig extends AbstractConfig {
    ServiceConfig(Map<String, ?> values) {
      super(DEF, values, false);
    }
  }

  private Path secretsFile() throws Exception {
    Path file = dir.resolve("complaintflow.properties");
    Files.writeString(file, "smtp.password=" + SMTP_SECRET.replace("\\", "\\\\") + "\nmail.support.password="
        + MAIL_SECRET + "\n");
    return file;
  }

  private Path configFile(String text) throws Exception {
    Path file = dir.resolve("service.properties");
    Files.writeString(file, text);
    return file;
  }

  private static Map<String, Object> load(Path file, Map<String, String> env) throws Exception {
    return ConfigLoader.load(DEF, file, env, "mail.", "kafka.");
  }

  @Test
  void fileProviderFillsDefinedAndUndefinedKeysAndTheLogLineNamesOnlyTheKeys() throws Exception {
    Path secrets = secretsFile();
    Path config = configFile("smtp.host=mail.example\n"
        + "smtp.password=${file:" + secrets + ":smtp.password}\n"
        + "mail.support.password=${file:" + secrets + ":mail.support.password}\n");

    ConfigLoader.Loaded loaded = ConfigLoader.read(DEF, config, Map.of(), "mail.");

    ServiceConfig service = new ServiceConfig(loaded.values());
    assertEquals(SMTP_SECRET, service.getPassword("smtp.password").value());
    assertEquals(MAIL_SECRET, service.originals().get("mail.support.password"));
    assertEquals("mail.example", service.getString("smtp.host"));
    assertTrue(loaded.logLine().contains("fromSecrets=mail.support.password,smtp.password"), loaded.logLine());
    assertFalse(loaded.logLine().contains(SMTP_SECRET) || loaded.logLine().contains(MAIL_SECRET), loaded.logLine());
    assertFalse(service.getPassword("smtp.password").toString().contains(SMTP_SECRET), "Password.toString hides it");
  }

  @Test
  void environmentVariableMayHoldAReferenceToADirectoryOfSecretFiles() throws Exception {
    Path secrets = Files.createDirectory(dir.resolve("run-secrets"));
    Files.writeString(secrets.resolve("smtp_password"), SMTP_SECRET + "\n"); // as `echo ... > file` writes it
    Files.writeString(secrets.resolve("support_password"), MAIL_SECRET + "\r\n");

    Map<String, Object> values = load(null, Map.of(
        "COMPLAINTFLOW_SMTP_PASSWORD", "${dir:" + secrets + ":smtp_password}",
        "COMPLAINTFLOW_MAIL_SUPPORT_PASSWORD", "${dir:" + secrets + ":support_password}"));

    assertEquals(SMTP_SECRET, new ServiceConfig(values).getPassword("smtp.password").value());
    assertEquals(MAIL_SECRET, values.get("mail.support.password"));
  }

  @Test
  void referenceInsideALongerValueIsReplacedAndTheSecretIsTakenLiterally() throws Exception {
    Path secrets = dir.resolve("kafka.properties");
    // a secret that looks like a variable itself is not resolved a second time
    Files.writeString(secrets, "kafka.password=p${file:/etc/passwd:root}q\n");
    Map<String, Object> values = load(configFile(
        "kafka.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"intake\" password=\"${file:" + secrets + ":kafka.password}\";\n"), Map.of());

    assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required username=\"intake\" "
        + "password=\"p${file:/etc/passwd:root}q\";", values.get("kafka.sasl.jaas.config"));
  }

  @Test
  void missingFileOrKeyStopsStartUpNamingTheKeyAndTheFileButNoSecret() throws Exception {
    Path secrets = secretsFile();
    Path absent = dir.resolve("absent.properties");
    Path secretDir = Files.createDirectory(dir.resolve("run-secrets"));
    Files.writeString(secretDir.resolve("other"), SMTP_SECRET);
    Path config = configFile("smtp.password=${file:" + absent + ":smtp.password}\n"
        + "mail.support.password=${file:" + secrets + ":mail.supprt.password}\n"
        + "mail.claims.password=${dir:" + secretDir + ":claims_password}\n"
        + "mail.orders.password=${dir:" + dir.resolve("no-such-dir") + ":orders_password}\n");

    ConfigException e = assertThrows(ConfigException.class, () -> load(config, Map.of()));

    String message = e.getMessage();
    assertTrue(message.contains("smtp.password: secrets file " + absent + " does not exist"), message);
    assertTrue(message.contains("mail.support.password: secrets file " + secrets + " has no key 'mail.supprt.password'"),
        message);
    assertTrue(message.contains("mail.claims.password: secrets directory " + secretDir + " has no file 'claims_password'"),
        message);
    assertTrue(message.contains("mail.orders.password: secrets directory " + dir.resolve("no-such-dir")
        + " does not exist"), message);
    assertFalse(message.contains(SMTP_SECRET) || message.contains(MAIL_SECRET), message);
  }

  @Test
  void unknownProviderIsAnErrorRatherThanALiteralPassword() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> load(null,
        Map.of("COMPLAINTFLOW_SMTP_PASSWORD", "${vault:secret/smtp:password}")));
    assertTrue(e.getMessage().contains("smtp.password: ${vault:secret/smtp:password} names config provider 'vault', "
        + "which is not configured (known: dir, file;"), e.getMessage());
  }

  @Test
  void furtherProvidersAreDeclaredWithKafkasKeysEvenFromTheEnvironment() throws Exception {
    Map<String, Object> values = load(configFile(
        "config.providers=vault\n"
            + "config.providers.vault.param.smtp=" + SMTP_SECRET.replace("\\", "\\\\") + "\n"
            + "smtp.password=${vault:secret/complaintflow:smtp}\n"),
        Map.of("COMPLAINTFLOW_CONFIG_PROVIDERS_VAULT_CLASS", ParamsProvider.class.getName()));

    assertEquals(SMTP_SECRET, new ServiceConfig(values).getPassword("smtp.password").value());
    assertTrue(values.keySet().stream().noneMatch(k -> k.startsWith("config.providers")),
        "provider keys are consumed by the loader, so no AbstractConfig resolves the values again: " + values.keySet());
  }

  @Test
  void declaredProviderWithoutAClassIsAnError() throws Exception {
    ConfigException e = assertThrows(ConfigException.class,
        () -> load(configFile("config.providers=vault\n"), Map.of()));
    assertTrue(e.getMessage().contains("config.providers lists 'vault' but config.providers.vault.class is not set"),
        e.getMessage());
  }

  @Test
  void systemPropertyOfKafkaRestrictsTheProviderClasses() throws Exception {
    Path config = configFile("smtp.password=${file:" + secretsFile() + ":smtp.password}\n");
    String property = AbstractConfig.AUTOMATIC_CONFIG_PROVIDERS_PROPERTY;
    String before = System.getProperty(property);
    System.setProperty(property, "org.apache.kafka.common.config.provider.DirectoryConfigProvider");
    try {
      ConfigException e = assertThrows(ConfigException.class, () -> load(config, Map.of()));
      assertTrue(e.getMessage().contains("uses config provider 'file' "
          + "(org.apache.kafka.common.config.provider.FileConfigProvider), which the system property " + property),
          e.getMessage());
    } finally {
      if (before == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, before);
      }
    }
  }

  @Test
  void oneValueReadOutsideTheLoaderIsResolvedTheSameWay() throws Exception {
    Path secrets = secretsFile();
    assertEquals(MAIL_SECRET, ConfigLoader.resolveVariables("mail.my-box.password",
        "${file:" + secrets + ":mail.support.password}"));
    assertEquals("plain", ConfigLoader.resolveVariables("mail.my-box.password", "plain"));
    assertEquals(null, ConfigLoader.resolveVariables("mail.my-box.password", null));
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.resolveVariables(
        "mail.my-box.password", "${file:" + secrets + ":absent}"));
    assertTrue(e.getMessage().contains("mail.my-box.password"), e.getMessage());
  }

  @Test
  void valuesWithoutVariablesAreUntouched() throws Exception {
    Map<String, Object> values = load(configFile("smtp.host=${not a variable}\nmail.case.tag.pattern=\\\\[(CF-\\\\d+)\\\\]\n"),
        Map.of());
    assertEquals("${not a variable}", values.get("smtp.host"));
    assertEquals("\\[(CF-\\d+)\\]", values.get("mail.case.tag.pattern"));
  }

  /** A provider whose values are its parameters, standing for a vault. */
  public static final class ParamsProvider implements ConfigProvider {
    private final Map<String, String> params = new HashMap<>();

    @Override
    public void configure(Map<String, ?> configs) {
      configs.forEach((k, v) -> params.put(k, v.toString()));
    }

    @Override
    public ConfigData get(String path) {
      return new ConfigData(params);
    }

    @Override
    public ConfigData get(String path, Set<String> keys) {
      Map<String, String> out = new HashMap<>(params);
      out.keySet().retainAll(keys);
      return new ConfigData(out);
    }

    @Override
    public void close() {}
  }
}
