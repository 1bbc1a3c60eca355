package com.complaintflow.intake.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.complaintflow.intake.normalize.Reasons;
import com.complaintflow.intake.normalize.Rejects;
import com.complaintflow.intake.testing.SharedFixtures;
import com.complaintflow.schemas.avro.Attachment;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every real-world message in ../shared/fixtures/email becomes a Complaint or a reject with a
 * reason, and what we decode agrees with CPython's email package (expected_python_email.jsonl).
 * Where we disagree, {@link #DISAGREEMENTS} pins our value and says why it is the right one.
 */
class EmailFixturesTest {
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  /** Messages that are not complaints, with the reason we give. */
  private static final Map<String, String> EXPECTED_REJECTS = Map.ofEntries(
      // delivery reports, read receipts and abuse reports are machine-generated (multipart/report)
      Map.entry("enmime__multipart_without_boundary.eml", Reasons.AUTO_GENERATED),
      Map.entry("flanker__arf_feedback_report_aol.eml", Reasons.AUTO_GENERATED),
      Map.entry("flanker__bounce_mailbox_full.eml", Reasons.AUTO_GENERATED),
      Map.entry("flanker__read_receipt_mdn.eml", Reasons.AUTO_GENERATED),
      Map.entry("rubymail__bounce_dsn.eml", Reasons.AUTO_GENERATED),
      // Outlook read receipt: subject "Read: ..." in a TNEF envelope
      Map.entry("zbateson__ms_tnef_winmail.eml", Reasons.AUTO_GENERATED),
      // no From, Sender or Reply-To: nobody to answer (python's from_ is empty too)
      Map.entry("mime4j__koi8r_encoded_filename_param.eml", Reasons.MISSING_CONTACT_POINT),
      Map.entry("mime4j__weird_boundary.eml", Reasons.MISSING_CONTACT_POINT),
      Map.entry("stalwart__bogus_cte_values.eml", Reasons.MISSING_CONTACT_POINT));

  /** A field where we knowingly differ from CPython: our value, and why it is right. */
  record Disagreement(String field, String ours, String why) {}

  private static final Map<String, List<Disagreement>> DISAGREEMENTS = Map.of(
      "enmime__incorrect_charset.eml", List.of(new Disagreement("body",
          "Mathematics and sciences: ∮ E⋅da = Q",
          "the part says charset=us-ascii but its bytes are valid UTF-8 (E2 88 AE is U+222E); python "
              + "decodes by the label and prints U+FFFD, we detect the lying label")),
      "imaptools__rfc6532_raw_utf8_headers.eml", List.of(
          new Disagreement("subject", "Säying Hello",
              "RFC 6532 allows raw UTF-8 in headers; C3 A4 is ä. python's compat32 policy keeps surrogates"),
          new Disagreement("from", "jdöe@mächine.example",
              "RFC 6532 UTF-8 address (C3 B6 = ö, C3 A4 = ä)")),
      "rubymail__attachment_pdf_base64.eml", List.of(new Disagreement("subject",
          "Another PDF with 🎉 Unicode chars in it 🍿",
          "the raw 8-bit subject bytes are valid UTF-8 (F0 9F 8E 89 = U+1F389)")),
      "imaptools__forwarded_rfc822.eml", List.of(new Disagreement("body", "Новый заказ №28922",
          "the outer text/plain part is empty and the complaint is the forwarded message/rfc822; "
              + "python reports the empty outer part")),
      "imaptools__reply_fwd_8bit_header.eml", List.of(new Disagreement("body", "Новый заказ №28922",
          "the outer text/plain part is empty and the complaint is the forwarded message/rfc822")),
      "flanker__outlook_express_8bit_header.eml", List.of(new Disagreement("attachments", "�½� �ı��ĵ�.txt",
          "the raw name bytes EF BF BD C2 BD EF BF BD ... are valid UTF-8: literal U+FFFD, '½', 'ı', 'ĵ'; "
              + "python prints each byte as a surrogate")),
      "rubymail__attachment_nonascii_filename.eml", List.of(new Disagreement("attachments", "ciële.txt",
          "raw 8-bit name C3 AB is UTF-8 'ë'")));

  private final MailParser parser = new MailParser(20_000);
  private final MailIntake intake = new MailIntake(parser,
      new EmailNormalizer(Pattern.compile("\\[(CF-\\d+)\\]"), 20_000), new Rejects(Clock.fixed(NOW, ZoneOffset.UTC)));

  @TestFactory
  Stream<DynamicTest> everyFixtureBecomesAComplaintOrAReasonedReject() throws Exception {
    Path dir = SharedFixtures.emailDir();
    Map<String, JsonNode> expected = expected(dir);
    assertEquals(35, expected.size(), "expected_python_email.jsonl lists 35 messages");
    return expected.keySet().stream().sorted().map(file -> DynamicTest.dynamicTest(file, () -> {
      byte[] raw = Files.readAllBytes(dir.resolve(file));
      JsonNode py = expected.get(file);
      MailIntake.Outcome outcome = intake.process(raw, "fixtures", "INBOX", NOW);
      ParsedMail mail = parser.parse(raw);
      List<Disagreement> ours = DISAGREEMENTS.getOrDefault(file, List.of());

      checkField(file, "subject", norm(text(py, "subject")), norm(mail.subject()), ours);
      String pyFrom = text(py, "from_addr");
      checkField(file, "from", pyFrom == null || pyFrom.isEmpty() ? null : pyFrom.toLowerCase(Locale.ROOT),
          mail.fromAddress(), ours);

      String expectedReject = EXPECTED_REJECTS.get(file);
      if (expectedReject != null) {
        MailIntake.Rejected r = assertInstanceOf(MailIntake.Rejected.class, outcome, file);
        assertEquals(expectedReject, r.reject().getReason(), file + ": " + r.reject().getDetail());
        assertEquals(Channel.EMAIL, r.reject().getChannel());
        assertEquals("fixtures", r.reject().getMailbox());
        assertNotNull(r.reject().getSourceId(), "a reject names its source");
        if (expectedReject.equals(Reasons.AUTO_GENERATED)) {
          return; // the body of a machine-generated message is not read
        }
      } else {
        MailIntake.Accepted a = assertInstanceOf(MailIntake.Accepted.class, outcome, file);
        Complaint c = a.complaint();
        assertEquals(Channel.EMAIL, c.getChannel());
        assertEquals(c.getContact().getEmail(), c.getClientKey());
        assertEquals(text(py, "message_id") == null ? null : text(py, "message_id").strip(), c.getThread().getMessageId());
      }
      checkBody(file, py, mail.body(), ours);
      checkAttachments(file, py, mail.attachments(), ours);
    }));
  }

  @Test
  void sameMessageTwiceYieldsTheSameComplaintId() throws Exception {
    Path dir = SharedFixtures.emailDir();
    byte[] raw = Files.readAllBytes(dir.resolve("imaptools__plain_reply.eml"));
    Complaint first = ((MailIntake.Accepted) intake.process(raw, "a", "INBOX", NOW)).complaint();
    Complaint second = ((MailIntake.Accepted) intake.process(raw, "a", "INBOX", NOW.plusSeconds(60))).complaint();
    assertEquals(first.getComplaintId(), second.getComplaintId());
  }

  @Test
  void messageWithoutMessageIdGetsAStableIdFromItsBytes() throws Exception {
    Path dir = SharedFixtures.emailDir();
    byte[] raw = Files.readAllBytes(dir.resolve("enmime__non_mime_html.eml"));
    Complaint c = ((MailIntake.Accepted) intake.process(raw, "a", "INBOX", NOW)).complaint();
    assertTrue(c.getSourceId().startsWith("sha256:"), c.getSourceId());
    assertEquals(c.getComplaintId(), ((MailIntake.Accepted) intake.process(raw, "a", "INBOX", NOW)).complaint().getComplaintId());
  }

  private static void checkField(String file, String field, String python, String ours, List<Disagreement> overrides) {
    for (Disagreement d : overrides) {
      if (d.field().equals(field)) {
        assertEquals(d.ours(), ours, file + " " + field + " (we differ from python because " + d.why() + ")");
        return;
      }
    }
    assertEquals(python, ours, file + " " + field);
  }

  private static void checkBody(String file, JsonNode py, String body, List<Disagreement> overrides) {
    for (Disagreement d : overrides) {
      if (d.field().equals("body")) {
        assertTrue(norm(body).contains(d.ours()), file + " body should contain '" + d.ours() + "' because " + d.why()
            + "; was: " + norm(body));
        return;
      }
    }
    String pyBody = text(py, "body_start");
    if (pyBody == null || pyBody.isEmpty()) {
      return; // python found no text part (attachment-only messages); nothing to compare
    }
    if ("text/html".equals(text(py, "body_part"))) {
      // We deliver text, not markup: compare with the text of python's HTML excerpt.
      pyBody = Jsoup.parse(pyBody).body().text(); // the <title> is not part of the text people read
    }
    String want = norm(pyBody);
    want = want.substring(0, Math.min(want.length(), 60));
    if (want.isEmpty()) {
      return;
    }
    assertTrue(norm(body).startsWith(want), file + " body should start with '" + want + "' but was '"
        + norm(body).substring(0, Math.min(norm(body).length(), 120)) + "'");
  }

  private static void checkAttachments(String file, JsonNode py, List<Attachment> ours, List<Disagreement> overrides) {
    List<String> names = new ArrayList<>();
    for (Attachment a : ours) {
      assertTrue(a.getSizeBytes() >= 0);
      if (!a.getMediaType().equals("message/rfc822")) { // python does not count forwarded messages
        names.add(a.getFileName());
      }
    }
    for (Disagreement d : overrides) {
      if (d.field().equals("attachments")) {
        assertEquals(List.of(d.ours()), names, file + " attachments, because " + d.why());
        return;
      }
    }
    List<String> pyNames = new ArrayList<>();
    py.path("attachments").forEach(n -> pyNames.add(n.asText()));
    assertEquals(pyNames, names, file + " attachments");
  }

  private static <T> T assertInstanceOf(Class<T> type, Object o, String file) {
    if (!type.isInstance(o)) {
      fail(file + ": expected " + type.getSimpleName() + " but was " + o);
    }
    return type.cast(o);
  }

  private static String norm(String s) {
    return s == null ? null : s.replaceAll("\\s+", " ").strip();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNull() || v.isMissingNode() ? null : v.asText();
  }

  private static Map<String, JsonNode> expected(Path dir) throws Exception {
    Map<String, JsonNode> out = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(dir.resolve("expected_python_email.jsonl"))) {
      if (!line.isBlank()) {
        JsonNode n = json.readTree(line);
        out.put(n.get("file").asText(), n);
      }
    }
    return out;
  }
}
