package com.complaintflow.bench.scenario;

import com.complaintflow.alerts.AlertSinkConfig;
import com.complaintflow.alerts.AlertSinkService;
import com.complaintflow.alerts.mail.SmtpMailSender;
import com.complaintflow.bench.stats.Figure;
import com.complaintflow.bench.stats.ScenarioResult;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Priority;
import com.complaintflow.schemas.avro.Severity;
import com.complaintflow.schemas.avro.SlaTarget;
import com.complaintflow.schemas.topics.Topic;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Alert delivery: emails/s from {@code alerts} to GreenMail's SMTP through the real
 * {@link AlertSinkService} with its dedup bookkeeping (every send checked against and recorded in
 * the outcome topic, acknowledged by the broker). Baseline: the same number of messages of the
 * same shape (multipart text + HTML) sent over one SMTP connection with plain jakarta.mail, to the
 * same server: what SMTP itself allows here. Each repetition uses fresh topics and a fresh group,
 * so nothing counts as already delivered; storm control is set out of reach, since a storm of
 * 10,000 alerts to one supervisor would otherwise (correctly) become digests.
 */
public final class AlertDeliveryScenario implements Scenario {
  public static final String NAME = "alert-delivery";

  @Override
  public List<String> names() {
    return List.of(NAME);
  }

  @Override
  public List<ScenarioResult> run(BenchContext ctx, List<String> selected) throws Exception {
    int n = ctx.settings().alerts();
    String recipient = ctx.stack().endpoints().mail().supervisors().get(0).address();
    String casesTopic = "bench-alert-cases";
    ctx.stack().createTopic(casesTopic, ctx.stack().partitions(), Map.of());
    List<Double> subject = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    int total = ctx.settings().warmups() + ctx.settings().repetitions();
    for (int rep = 0; rep < total; rep++) {
      boolean warmup = rep < ctx.settings().warmups();
      String label = warmup ? "warm-up " + (rep + 1) : "repetition " + (rep - ctx.settings().warmups() + 1);
      ctx.stack().greenMail().purgeEmailFromAllMailboxes();
      double b = plainSmtp(ctx, n, recipient);
      ctx.stack().greenMail().purgeEmailFromAllMailboxes();
      double s = sink(ctx, "r" + rep, n, recipient, casesTopic);
      int received = ctx.stack().greenMail().getReceivedMessages().length;
      if (received != n) {
        throw new IllegalStateException("GreenMail received " + received + " emails, expected " + n);
      }
      ctx.progress("%s: plain SMTP %,.0f emails/s, alert-sink %,.0f emails/s", label, b, s);
      if (!warmup) {
        baseline.add(b);
        subject.add(s);
      }
    }
    ctx.stack().greenMail().purgeEmailFromAllMailboxes();
    return List.of(new ScenarioResult(NAME)
        .parameter("alerts", n)
        .add(Figure.paired("emails/s (alert-sink vs plain SMTP)", "emails/s", subject, baseline))
        .note(String.format("%,d alerts, one recipient each, GreenMail SMTP in the benchmark JVM;"
            + " rate between the first and the last accepted email", n)));
  }

