package com.complaintflow.alerts.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.alerts.TestAlerts;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.SlaTarget;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AlertEmailComposerTest {
  private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");
  private final AlertEmailComposer composer = new AlertEmailComposer(Session.getInstance(new Properties()),
      "ComplaintFlow <alerts@cf.test>", new MessageIds("complaintflow"), team -> ZoneOffset.UTC);

  @Test
  void subjectCarriesCaseTagKindDetailTierAndSeverity() {
    assertEquals("[CF-12345] SLA breach: first response 12 min late (A-client, HIGH)",
        composer.subject(TestAlerts.breach("CF-12345", NOW, "a@cf.test").build()));
  }

  @Test
  void hostileTextCannotAddHeaders() throws Exception {
    Alert alert = TestAlerts.breach("CF-1\r\nBcc: attacker@example.com", NOW, "a@cf.test")
        .setKind(AlertKind.REPEAT_COMPLAINT).setTarget(SlaTarget.NONE)
        .setAlertId("x\r\nBcc: attacker@example.com")
        .setSummary("hi\nBcc: attacker@example.com\u2028To: x@example.com\u0085<script>").build();
    MimeMessage m = composer.alertEmail(alert, List.of(new InternetAddress("a@cf.test")), NOW);
    m.saveChanges();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    m.writeTo(raw);
    String text = raw.toString(StandardCharsets.UTF_8);
    String headers = text.substring(0, text.indexOf("\r\n\r\n"));
    assertFalse(headers.toLowerCase().contains("\nbcc:"), headers);
    assertEquals(1, headers.split("\r\nTo: ", -1).length - 1, headers);
    assertTrue(m.getMessageID().matches("<h[0-9a-f]{40}@complaintflow>"), m.getMessageID());
    String html = (String) ((MimeMultipart) m.getContent()).getBodyPart(1).getContent();
    assertTrue(html.contains("&lt;script&gt;"));
    assertFalse(html.contains("<script>"));
  }

  @Test
  void headerTextDropsEveryControlCharacter() {
    assertEquals("a b c d e", HeaderText.clean("a\r\nb\tc\u0000\u007fd\u2029e\u0085", 100));
    assertEquals("abc", HeaderText.clean("abcdef", 3));
  }

  @Test
  void messageIdsAreDeterministic() {
    MessageIds ids = new MessageIds("complaintflow");
    assertEquals("<a-1@complaintflow>", ids.forAlert("a-1"));
    assertEquals("<case-k-1@complaintflow>", ids.forCase("k-1"));
    assertEquals(ids.forDigest("A@x.test", List.of("b", "a")), ids.forDigest("a@x.test", List.of("a", "b")));
    assertNotEquals(ids.forDigest("a@x.test", List.of("a")), ids.forDigest("a@x.test", List.of("a", "b")));
  }

  @Test
  void malformedAddressesAreRejected() {
    assertThrows(AddressException.class, () -> AlertEmailComposer.address("a@b.test\r\nBcc: x@y.test"));
    assertThrows(AddressException.class, () -> AlertEmailComposer.address("no-domain"));
    assertThrows(AddressException.class, () -> AlertEmailComposer.address("two words@x.test"));
  }

  @Test
  void durationsReadNaturally() {
    assertEquals("12 min", AlertText.duration(java.time.Duration.ofMinutes(12)));
    assertEquals("3 h 5 min", AlertText.duration(java.time.Duration.ofMinutes(185)));
    assertEquals("4 days 2 h", AlertText.duration(java.time.Duration.ofHours(98)));
  }
}
