package com.complaintflow.bench.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.bench.data.DataSet;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the intake benchmark sends is what the intake's API and mail parser expect. */
class IntakeDataTest {
  private final DataSet data = new DataSet(20, 3, 7L, Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void webBodiesAreJsonComplaintsWithTextAndAContactPoint() throws Exception {
    List<String> bodies = IntakeData.webBodies(data, 50);
    assertEquals(50, bodies.size());
    ObjectMapper json = new ObjectMapper();
    for (String body : bodies) {
      JsonNode n = json.readTree(body);
      assertFalse(n.path("text").asText().isBlank(), body);
      assertTrue(n.has("email") || n.has("phone") || n.has("accountId"), body);
      assertTrue(n.path("consent").path("dataProcessing").asBoolean(), body);
    }
  }

  @Test
  void emailsAreParseableMessagesWithIdsRepliesAndCharsets() throws Exception {
    List<byte[]> raw = IntakeData.emails(data, 60, "complaints@bench.example");
    assertEquals(60, raw.size());
    Session session = Session.getInstance(new Properties());
    Set<String> ids = new HashSet<>();
    int replies = 0;
    int multipart = 0;
    int cp1251 = 0;
    for (byte[] bytes : raw) {
      MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(bytes));
      String id = m.getMessageID();
      assertNotNull(id);
      assertTrue(id.startsWith("<") && id.endsWith("@mail.example>"), id);
      assertTrue(ids.add(id), "unique Message-ID " + id);
      assertNotNull(m.getFrom());
      assertEquals("complaints@bench.example", m.getAllRecipients()[0].toString());
      String[] inReplyTo = m.getHeader("In-Reply-To");
      if (inReplyTo != null) {
        replies++;
        assertTrue(ids.contains(inReplyTo[0]), "a reply names an earlier message: " + inReplyTo[0]);
      }
      Object content = m.getContent();
      String text;
      if (content instanceof Multipart mp) {
        multipart++;
        text = (String) mp.getBodyPart(0).getContent();
        if (mp.getBodyPart(0).getContentType().toLowerCase().contains("windows-1251")) {
          cp1251++;
          assertTrue(text.chars().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC),
              text);
        }
      } else {
        text = (String) content;
        if (m.getContentType().toLowerCase().contains("windows-1251")) {
          cp1251++;
          assertTrue(text.chars().anyMatch(c -> Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC),
              text);
        }
      }
      assertFalse(text.isBlank());
    }
    assertTrue(replies > 0, "some replies");
    assertTrue(multipart > 0 && multipart < 60, "text and text+HTML messages: " + multipart);
    assertTrue(cp1251 > 0, "some windows-1251 messages");
  }
}