  private double sink(BenchContext ctx, String runId, int n, String recipient, String casesTopic) throws Exception {
    String alertsTopic = "bench-alerts-" + runId;
    ctx.stack().createTopic(alertsTopic, ctx.stack().partitions(), Map.of());
    Topic<String, Alert> alerts = ctx.stack().catalog().alerts();
    try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(ctx.stack().producerConfig(),
        alerts.keySerde().serializer(), alerts.valueSerde().serializer())) {
      Instant now = Instant.now();
      for (int i = 0; i < n; i++) {
        Alert a = alert(runId, i, recipient, now);
        producer.send(new ProducerRecord<>(alertsTopic, a.getCaseId(), a));
      }
      producer.flush();
    }
    Map<String, Object> config = new HashMap<>();
    config.put("kafka.bootstrap.servers", ctx.stack().bootstrapServers());
    config.put("schema.registry.url", ctx.stack().registryUrl());
    config.put("group.id", "bench-alert-sink-" + runId);
    config.put("topic.alerts", alertsTopic);
    config.put("topic.cases", casesTopic);
    config.put("topic.alerts.sent", "bench-alerts-sent-" + runId);
    config.put("smtp.host", "localhost");
    config.put("smtp.port", Integer.toString(ctx.stack().endpoints().mail().smtpPort()));
    config.put("smtp.security", "NONE");
    config.put("mail.from", "complaintflow-alerts@complaintflow.local");
    config.put("storm.threshold", Integer.toString(Integer.MAX_VALUE));
    AlertSinkConfig sinkConfig = new AlertSinkConfig(config);
    AlertSinkService service = new AlertSinkService(sinkConfig, Clock.systemUTC(), new SmtpMailSender(sinkConfig));
    try {
      service.start();
      service.ready().get(120, TimeUnit.SECONDS);
      return rate(n, () -> service.stats().sent.get(), Duration.ofSeconds(60 + n / 20));
    } finally {
      service.close();
    }
  }

  private double plainSmtp(BenchContext ctx, int n, String recipient) throws Exception {
    Properties props = new Properties();
    props.put("mail.smtp.host", "localhost");
    props.put("mail.smtp.port", Integer.toString(ctx.stack().endpoints().mail().smtpPort()));
    Session session = Session.getInstance(props);
    long[] sent = {0};
    Instant now = Instant.now();
    Thread sender = new Thread(() -> {
      try (Transport transport = session.getTransport("smtp")) {
        transport.connect();
        InternetAddress to = new InternetAddress(recipient);
        for (int i = 0; i < n; i++) {
          Alert a = alert("plain", i, recipient, now);
          MimeMessage m = new MimeMessage(session);
          m.setFrom(new InternetAddress("complaintflow-alerts@complaintflow.local"));
          m.setRecipient(Message.RecipientType.TO, to);
          m.setSubject("[" + a.getCaseNumber() + "] SLA breach: first response late (C-client, HIGH)", "UTF-8");
          MimeMultipart body = new MimeMultipart("alternative");
          MimeBodyPart text = new MimeBodyPart();
          text.setText(a.getSummary(), "UTF-8");
          MimeBodyPart html = new MimeBodyPart();
          html.setContent("<p>" + a.getSummary() + "</p>", "text/html; charset=UTF-8");
          body.addBodyPart(text);
          body.addBodyPart(html);
          m.setContent(body);
          m.saveChanges();
          transport.sendMessage(m, new InternetAddress[] {to});
          synchronized (sent) {
            sent[0]++;
          }
        }
      } catch (Exception e) {
        throw new IllegalStateException("plain SMTP baseline failed: " + e, e);
      }
    }, "plain-smtp");
    sender.start();
    double rate = rate(n, () -> {
      synchronized (sent) {
        return sent[0];
      }
    }, Duration.ofSeconds(60 + n / 20));
    sender.join();
    return rate;
  }

  /** Emails per second between the first and the n-th, sampled every 20 ms. */
  static double rate(int n, LongSupplier count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long firstAt = -1;
    long firstCount = 0;
    while (System.nanoTime() < deadline) {
      long c = count.getAsLong();
      long now = System.nanoTime();
      if (firstAt < 0 && c > 0) {
        firstAt = now;
        firstCount = c;
      }
      if (c >= n) {
        double seconds = (now - firstAt) / 1e9;
        return seconds > 0 ? (c - firstCount) / seconds : Double.NaN;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("only " + count.getAsLong() + " of " + n + " emails within "
        + timeout.toSeconds() + " s");
  }

  static Alert alert(String runId, int i, String recipient, Instant now) {
    String caseNumber = "CF-" + (1000 + i);
    return Alert.newBuilder()
        .setAlertId("bench-" + runId + "-" + i)
        .setKind(AlertKind.SLA_BREACH)
        .setSeverity(Severity.HIGH)
        .setCaseId("C-" + (i % 5000) + "/" + caseNumber)
        .setCaseNumber(caseNumber)
        .setTarget(SlaTarget.FIRST_RESPONSE)
        .setLevel(0)
        .setClientId("C-" + (i % 5000))
        .setClientTier(ClientTier.C)
        .setCategory(Category.DELIVERY)
        .setPriority(Priority.NORMAL)
        .setTeam("logistics")
        .setOwnerId("AG-logistics-01")
        .setDueAt(now.minusSeconds(60))
        .setLateByMillis(60_000L)
        .setRecipients(List.of(recipient))
        .setRelatedCaseNumbers(List.of())
        .setSummary("First response for case " + caseNumber + " is 1 min late; delivery complaint, owner"
            + " AG-logistics-01.")
        .setCreatedAt(now)
        .build();
  }
}
