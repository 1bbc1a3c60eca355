package com.complaintflow.launcher.demo;

import com.complaintflow.launcher.stack.Endpoints;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Talks to the stack the way real channel systems do: a mail client delivering to the complaints
 * mailbox over SMTP, a web site posting forms to the HTTP API, a call centre posting call records,
 * Twilio status callbacks and Asterisk CDR lines, and agent desktops posting case actions.
 */
final class Channels {
  /** The answer of one HTTP call. */
  record Answer(int status, String body) {
    boolean ok() {
      return status / 100 == 2;
    }
  }

  private final Endpoints endpoints;
  private final Session mail;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Channels(Endpoints endpoints) {
    this.endpoints = endpoints;
    Properties props = new Properties();
    props.put("mail.smtp.host", endpoints.mail().smtpHost());
    props.put("mail.smtp.port", Integer.toString(endpoints.mail().smtpPort()));
    props.put("mail.smtp.connectiontimeout", "5000");
    props.put("mail.smtp.timeout", "5000");
    this.mail = Session.getInstance(props);
  }

  void email(String fromName, String fromAddress, String subject, String text) throws MessagingException, IOException {
    MimeMessage m = new MimeMessage(mail);
    m.setFrom(new InternetAddress(fromAddress, fromName, StandardCharsets.UTF_8.name()));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(endpoints.mail().complaints().address()));
    m.setSubject(subject, StandardCharsets.UTF_8.name());
    m.setText(text, StandardCharsets.UTF_8.name());
    m.setSentDate(new Date());
    Transport.send(m);
  }

  Answer webJson(String json) throws IOException, InterruptedException {
    return post("/complaints", "application/json; charset=utf-8", json, null);
  }

  Answer webForm(Map<String, String> fields) throws IOException, InterruptedException {
    return post("/complaints", "application/x-www-form-urlencoded", form(fields), null);
  }

  Answer call(String json) throws IOException, InterruptedException {
    return post("/calls", "application/json", json, null);
  }

  Answer twilio(Map<String, String> fields) throws IOException, InterruptedException {
    return post("/calls/twilio", "application/x-www-form-urlencoded", form(fields), null);
  }

  Answer asteriskCdr(String lines) throws IOException, InterruptedException {
    return post("/calls/asterisk-cdr", "text/csv; charset=utf-8", lines, null);
  }

  Answer caseAction(String caseNumber, String json, String idempotencyKey) throws IOException, InterruptedException {
    return post("/cases/" + caseNumber + "/actions", "application/json", json, idempotencyKey);
  }

  private Answer post(String path, String contentType, String body, String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoints.intake().baseUrl() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", contentType)
        .header("X-Api-Key", endpoints.intake().apiKey())
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(r.statusCode(), r.body());
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
