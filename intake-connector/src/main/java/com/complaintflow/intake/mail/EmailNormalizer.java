package com.complaintflow.intake.mail;

import com.complaintflow.intake.normalize.ClientKeys;
import com.complaintflow.intake.normalize.ComplaintIds;
import com.complaintflow.intake.normalize.RejectException;
import com.complaintflow.intake.normalize.Texts;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ContactPoints;
import com.complaintflow.schemas.avro.ThreadRefs;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a parsed email into a Complaint. The source id is the Message-ID, or a SHA-256 of the
 * raw bytes when the message has none, so the same message always yields the same complaint id.
 */
public final class EmailNormalizer {
  private final Pattern caseTag;
  private final int bodyMaxChars;

  public EmailNormalizer(Pattern caseTag, int bodyMaxChars) {
    this.caseTag = caseTag;
    this.bodyMaxChars = bodyMaxChars;
  }

  public static String sourceId(ParsedMail mail, byte[] raw) {
    return mail.messageId() != null ? mail.messageId() : ComplaintIds.contentHash(raw);
  }

  public Complaint normalize(ParsedMail mail, byte[] raw, String sourceSystem, Instant receivedAt,
      Map<String, String> attributes) throws RejectException {
    ContactPoints contact = ContactPoints.newBuilder()
        .setName(Texts.trimToNull(mail.fromName()))
        .setEmail(Texts.normalizeEmail(mail.fromAddress()))
        .build();
    String clientKey = ClientKeys.of(contact);
    String sourceId = sourceId(mail, raw);
    String body = Texts.truncate(mail.body(), bodyMaxChars);
    Map<String, String> attrs = new HashMap<>(attributes);
    if (mail.bodyMediaType() != null) {
      attrs.put("mail.bodyMediaType", mail.bodyMediaType());
      attrs.put("mail.bodyCharset", mail.bodyCharset());
    }
    if (!mail.defects().isEmpty()) {
      attrs.put("mail.defects", String.join("; ", mail.defects()));
    }
    return Complaint.newBuilder()
        .setComplaintId(ComplaintIds.complaintId(Channel.EMAIL, sourceId))
        .setChannel(Channel.EMAIL)
        .setSourceSystem(sourceSystem)
        .setSourceId(sourceId)
        .setReceivedAt(receivedAt)
        .setSentAt(mail.sentAt())
        .setClientKey(clientKey)
        .setContact(contact)
        .setSubject(Texts.trimToNull(mail.subject()))
        .setBody(body)
        .setBodyTruncated(body.length() < mail.body().length())
        .setAttachments(mail.attachments())
        .setThread(ThreadRefs.newBuilder()
            .setMessageId(mail.messageId())
            .setInReplyTo(mail.inReplyTo())
            .setReferences(mail.references())
            .setCaseTag(caseTag(mail.subject()))
            .build())
        .setAttributes(attrs)
        .build();
  }

  String caseTag(String subject) {
    if (subject == null) {
      return null;
    }
    Matcher m = caseTag.matcher(subject);
    if (!m.find()) {
      return null;
    }
    return m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
  }
}
