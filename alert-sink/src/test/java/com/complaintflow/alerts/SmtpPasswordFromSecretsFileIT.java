package com.complaintflow.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.complaintflow.alerts.mail.SmtpMailSender;
import com.complaintflow.common.config.ConfigLoader;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import com.complaintflow.testing.LogCapture;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink configured as in production (properties file read by ConfigLoader) with its SMTP password
 * in a separate secrets file: it authenticates to the SMTP server with the secret, and the secret
 * appears in no log line of the run.
 */
class SmtpPasswordFromSecretsFileIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();

  private static final String SECRET = "Smtp-pa55-" + Long.toHexString(System.nanoTime());
  private static final String SUP = "sup@cf.test";

  @TempDir Path dir;

  @Test
  void sinkLogsInWithThePasswordFromTheSecretsFileAndNeverLogsIt() throws Exception {
    int smtpPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      smtpPort = socket.getLocalPort();
    }
    GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
    mail.setUser("alerts@cf.test", "alerts", SECRET);
    mail.start();
    // the service's loggers at DEBUG, the others at their levels
    LogCapture logs = LogCapture.start(Map.of("com.complaintflow", Level.DEBUG));
    AlertSinkService sink = null;
    try {
      Path secrets = dir.resolve("complaintflow-secrets.properties");
      Files.writeString(secrets, "smtp.password=" + SECRET + "\n");
      String alertsTopic = kafka.newTopic("alerts", 1);
      Path configFile = dir.resolve("alert-sink.properties");
      Files.writeString(configFile, String.join("\n",
          "kafka.bootstrap.servers=" + kafka.bootstrapServers(),
          "schema.registry.url=" + registry.url(),
          "group.id=" + kafka.topic("sink"),
          "topic.alerts=" + alertsTopic,
          "topic.cases=" + kafka.newTopic("cases", 1),
          "topic.alerts.dead=" + kafka.newTopic("alerts-dead", 1),
          "topic.alerts.sent=" + kafka.topic("alerts-sent"),
          "topic.alerts.undecodable=" + kafka.topic("alerts-undecodable"),
          "smtp.host=127.0.0.1",
          "smtp.port=" + smtpPort,
          "smtp.security=NONE",
          "smtp.username=alerts",
          "smtp.password=${file:" + secrets + ":smtp.password}",
          "mail.from=ComplaintFlow <alerts@cf.test>",
          "poll.interval.ms=50",
          ""));

      // GreenMail checks the credentials a client gives: the reference itself would not log in
      assertThrows(AuthenticationFailedException.class,
          () -> login(smtpPort, "${file:" + secrets + ":smtp.password}"));

      // as AlertSinkMain does
      Map<String, Object> values = ConfigLoader.load(AlertSinkConfig.CONFIG, configFile, Map.of(),
          "kafka.", "team.", "calendar.", "topic.");
      AlertSinkConfig config = new AlertSinkConfig(values);
      sink = new AlertSinkService(config, Clock.systemUTC(), new SmtpMailSender(config)).start();
      sink.ready().get(60, TimeUnit.SECONDS);

      Alert alert = TestAlerts.breach("CF-77", Instant.now(), SUP).build();
      TopicCatalog catalog = new TopicCatalog(Map.of("schema.registry.url", registry.url(), "topic.alerts", alertsTopic));
      try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(),
          catalog.alerts().valueSerde().serializer())) {
        producer.send(new ProducerRecord<>(alertsTopic, alert.getCaseId(), alert)).get();
      }
      assertTrue(mail.waitForIncomingEmail(Duration.ofSeconds(60).toMillis(), 1), "the alert was mailed");
      assertEquals("<k-CF-77-SLA_BREACH-FIRST_RESPONSE-1@complaintflow>", mail.getReceivedMessages()[0].getMessageID());
    } finally {
      if (sink != null) {
        sink.close();
      }
      mail.stop();
      logs.close();
    }

    List<String> lines = logs.lines();
    assertTrue(lines.stream().anyMatch(l -> l.contains("event=config-loaded") && l.contains("fromSecrets=smtp.password")),
        "the capture sees the loader's line: " + lines);
    assertTrue(lines.stream().anyMatch(l -> l.contains("event=smtp-configured") && l.contains("auth=true")), lines.toString());
    for (String line : lines) {
      assertFalse(line.contains(SECRET), "secret in a log line: " + line.replace(SECRET, "<SECRET>"));
    }
  }

  private static void login(int port, String password) throws Exception {
    Properties props = new Properties();
    props.put("mail.smtp.auth", "true");
    try (Transport transport = Session.getInstance(props).getTransport("smtp")) {
      transport.connect("127.0.0.1", port, "alerts", password);
    }
  }
}
