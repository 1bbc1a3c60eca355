package com.complaintflow.bench.intake;

import com.complaintflow.bench.data.DataSet;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ContactPoints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * What the intake benchmark sends, built from the benchmark's {@link DataSet} (same clients, texts
 * in Russian, English and Bulgarian): web complaints as the JSON of {@code POST /api/v1/complaints},
 * and e-mails as raw RFC 822 messages to the complaints mailbox (plain text or text + HTML,
 * UTF-8 or windows-1251 for some Russian ones, replies with In-Reply-To/References).
 */
public final class IntakeData {
  private static final ObjectMapper JSON = new ObjectMapper();

  private IntakeData() {}

  /** {@code count} web complaint bodies, one JSON object per string. */
  public static List<String> webBodies(DataSet data, int count) {
    List<String> out = new ArrayList<>(count);
    data.complaints(count, c -> out.add(webJson(c)));
    return out;
  }

  static String webJson(Complaint c) {
    ObjectNode o = JSON.createObjectNode();
    ContactPoints contact = c.getContact();
    if (contact.getName() != null) {
      o.put("name", contact.getName());
    }
    if (contact.getEmail() != null) {
      o.put("email", contact.getEmail());
    }
    if (contact.getPhone() != null) {
      o.put("phone", contact.getPhone());
    }
    if (contact.getAccountId() != null) {
      o.put("accountId", contact.getAccountId());
    }
    if (c.getOrderRef() != null) {
      o.put("orderRef", c.getOrderRef());
    }
    if (c.getProductRef() != null) {
      o.put("productRef", c.getProductRef());
    }
    o.put("subject", c.getSubject() != null ? c.getSubject() : "Complaint");
    o.put("text", c.getBody());
    if (c.getLanguage() != null) {
      o.put("language", c.getLanguage());
    }
    ObjectNode consent = o.putObject("consent");
    consent.put("contactByEmail", true);
    consent.put("contactByPhone", c.getChannel() == Channel.PHONE);
    consent.put("dataProcessing", true);
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code count} e-mails to {@code to}: the e-mail complaints of the data set (half of all
   * complaints), in arrival order.
   */
  public static List<byte[]> emails(DataSet data, int count, String to) {
    Session session = Session.getInstance(new Properties());
    List<byte[]> out = new ArrayList<>(count);
    int[] index = {0};
    // e-mail is half of the channel mix: generate enough complaints to find count of them
    data.complaints(count * 3L, c -> {
      if (out.size() < count && c.getChannel() == Channel.EMAIL) {
        out.add(email(session, c, to, index[0]++));
      }
    });
    if (out.size() < count) {
      throw new IllegalStateException("only " + out.size() + " e-mail complaints in " + count * 3L);
    }
    return out;
  }

  static byte[] email(Session session, Complaint c, String to, int i) {
    try {
      MimeMessage m = new MimeMessage(session) {
        @Override
        protected void updateMessageID() throws MessagingException {
          setHeader("Message-ID", c.getSourceId());
        }
      };
      ContactPoints contact = c.getContact();
      m.setFrom(new InternetAddress(contact.getEmail(), contact.getName(), "UTF-8"));
      m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
      boolean reply = c.getThread() != null && c.getThread().getInReplyTo() != null;
      m.setSubject((reply ? "Re: " : "") + (c.getSubject() == null ? "Complaint" : c.getSubject()), "UTF-8");
      m.setSentDate(Date.from(c.getSentAt() != null ? c.getSentAt() : c.getReceivedAt()));
      if (reply) {
        m.setHeader("In-Reply-To", c.getThread().getInReplyTo());
        m.setHeader("References", String.join(" ", c.getThread().getReferences()));
      }
      String charset = "ru".equals(c.getLanguage()) && i % 5 == 0 ? "windows-1251" : "UTF-8";
      if (i % 3 == 0) {
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(c.getBody(), charset);
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<html><body><p>" + c.getBody().replace("&", "&amp;").replace("<", "&lt;")
            + "</p></body></html>", "text/html; charset=" + charset);
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        m.setContent(alternative);
      } else {
        m.setText(c.getBody(), charset);
      }
      m.saveChanges();
      ByteArrayOutputStream raw = new ByteArrayOutputStream(2048);
      m.writeTo(raw);
      return raw.toByteArray();
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("cannot build benchmark e-mail " + i + ": " + e, e);
    }
  }
}
