package com.complaintflow.intake.normalize;

import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.Consent;
import com.complaintflow.schemas.avro.ContactPoints;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates a web submission and turns it into a Complaint. Every invalid field is reported at
 * once; the reject reason is that of the most telling problem (contact point first, then phone).
 */
public final class WebComplaintNormalizer {
  static final int MAX_SHORT_FIELD = 500;

  private final PhoneNumbers phones;
  private final int bodyMaxChars;

  public WebComplaintNormalizer(PhoneNumbers phones, int bodyMaxChars) {
    this.phones = phones;
    this.bodyMaxChars = bodyMaxChars;
  }

  /**
   * @param sourceId idempotency key, submission id or request id: the complaint id derives from it
   */
  public Complaint normalize(WebSubmission s, String sourceSystem, String sourceId, Instant receivedAt,
      Map<String, String> attributes) throws RejectException {
    List<FieldError> errors = new ArrayList<>();
    s.typeErrors().forEach((f, m) -> errors.add(new FieldError(f, Reasons.INVALID_FIELD, f + " " + m)));

    String email = null;
    if (!Texts.isBlank(s.email())) {
      email = Texts.normalizeEmail(s.email());
      if (email == null) {
        errors.add(new FieldError("email", Reasons.INVALID_EMAIL, "email is not a valid address"));
      }
    }
    String phone = null;
    if (!Texts.isBlank(s.phone())) {
      try {
        phone = phones.toE164(s.phone(), "phone");
      } catch (RejectException e) {
        errors.addAll(e.fieldErrors());
      }
    }
    String accountId = Texts.trimToNull(s.accountId());
    boolean anyContactGiven = !Texts.isBlank(s.email()) || !Texts.isBlank(s.phone()) || accountId != null;
    if (!anyContactGiven) {
      errors.add(0, new FieldError("email", Reasons.MISSING_CONTACT_POINT, "give at least one of email, phone or accountId"));
    }
    if (Texts.isBlank(s.text())) {
      errors.add(new FieldError("text", Reasons.MISSING_FIELD, "text is required"));
    }
    checkLength(errors, "name", s.name());
    checkLength(errors, "subject", s.subject());
    checkLength(errors, "accountId", s.accountId());
    checkLength(errors, "orderRef", s.orderRef());
    checkLength(errors, "productRef", s.productRef());
    checkLength(errors, "submissionId", s.submissionId());
    String language = Texts.trimToNull(s.language());
    if (language != null && !language.matches("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")) {
      errors.add(new FieldError("language", Reasons.INVALID_FIELD, "language must be a BCP 47 tag such as ru or en-GB"));
    }
    Instant sentAt = null;
    if (!Texts.isBlank(s.submittedAt())) {
      try {
        sentAt = Instant.parse(s.submittedAt().trim());
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("submittedAt", Reasons.INVALID_FIELD, "submittedAt must be an ISO-8601 instant, e.g. 2025-03-01T10:15:30Z"));
      }
    }
    if (!errors.isEmpty()) {
      throw new RejectException(primaryReason(errors), summary(errors), errors);
    }

    ContactPoints contact = ContactPoints.newBuilder()
        .setName(Texts.trimToNull(s.name())).setEmail(email).setPhone(phone).setAccountId(accountId).build();
    String text = s.text().strip();
    String body = Texts.truncate(text, bodyMaxChars);
    Consent consent = s.consentEmail() == null && s.consentPhone() == null && s.consentDataProcessing() == null
        ? null
        : Consent.newBuilder().setContactByEmail(s.consentEmail()).setContactByPhone(s.consentPhone())
            .setDataProcessing(s.consentDataProcessing()).build();
    return Complaint.newBuilder()
        .setComplaintId(ComplaintIds.complaintId(Channel.WEB, sourceId))
        .setChannel(Channel.WEB)
        .setSourceSystem(sourceSystem)
        .setSourceId(sourceId)
        .setReceivedAt(receivedAt)
        .setSentAt(sentAt)
        .setClientKey(ClientKeys.of(contact))
        .setContact(contact)
        .setSubject(Texts.trimToNull(s.subject()))
        .setBody(body)
        .setBodyTruncated(body.length() < text.length())
        .setLanguage(language == null ? null : language.toLowerCase(java.util.Locale.ROOT))
        .setOrderRef(Texts.trimToNull(s.orderRef()))
        .setProductRef(Texts.trimToNull(s.productRef()))
        .setConsent(consent)
        .setAttributes(new HashMap<>(attributes))
        .build();
  }

  private static void checkLength(List<FieldError> errors, String field, String value) {
    if (value != null && value.length() > MAX_SHORT_FIELD) {
      errors.add(new FieldError(field, Reasons.INVALID_FIELD, field + " is longer than " + MAX_SHORT_FIELD + " characters"));
    }
  }

  static String primaryReason(List<FieldError> errors) {
    for (String r : List.of(Reasons.MISSING_CONTACT_POINT, Reasons.BAD_PHONE_NUMBER, Reasons.INVALID_EMAIL, Reasons.MISSING_FIELD)) {
      if (errors.stream().anyMatch(e -> e.reason().equals(r))) {
        return r;
      }
    }
    return Reasons.INVALID_FIELD;
  }

  static String summary(List<FieldError> errors) {
    return errors.size() + " invalid field(s): "
        + String.join(", ", errors.stream().map(e -> e.field() + " (" + e.reason() + ")").toList());
  }
}
