package com.complaintflow.intake.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.complaintflow.common.config.ConfigLoader;
import com.complaintflow.intake.IntakeConfig;
import com.complaintflow.intake.IntakeService;
import com.complaintflow.intake.testing.TopicReader;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import com.complaintflow.testing.LogCapture;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake configured as in production (properties file and environment read by ConfigLoader), its
 * mailbox password in a directory of secret files (as Docker and Kubernetes mount them) named by an
 * environment variable, reading the mailbox over IMAPS with the server certificate validated. The
 * secret appears in no log line of the run.
 */
class MailboxPasswordFromSecretsIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();

  private static final String SECRET = "Imap-pa55-" + Long.toHexString(System.nanoTime());
  private static final String STORE_PASSWORD = "changeit";

  @TempDir static Path dir;
  private static SSLContext jvmDefault;
  private static GreenMail greenMail;
  private static int imapsPort;

  /**
   * GreenMail serves IMAPS with a certificate for 127.0.0.1 made here, and the JVM's default trust
   * (which the intake uses: it has no trust setting of its own) trusts that certificate alone.
   * GreenMail reads its key store once per JVM, when its first TLS server starts; no other test of
   * this module starts one.
   */
  @BeforeAll
  static void imapsServerWithACertificateTheJvmTrusts() throws Exception {
    Path keyStore = dir.resolve("imaps.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "greenmail", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", keyStore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool: " + output);

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, STORE_PASSWORD.toCharArray());
    }
    Certificate certificate = keys.getCertificate("greenmail");
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    trusted.setCertificateEntry("greenmail", certificate);
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    jvmDefault = SSLContext.getDefault();
    SSLContext.setDefault(context);

    System.setProperty("greenmail.tls.keystore.file", keyStore.toString());
    System.setProperty("greenmail.tls.keystore.password", STORE_PASSWORD);
    System.setProperty("greenmail.tls.key.password", STORE_PASSWORD);
    try (ServerSocket socket = new ServerSocket(0)) {
      imapsPort = socket.getLocalPort();
    }
    greenMail = new GreenMail(new ServerSetup(imapsPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS));
    greenMail.start();
  }

  @AfterAll
  static void restore() {
    if (greenMail != null) {
      greenMail.stop();
    }
    if (jvmDefault != null) {
      SSLContext.setDefault(jvmDefault);
    }
    System.clearProperty("greenmail.tls.keystore.file");
    System.clearProperty("greenmail.tls.keystore.password");
    System.clearProperty("greenmail.tls.key.password");
  }

  @Test
  void intakeReadsTheMailboxOverImapsWithThePasswordFromASecretFileAndNeverLogsIt() throws Exception {
    Path secrets = Files.createDirectory(dir.resolve("run-secrets"));
    Files.writeString(secrets.resolve("support_password"), SECRET + "\n");
    var user = greenMail.setUser("complaints@shop.example", "complaints", SECRET);
    String complaintsTopic = kafka.newTopic("complaints-imaps", 1);
    Path configFile = dir.resolve("intake.properties");
    Files.writeString(configFile, String.join("\n",
        "kafka.bootstrap.servers=" + kafka.bootstrapServers(),
        "schema.registry.url=" + registry.url(),
        "topic.complaints=" + complaintsTopic,
        "topic.complaints.rejected=" + kafka.newTopic("rejected-imaps", 1),
        "http.enabled=false",
        "raw.topics.enabled=false",
        "mail.mailboxes=support",
        "mail.support.protocol=imaps",
        "mail.support.host=127.0.0.1",
        "mail.support.port=" + imapsPort,
        "mail.support.user=complaints",
        "mail.idle.enabled=false",
        "mail.poll.interval.ms=200",
        ""));
    Map<String, String> env = Map.of("COMPLAINTFLOW_MAIL_SUPPORT_PASSWORD", "${dir:" + secrets + ":support_password}");
    String messageId = "<secrets-" + System.nanoTime() + "@example.com>";
    user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream((
        "From: Client <client@example.com>\r\nTo: complaints@shop.example\r\nSubject: Broken kettle\r\n"
            + "Message-ID: " + messageId + "\r\nDate: Sat, 01 Mar 2025 10:00:00 +0300\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\nThe kettle leaks.\r\n").getBytes(StandardCharsets.UTF_8))));

    // the service's loggers at DEBUG, the others at their levels
    LogCapture logs = LogCapture.start(Map.of("com.complaintflow", Level.DEBUG));
    IntakeService service = null;
    List<ConsumerRecord<String, Complaint>> got;
    try {
      // as IntakeConnectorMain does
      IntakeConfig config = new IntakeConfig(ConfigLoader.load(IntakeConfig.CONFIG_DEF, configFile, env,
          IntakeConfig.KAFKA_PREFIX, "mail.", "topic.", "schema.registry."));
      service = new IntakeService(config, Clock.systemUTC()).start();
      TopicCatalog catalog = new TopicCatalog(Map.of("schema.registry.url", registry.url(),
          "topic.complaints", complaintsTopic));
      got = TopicReader.readUntil(kafka, complaintsTopic, catalog.complaints().valueSerde().deserializer(),
          records -> !records.isEmpty(), Duration.ofSeconds(60));
    } finally {
      if (service != null) {
        service.stop();
      }
      logs.close();
    }

    assertEquals(1, got.size(), "one complaint from the mailbox");
    assertEquals("imap:support", got.get(0).value().getSourceSystem());
    assertEquals(messageId, got.get(0).value().getSourceId());
    List<String> lines = logs.lines();
    assertTrue(lines.stream().anyMatch(l -> l.contains("event=config-loaded")
        && l.contains("fromEnvironment=mail.support.password") && l.contains("fromSecrets=mail.support.password")),
        "the capture sees the loader's line: " + lines);
    for (String line : lines) {
      assertFalse(line.contains(SECRET), "secret in a log line: " + line.replace(SECRET, "<SECRET>"));
    }
  }
}
