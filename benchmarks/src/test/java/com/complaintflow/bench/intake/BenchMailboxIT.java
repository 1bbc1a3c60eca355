package com.complaintflow.bench.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.bench.data.DataSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The e-mail intake's IMAP server (GreenMail with TCP_NODELAY) in this JVM: a filled mailbox holds
 * every message, the baseline's plain IMAP pass downloads and moves every one of them to
 * Processed (and says so when the count differs), and a new mailbox starts empty.
 */
class BenchMailboxIT {
  private final List<byte[]> raw = IntakeData.emails(new DataSet(50, 3, 11L, Instant.parse("2026-01-01T00:00:00Z")),
      40, "complaints@bench.example");

  @Test
  void theBaselineMovesEveryMessageToProcessed() throws Exception {
    try (BenchMailbox mailbox = BenchMailbox.start("pw-1")) {
      mailbox.use("baseline-r0");
      mailbox.fill(raw);
      assertEquals(40, mailbox.count("INBOX"));
      assertEquals(0, mailbox.count("Processed"));
      assertTrue(mailbox.plainFetchAndMove(40) > 0);
      assertEquals(0, mailbox.count("INBOX"));
      assertEquals(40, mailbox.count("Processed"));

      mailbox.use("complaints-r0");
      assertEquals("complaints-r0", mailbox.login());
      assertEquals(0, mailbox.count("INBOX"));
      mailbox.fill(raw.subList(0, 5));
      assertEquals(5, mailbox.count("INBOX"));
    }
  }

  @Test
  void aMissingMessageIsReported() throws Exception {
    try (BenchMailbox mailbox = BenchMailbox.start("pw-2")) {
      mailbox.use("baseline-r1");
      mailbox.fill(raw.subList(0, 3));
      assertThrows(IllegalStateException.class, () -> mailbox.plainFetchAndMove(4));
    }
  }
}
