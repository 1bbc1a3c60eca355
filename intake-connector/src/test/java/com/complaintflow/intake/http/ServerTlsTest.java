package com.complaintflow.intake.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.IntakeConfig;
import com.complaintflow.intake.testing.SelfSignedKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API's TLS set-up from configuration: each mistake names its key and never the password. */
class ServerTlsTest {
  private static final String PASSWORD = "Store-Secret-4711";
  @TempDir static Path dir;
  private static Path pkcs12;
  private static Path jks;

  @BeforeAll
  static void keyStores() throws Exception {
    pkcs12 = SelfSignedKeyStore.create(dir, PASSWORD, "PKCS12");
    jks = SelfSignedKeyStore.create(dir, PASSWORD, "JKS");
  }

  @Test
  void aGoodKeyStoreGivesAContext() {
    SSLContext context = ServerTls.sslContext(settings(Map.of(
        IntakeConfig.HTTP_TLS_KEYSTORE_PATH_CONFIG, pkcs12.toString(),
        IntakeConfig.HTTP_TLS_KEYSTORE_PASSWORD_CONFIG, PASSWORD)));
    assertNotNull(context);
    SSLContext fromJks = ServerTls.sslContext(settings(Map.of(
        IntakeConfig.HTTP_TLS_KEYSTORE_PATH_CONFIG, jks.toString(),
        IntakeConfig.HTTP_TLS_KEYSTORE_PASSWORD_CONFIG, PASSWORD,
        IntakeConfig.HTTP_TLS_KEYSTORE_TYPE_CONFIG, "JKS")));
    assertNotNull(fromJks);
  }

  @Test
  void defaultsAreTls13And12AndPkcs12AndTlsOff() {
    IntakeConfig config = new IntakeConfig(Map.of());
    assertFalse(config.httpTlsEnabled());
    assertEquals(List.of("TLSv1.3", "TLSv1.2"), config.httpTls().protocols());
    assertEquals("PKCS12", config.httpTls().type());
    assertNull(config.httpTls().keyPassword(), "the key password defaults to the store password");
  }

  @Test
  void wrongPasswordNamesThePasswordKeyButNotThePassword() {
    for (String type : List.of("PKCS12", "JKS")) {
      String wrong = "Wrong-Guess-0815";
      ConfigException e = assertThrows(ConfigException.class, () -> ServerTls.sslContext(settings(Map.of(
          IntakeConfig.HTTP_TLS_KEYSTORE_PATH_CONFIG, (type.equals("JKS") ? jks : pkcs12).toString(),
          IntakeConfig.HTTP_TLS_KEYSTORE_PASSWORD_CONFIG, wrong,
          IntakeConfig.HTTP_TLS_KEYSTORE_TYPE_CONFIG, type))));
      assertTrue(e.getMessage().startsWith(IntakeConfig.HTTP_TLS_KEYSTORE_PASSWORD_CONFIG + ": wrong password"), e.getMessage());
      assertFalse(e.getMessage().contains(wrong), e.getMessage());
      assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }
  }

  @Test
  void missingOrUnreadableKeyStoreNamesThePathKey() throws Exception {
    ConfigException none = assertThrows(ConfigException.class, () -> ServerTls.sslContext(settings(Map.of())));
    assertTrue(none.getMessage().startsWith(IntakeConfig.HTTP_TLS_KEYSTORE_PATH_CONFIG + " is required"), none.getMessage());

    Path absent = dir.resolve("absent.p12");
    ConfigException missing = assertThrows(ConfigException.class, () -> ServerTls.sslContext(settings(Map.of(
        IntakeConfig.HTTP_TLS_KEYSTORE_PATH_CONFIG, absent.toString(),
        IntakeConfig.HTTP_TLS_KEYSTORE_PASSWORD_CONFIG, PASSWORD))));
    assertTrue(missing.getMessage().startsWith(IntakeConfig.HTTP_TLS_KEYSTORE_PATH_CONFIG + ": "), missing.getMessage());
    assertTrue(missing.getMessage().contains("does not exist or is not readable"), missing.getMessage());

    Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a key store");
    ConfigException unreadable = assertThrows(ConfigException.class, () -> ServerTls.sslContext(settings(Map.of(
        IntakeConfig.HTTP_TLS_KEYSTORE_PATH_CONFIG, garbage.toString(),
        IntakeConfig.HTTP_TLS_KEYSTORE_PASSWORD_CONFIG, PASSWORD))));
    assertTrue(unreadable.getMessage().startsWith(IntakeConfig.HTTP_TLS_KEYSTORE_PATH_CONFIG + ": cannot read"),
        unreadable.getMessage());
    assertFalse(unreadable.getMessage().contains(PASSWORD));
  }

  @Test
  void unknownTypeAndProtocolNameTheirKeys() {
    ConfigException type = assertThrows(ConfigException.class, () -> ServerTls.sslContext(settings(Map.of(
        IntakeConfig.HTTP_TLS_KEYSTORE_PATH_CONFIG, pkcs12.toString(),
        IntakeConfig.HTTP_TLS_KEYSTORE_PASSWORD_CONFIG, PASSWORD,
        IntakeConfig.HTTP_TLS_KEYSTORE_TYPE_CONFIG, "NOPE"))));
    assertTrue(type.getMessage().startsWith(IntakeConfig.HTTP_TLS_KEYSTORE_TYPE_CONFIG + ": "), type.getMessage());

    for (String protocols : List.of("TLSv1.3,TLSv1", "SSLv3", "TLSv9")) {
      ConfigException p = assertThrows(ConfigException.class, () -> ServerTls.sslContext(settings(Map.of(
          IntakeConfig.HTTP_TLS_KEYSTORE_PATH_CONFIG, pkcs12.toString(),
          IntakeConfig.HTTP_TLS_KEYSTORE_PASSWORD_CONFIG, PASSWORD,
          IntakeConfig.HTTP_TLS_PROTOCOLS_CONFIG, protocols))));
      assertTrue(p.getMessage().startsWith(IntakeConfig.HTTP_TLS_PROTOCOLS_CONFIG + ": "), p.getMessage());
    }
  }

  @Test
  void aWrongSeparateKeyPasswordNamesItsKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> ServerTls.sslContext(settings(Map.of(
        IntakeConfig.HTTP_TLS_KEYSTORE_PATH_CONFIG, jks.toString(),
        IntakeConfig.HTTP_TLS_KEYSTORE_PASSWORD_CONFIG, PASSWORD,
        IntakeConfig.HTTP_TLS_KEYSTORE_TYPE_CONFIG, "JKS",
        IntakeConfig.HTTP_TLS_KEY_PASSWORD_CONFIG, "Other-Key-Secret"))));
    assertTrue(e.getMessage().startsWith(IntakeConfig.HTTP_TLS_KEY_PASSWORD_CONFIG + ": "), e.getMessage());
    assertFalse(e.getMessage().contains("Other-Key-Secret"));
  }

  private static ServerTls.Settings settings(Map<String, String> tls) {
    Map<String, Object> cfg = new HashMap<>(tls);
    cfg.put(IntakeConfig.HTTP_TLS_ENABLED_CONFIG, "true");
    return new IntakeConfig(cfg).httpTls();
  }
}
