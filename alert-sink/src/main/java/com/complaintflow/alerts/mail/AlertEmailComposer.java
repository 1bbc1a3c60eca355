package com.complaintflow.alerts.mail;

import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.Severity;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the emails: one per alert (plain text + HTML, deterministic Message-ID, threaded on the
 * case) and the storm-control digest. Alert text is untrusted: it is HTML-escaped in the HTML part
 * and cleaned of control characters wherever it reaches a header.
 */
public final class AlertEmailComposer {
  public static final String ALERT_ID_HEADER = "X-ComplaintFlow-Alert-Id";
  public static final String CASE_HEADER = "X-ComplaintFlow-Case";
  private static final int SUBJECT_MAX = 200;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

  private final Session session;
  private final InternetAddress from;
  private final MessageIds ids;
  private final Function<String, ZoneId> teamZone;

  /**
   * @param teamZone time zone in which a team reads its deadlines (its calendar's zone)
   */
  public AlertEmailComposer(Session session, String from, MessageIds ids, Function<String, ZoneId> teamZone) {
    this.session = session;
    try {
      this.from = new InternetAddress(from, true);
    } catch (AddressException e) {
      throw new IllegalArgumentException("mail.from is not a valid address: " + e.getMessage(), e);
    }
    this.ids = ids;
    this.teamZone = teamZone;
  }

  public MessageIds ids() {
    return ids;
  }

  /**
   * @param to every recipient of the alert (shown in the To header; the envelope decides who
   *     actually receives this copy)
   */
  public MimeMessage alertEmail(Alert alert, List<InternetAddress> to, Instant now) throws MessagingException {
    MimeMessage message = new FixedIdMimeMessage(session, ids.forAlert(alert.getAlertId()));
    message.setFrom(from);
    message.setRecipients(Message.RecipientType.TO, to.toArray(new InternetAddress[0]));
    message.setSubject(subject(alert), "UTF-8");
    message.setSentDate(Date.from(now));
    String thread = ids.forCase(alert.getCaseId());
    message.setHeader("In-Reply-To", thread);
    message.setHeader("References", thread);
    message.setHeader(ALERT_ID_HEADER, HeaderText.clean(alert.getAlertId(), 200));
    message.setHeader(CASE_HEADER, HeaderText.clean(alert.getCaseNumber(), 100));
    message.setHeader("Auto-Submitted", "auto-generated");
    if (alert.getSeverity() == Severity.HIGH || alert.getSeverity() == Severity.CRITICAL) {
      message.setHeader("Importance", "high");
      message.setHeader("X-Priority", "1");
    }
    Map<String, String> fields = fields(alert);
    String text = alertText(alert, fields);
    String html = alertHtml(alert, fields);
    message.setContent(alternative(text, html));
    return message;
  }

  /** {@code [CF-12345] SLA breach: first response 12 min late (A-client, HIGH)}, header-safe. */
  public String subject(Alert alert) {
    return HeaderText.clean("[" + HeaderText.clean(alert.getCaseNumber(), 40) + "] " + AlertText.headline(alert),
        SUBJECT_MAX);
  }

  public MimeMessage digestEmail(InternetAddress to, List<Alert> alerts, Instant now) throws MessagingException {
    List<String> alertIds = alerts.stream().map(Alert::getAlertId).toList();
    MimeMessage message = new FixedIdMimeMessage(session, ids.forDigest(to.getAddress(), alertIds));
    message.setFrom(from);
    message.setRecipient(Message.RecipientType.TO, to);
    message.setSubject("[ComplaintFlow] Digest: " + alerts.size() + " alerts", "UTF-8");
    message.setSentDate(Date.from(now));
    message.setHeader("Auto-Submitted", "auto-generated");
    StringBuilder text = new StringBuilder();
    text.append(alerts.size()).append(" alerts arrived for you in a short time; they are listed here in one")
        .append(" message instead of one email each.\n\n");
    StringBuilder html = new StringBuilder();
    html.append("<html><body><p>").append(alerts.size())
        .append(" alerts arrived for you in a short time; they are listed here in one message instead of one")
        .append(" email each.</p>\n<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n")
        .append("<tr><th>Case</th><th>Alert</th><th>Summary</th><th>Alert id</th></tr>\n");
    for (Alert alert : alerts) {
      String headline = AlertText.headline(alert);
      String caseNumber = HeaderText.clean(alert.getCaseNumber(), 40);
      String summary = HeaderText.clean(alert.getSummary(), 300);
      text.append("- [").append(caseNumber).append("] ").append(headline).append('\n')
          .append("  ").append(summary).append('\n')
          .append("  alert id: ").append(alert.getAlertId()).append('\n');
      html.append("<tr><td>").append(Html.escape(caseNumber)).append("</td><td>")
          .append(Html.escape(headline)).append("</td><td>").append(Html.escape(summary))
          .append("</td><td>").append(Html.escape(alert.getAlertId())).append("</td></tr>\n");
    }
    html.append("</table></body></html>\n");
    message.setContent(alternative(text.toString(), html.toString()));
    return message;
  }

