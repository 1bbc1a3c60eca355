package com.complaintflow.intake.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebComplaintNormalizerTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private final WebSubmissionReader reader = new WebSubmissionReader();
  private final WebComplaintNormalizer normalizer = new WebComplaintNormalizer(new PhoneNumbers("RU"), 50);

  @Test
  void jsonBecomesComplaintKeyedByAccountThenEmailThenPhone() throws Exception {
    WebSubmission s = reader.fromJson("{\"name\":\" Ivan Petrov \",\"email\":\"Ivan.Petrov@Example.COM\","
        + "\"phone\":\"8 (495) 123-45-67\",\"orderRef\":\"ORD-1\",\"subject\":\"Broken kettle\","
        + "\"text\":\"The kettle leaks.\",\"language\":\"ru\",\"consent\":{\"contactByEmail\":true}}");
    Complaint c = normalizer.normalize(s, "web-api", "key-1", NOW, Map.of());
    assertEquals(Channel.WEB, c.getChannel());
    assertEquals("ivan.petrov@example.com", c.getClientKey());
    assertEquals("+74951234567", c.getContact().getPhone());
    assertEquals("Ivan Petrov", c.getContact().getName());
    assertEquals("ORD-1", c.getOrderRef());
    assertEquals("The kettle leaks.", c.getBody());
    assertTrue(c.getConsent().getContactByEmail());
    assertNull(c.getConsent().getContactByPhone());
    assertEquals(ComplaintIds.complaintId(Channel.WEB, "key-1"), c.getComplaintId());
  }

  @Test
  void accountIdWinsAsClientKeyAndLongTextIsTruncated() throws Exception {
    WebSubmission s = reader.fromForm("accountId=ACC-7&email=a%40b.ru&text=" + "x".repeat(80) + "&consentEmail=on");
    Complaint c = normalizer.normalize(s, "web-api", "k", NOW, Map.of());
    assertEquals("ACC-7", c.getClientKey());
    assertEquals(50, c.getBody().length());
    assertTrue(c.getBodyTruncated());
    assertTrue(c.getConsent().getContactByEmail());
  }

  @Test
  void everyInvalidFieldIsReportedAtOnce() throws Exception {
    WebSubmission s = reader.fromJson("{\"email\":\"not-an-address\",\"phone\":\"12\",\"language\":\"??\",\"text\":\"\"}");
    RejectException e = assertThrows(RejectException.class, () -> normalizer.normalize(s, "web-api", "k", NOW, Map.of()));
    assertEquals(Reasons.BAD_PHONE_NUMBER, e.reason());
    assertEquals(java.util.Set.of("email", "phone", "language", "text"),
        e.fieldErrors().stream().map(FieldError::field).collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void noContactPointIsMissingContactPoint() throws Exception {
    WebSubmission s = reader.fromJson("{\"name\":\"Anon\",\"text\":\"hello\"}");
    RejectException e = assertThrows(RejectException.class, () -> normalizer.normalize(s, "web-api", "k", NOW, Map.of()));
    assertEquals(Reasons.MISSING_CONTACT_POINT, e.reason());
  }

  @Test
  void invalidJsonAndWrongTypes() throws Exception {
    assertEquals(Reasons.INVALID_JSON, assertThrows(RejectException.class, () -> reader.fromJson("{\"text\": ")).reason());
    assertEquals(Reasons.INVALID_JSON, assertThrows(RejectException.class, () -> reader.fromJson("[1,2]")).reason());
    WebSubmission s = reader.fromJson("{\"email\":\"a@b.ru\",\"text\":\"t\",\"subject\":{\"x\":1}}");
    RejectException e = assertThrows(RejectException.class, () -> normalizer.normalize(s, "web-api", "k", NOW, Map.of()));
    assertEquals(Reasons.INVALID_FIELD, e.reason());
    assertEquals("subject", e.fieldErrors().get(0).field());
  }

  @Test
  void complaintIdsAreNameBasedUuidV5() {
    String a = ComplaintIds.complaintId(Channel.EMAIL, "<m1@x>");
    assertEquals(a, ComplaintIds.complaintId(Channel.EMAIL, "<m1@x>"));
    assertFalse(a.equals(ComplaintIds.complaintId(Channel.WEB, "<m1@x>")));
    assertEquals(5, java.util.UUID.fromString(a).version());
  }

  @Test
  void excerptsMaskContactDetails() {
    String ex = Texts.excerpt("{\"email\":\"ivan.petrov@example.com\",\"phone\":\"+74951234567\"}");
    assertFalse(ex.contains("ivan.petrov@example.com"));
    assertFalse(ex.contains("+74951234567"));
  }

  /** The decoder's own message names its class; the client is told in fixed words instead. */
  @Test
  void badPercentEscapeIsInvalidFormWithAFixedMessage() {
    RejectException e = assertThrows(RejectException.class, () -> reader.fromForm("email=a%40b.ru&text=100%zz"));
    assertEquals(Reasons.INVALID_FORM, e.reason());
    assertFalse(e.detail().contains("URLDecoder"), e.detail());
    assertTrue(e.detail().contains("%"), e.detail());
  }
}
