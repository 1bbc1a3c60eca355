package com.complaintflow.intake.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.normalize.Reasons;
import com.complaintflow.intake.normalize.Rejects;
import com.complaintflow.schemas.avro.Complaint;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MimeDecodingTest {
  private final MailParser parser = new MailParser(100);
  private final MailIntake intake = new MailIntake(parser, new EmailNormalizer(Pattern.compile("\\[(CF-\\d+)\\]"), 100),
      new Rejects(Clock.systemUTC()));

  @Test
  void encodedWordsInManyCharsets() {
    assertEquals("Жалоба на доставку", HeaderDecoder.decode("=?windows-1251?B?xuDr7uHgIO3gIOTu8fLg4urz?="));
    assertEquals("Привет", HeaderDecoder.decode("=?koi8-r?Q?=F0=D2=C9=D7=C5=D4?="));
    assertEquals("ab", HeaderDecoder.decode("=?utf-8?Q?a?= \r\n =?utf-8?Q?b?="));
    assertEquals("Hi Frösche", HeaderDecoder.decode("=?utf-7?Q?Hi_Fr+APY-sche?="));
    // unknown charset: decoded as UTF-8 when valid, not left encoded
    assertEquals("né", HeaderDecoder.decode("=?x-unknown?Q?n=C3=A9?="));
  }

  @Test
  void utf7() {
    assertEquals("Hi Mom -☺-!", Charsets.decodeUtf7("Hi Mom -+Jjo--!"));
    assertEquals("1 + 1", Charsets.decodeUtf7("1 +- 1"));
  }

  @Test
  void caseTagThreadingAndBodyCap() throws Exception {
    String raw = "From: =?utf-8?B?0JjQstCw0L0=?= <Ivan@Example.com>\r\nTo: complaints@shop.example\r\n"
        + "Subject: Re: [CF-12345] Broken kettle\r\nMessage-ID: <r2@example.com>\r\nIn-Reply-To: <r1@shop.example>\r\n"
        + "References: <r0@example.com> <r1@shop.example>\r\nDate: Sat, 01 Mar 2025 10:00:00 +0300\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + "ж".repeat(150) + "\r\n";
    Complaint c = ((MailIntake.Accepted) intake.process(raw.getBytes(StandardCharsets.UTF_8), "box", "INBOX", Instant.EPOCH)).complaint();
    assertEquals("CF-12345", c.getThread().getCaseTag());
    assertEquals("<r1@shop.example>", c.getThread().getInReplyTo());
    assertEquals(java.util.List.of("<r0@example.com>", "<r1@shop.example>"), c.getThread().getReferences());
    assertEquals("ivan@example.com", c.getClientKey());
    assertEquals("Иван", c.getContact().getName());
    assertEquals(100, c.getBody().length());
    assertTrue(c.getBodyTruncated());
    assertEquals(Instant.parse("2025-03-01T07:00:00Z"), c.getSentAt());
  }

  @Test
  void autoRepliesAreRejected() {
    String raw = "From: boss@example.com\r\nSubject: Out of office\r\nAuto-Submitted: auto-replied\r\nMessage-ID: <a@b>\r\n\r\nAway\r\n";
    MailIntake.Rejected r = (MailIntake.Rejected) intake.process(raw.getBytes(StandardCharsets.US_ASCII), "box", "INBOX", Instant.EPOCH);
    assertEquals(Reasons.AUTO_GENERATED, r.reject().getReason());
    assertEquals("<a@b>", r.reject().getMessageId());
    String vacation = "From: boss@example.com\r\nSubject: Automatic reply: complaint\r\nPrecedence: bulk\r\n\r\nAway\r\n";
    assertEquals(Reasons.AUTO_GENERATED, ((MailIntake.Rejected) intake.process(
        vacation.getBytes(StandardCharsets.US_ASCII), "box", "INBOX", Instant.EPOCH)).reject().getReason());
    String xAuto = "From: boss@example.com\r\nSubject: hi\r\nX-Autoreply: yes\r\n\r\nAway\r\n";
    assertEquals(Reasons.AUTO_GENERATED, ((MailIntake.Rejected) intake.process(
        xAuto.getBytes(StandardCharsets.US_ASCII), "box", "INBOX", Instant.EPOCH)).reject().getReason());
  }

  @Test
  void corruptBase64IsUnparseableMimeAndGoesToFailedFolder() {
    MailIntake.Rejected r = (MailIntake.Rejected) intake.process(unparseable(), "box", "INBOX", Instant.EPOCH);
    assertEquals(Reasons.UNPARSEABLE_MIME, r.reject().getReason());
    assertTrue(r.toFailedFolder());
    assertTrue(r.reject().getSourceId().startsWith("<broken@"), r.reject().getSourceId());
    assertThrows(MailParser.MimeParseException.class, () -> parser.parse(unparseable()));
  }

  /** A multipart whose only part is base64 with characters base64 cannot hold. */
  static byte[] unparseable() {
    return ("From: a@example.com\r\nSubject: broken\r\nMessage-ID: <broken@example.com>\r\nMIME-Version: 1.0\r\n"
        + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\n%%%%***\u0001\u0002 not base64 at all ~~~\r\n--b--\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void noSenderIsMissingContactPoint() {
    MailIntake.Rejected r = (MailIntake.Rejected) intake.process("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII),
        "box", "INBOX", Instant.EPOCH);
    assertEquals(Reasons.MISSING_CONTACT_POINT, r.reject().getReason());
    assertNull(r.reject().getMessageId());
  }
}
