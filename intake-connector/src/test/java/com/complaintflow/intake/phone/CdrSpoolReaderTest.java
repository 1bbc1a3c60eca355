package com.complaintflow.intake.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.normalize.PhoneNumbers;
import com.complaintflow.intake.publish.ComplaintSink;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.RejectedInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdrSpoolReaderTest {
  /** Records what was sent; acknowledges at once, or never when {@code ack} is false. */
  static final class RecordingSink implements ComplaintSink {
    final List<Complaint> complaints = new ArrayList<>();
    final List<RejectedInput> rejects = new ArrayList<>();
    boolean ack = true;

    @Override
    public CompletableFuture<Void> complaint(Complaint c) {
      complaints.add(c);
      return ack ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
    }

    @Override
    public CompletableFuture<Void> reject(RejectedInput r) {
      rejects.add(r);
      return ack ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private static final String LINE = "\"\",\"84951234567\",\"100\",\"complaints\",\"\",\"SIP/t-1\",\"\",\"Dial\",\"\","
      + "\"2025-03-01 12:00:00\",\"2025-03-01 12:00:05\",\"2025-03-01 12:03:00\",\"180\",\"175\",\"ANSWERED\","
      + "\"DOCUMENTATION\",\"1740819600.%d\",\"wants refund\"\n";

  @Test
  void fileIsMovedToDoneOnlyAfterEveryLineWasAcknowledged(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("Master-1.csv"), String.format(LINE, 1) + "garbage line\n" + String.format(LINE, 2),
        StandardCharsets.UTF_8);
    RecordingSink sink = new RecordingSink();
    Clock clock = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
    CdrSpoolReader reader = new CdrSpoolReader(dir, new AsteriskCdrParser(ZoneId.of("UTC")),
        new CallNormalizer(new PhoneNumbers("RU"), 1000), sink, clock, Duration.ofMillis(200));

    sink.ack = false;
    assertThrowsSinkUnavailable(reader);
    assertTrue(Files.exists(dir.resolve("Master-1.csv")), "not acknowledged: stays in the spool");

    sink.ack = true;
    sink.complaints.clear();
    sink.rejects.clear();
    assertEquals(1, reader.scan());
    assertFalse(Files.exists(dir.resolve("Master-1.csv")));
    assertTrue(Files.exists(dir.resolve("done").resolve("Master-1.csv")));
    assertEquals(2, sink.complaints.size());
    assertEquals("wants refund", sink.complaints.get(0).getBody());
    assertTrue(sink.complaints.get(0).getCall().getHasNotes());
    assertEquals(1, sink.rejects.size());
    assertEquals("malformed-csv", sink.rejects.get(0).getReason());
    assertEquals("2", sink.rejects.get(0).getAttributes().get("cdr.line"));
  }

  private static void assertThrowsSinkUnavailable(CdrSpoolReader reader) {
    try {
      reader.scan();
    } catch (com.complaintflow.intake.publish.SinkUnavailableException expected) {
      return;
    } catch (Exception e) {
      throw new AssertionError("unexpected " + e, e);
    }
    throw new AssertionError("scan should fail while Kafka does not acknowledge");
  }
}