  private Map<String, String> fields(Alert alert) {
    ZoneId zone = teamZone.apply(alert.getTeam());
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Case", alert.getCaseNumber());
    f.put("Alert", AlertText.kindLabel(alert));
    f.put("Severity", alert.getSeverity().name());
    if (alert.getLevel() > 0) {
      f.put("Escalation level", Integer.toString(alert.getLevel()));
    }
    String target = AlertText.targetLabel(alert.getTarget());
    if (!target.isEmpty()) {
      f.put("SLA target", target);
    }
    if (alert.getDueAt() != null) {
      f.put("Due", TIME.format(alert.getDueAt().atZone(zone)));
    }
    if (alert.getLateByMillis() != null && alert.getLateByMillis() > 0) {
      f.put("Late by", AlertText.duration(java.time.Duration.ofMillis(alert.getLateByMillis())));
    }
    f.put("Client", alert.getClientId() + " (" + AlertText.tierLabel(alert.getClientTier()) + ")");
    f.put("Category", AlertText.lower(alert.getCategory()));
    f.put("Priority", AlertText.lower(alert.getPriority()));
    putIfPresent(f, "Team", alert.getTeam());
    putIfPresent(f, "Owner", alert.getOwnerId());
    putIfPresent(f, "Covering", alert.getCoveringAgentId());
    if (!alert.getRelatedCaseNumbers().isEmpty()) {
      f.put("Earlier cases", String.join(", ", alert.getRelatedCaseNumbers()));
    }
    f.put("Raised", TIME.format(alert.getCreatedAt().atZone(zone)));
    f.put("Alert id", alert.getAlertId());
    return f;
  }

  private static void putIfPresent(Map<String, String> f, String key, String value) {
    if (value != null && !value.isBlank()) {
      f.put(key, value);
    }
  }

  private String alertText(Alert alert, Map<String, String> fields) {
    StringBuilder text = new StringBuilder();
    text.append(subject(alert)).append("\n\n").append(alert.getSummary()).append("\n\n");
    fields.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
    return text.toString();
  }

  private String alertHtml(Alert alert, Map<String, String> fields) {
    StringBuilder html = new StringBuilder();
    html.append("<html><body>\n<h3>").append(Html.escape(subject(alert))).append("</h3>\n<p>")
        .append(Html.escape(alert.getSummary()).replace("\n", "<br>\n")).append("</p>\n<table>\n");
    fields.forEach((k, v) -> html.append("<tr><th align=\"left\">").append(Html.escape(k))
        .append("</th><td>").append(Html.escape(v)).append("</td></tr>\n"));
    html.append("</table>\n</body></html>\n");
    return html.toString();
  }

  private static MimeMultipart alternative(String text, String html) throws MessagingException {
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(text, "UTF-8", "plain");
    MimeBodyPart rich = new MimeBodyPart();
    rich.setText(html, "UTF-8", "html");
    alternative.addBodyPart(plain);
    alternative.addBodyPart(rich);
    return alternative;
  }

  /** Parses a recipient strictly; a malformed one is a permanent failure, not a retry. */
  public static InternetAddress address(String recipient) throws AddressException {
    if (recipient == null || recipient.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new AddressException("control character in address");
    }
    InternetAddress address = new InternetAddress(recipient, true);
    if (address.getAddress() == null || !address.getAddress().contains("@")) {
      throw new AddressException("address has no domain");
    }
    return address;
  }

  /** Parses what parses; used for the informational To header. */
  public static List<InternetAddress> addresses(List<String> recipients) {
    List<InternetAddress> out = new ArrayList<>();
    for (String r : recipients) {
      try {
        out.add(address(r));
      } catch (AddressException e) {
        // reported per recipient when its own copy fails
      }
    }
    return out;
  }

  /** A MimeMessage whose Message-ID is ours rather than a random one chosen at save time. */
  static final class FixedIdMimeMessage extends MimeMessage {
    private final String messageId;

    FixedIdMimeMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
