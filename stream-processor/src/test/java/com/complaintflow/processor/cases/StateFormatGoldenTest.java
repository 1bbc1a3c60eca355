package com.complaintflow.processor.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.complaintflow.processor.sla.ClockState;
import com.complaintflow.processor.sla.DeadlineEntry;
import com.complaintflow.processor.sla.DeadlineIndex;
import com.complaintflow.schemas.avro.CaseStatus;
import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Priority;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the binary formats of the case task's stores: a fully populated value must encode to the
 * bytes kept in {@code src/test/resources/golden/}, and those bytes must decode to the same
 * value. A change of layout fails here; it needs a new format version (the old one still read)
 * and a new golden file, never an edit of the old one. On a failure the encoding actually
 * produced is written to {@code target/golden-actual/} for inspection.
 */
class StateFormatGoldenTest {
  private static final HexFormat HEX = HexFormat.of();

  static CaseState sampleCase() {
    CaseState c = new CaseState();
    c.clientId = "C-1042";
    c.caseNumber = "CF-7003";
    c.caseId = CaseIds.caseId(c.clientId, c.caseNumber);
    c.provisionalClient = true;
    c.legal = true;
    c.repeat = true;
    c.tier = ClientTier.A;
    c.category = Category.BILLING;
    c.priority = Priority.URGENT;
    c.status = CaseStatus.PENDING_CUSTOMER;
    c.language = "ru";
    c.routedTeam = "billing";
    c.team = "billing";
    c.ownerId = "ag-7";
    c.coveringAgentId = "ag-9";
    c.sequence = 12;
    c.openedAt = 1_772_442_000_000L;
    c.firstResponseAt = 1_772_443_000_000L;
    c.lastResponseAt = 1_772_444_000_000L;
    c.pendingSince = 1_772_445_000_000L;
    c.channels = List.of("EMAIL", "PHONE");
    c.complaintCount = 3;
    c.followUpCount = 2;
    c.reopenCount = 1;
    ResolutionData r = new ResolutionData();
    r.rootCause = "double charge";
    r.compensationAmount = "150.00";
    r.currency = "RUB";
    c.resolution = r;
    c.satisfaction = 4;
    c.satisfactionComment = "ok";
    c.recentActionIds = List.of("a-1", "a-2");
    ClockState first = new ClockState();
    first.target = "FIRST_RESPONSE";
    first.budgetMillis = 14_400_000;
    first.usedMillis = 600_000;
    first.completedAtMillis = 1_772_443_000_000L;
    first.calendar = "moscow";
    first.dueAtMillis = 1_772_456_400_000L;
    ClockState resolution = new ClockState();
    resolution.target = "RESOLUTION";
    resolution.budgetMillis = 57_600_000;
    resolution.usedMillis = 3_000_000;
    resolution.runningSinceMillis = 1_772_446_000_000L;
    resolution.calendar = "moscow";
    c.sla.clocks.put(first.target, first);
    c.sla.clocks.put(resolution.target, resolution);
    ClockState pastNext = new ClockState();
    pastNext.target = "NEXT_RESPONSE";
    pastNext.budgetMillis = 7_200_000;
    pastNext.usedMillis = 7_300_000;
    pastNext.completedAtMillis = 1_772_450_000_000L;
    pastNext.calendar = "moscow";
    pastNext.cycle = 1;
    c.sla.pastNextResponses.add(pastNext);
    c.sla.nextResponseCycles = 1;
    c.sla.calendar = "moscow";
    c.sla.indexedAt = 1_772_500_000_000L;
    c.sla.marks.add(0x1234_5678_9abc_def0L);
    c.sla.marks.add(-2L);
    c.sla.scheduled.put("RESOLUTION:L1:1", 1_772_600_000_000L);
    return c;
  }

  static ClientState sampleClient() {
    ClientState c = new ClientState();
    c.clientId = "C-1042";
    c.ownerId = "ag-7";
    c.ownerTeam = "billing";
    c.lastCaseEndedAt = 1_772_400_000_000L;
    c.pendingCaseId = "C-1042/CF-8003";
    c.waitingCaseIds.add("C-1042/CF-9003");
    for (String n : List.of("CF-7003", "CF-8003")) {
      ClientState.CaseRef r = new ClientState.CaseRef();
      r.caseNumber = n;
      r.caseId = CaseIds.caseId(c.clientId, n);
      r.category = Category.BILLING;
      r.openedAt = 1_772_442_000_000L;
      r.open = n.equals("CF-8003");
      r.endedAt = r.open ? null : 1_772_443_000_000L;
      c.cases.add(r);
    }
    c.abandonedCalls.add(1_772_441_000_000L);
    return c;
  }

  @Test
  void caseStateFormat1() throws IOException {
    CaseStateSerde serde = new CaseStateSerde();
    byte[] golden = golden("case-state-v1.hex", serde.encode(sampleCase()));
    assertEquals(HEX.formatHex(golden), HEX.formatHex(serde.encode(sampleCase())));
    CaseState back = serde.decode(golden);
    assertEquals(HEX.formatHex(golden), HEX.formatHex(serde.encode(back)));
    assertEquals("C-1042/CF-7003", back.caseId);
    assertEquals(CaseStatus.PENDING_CUSTOMER, back.status);
    assertEquals(List.of("EMAIL", "PHONE"), back.channels);
    assertEquals(List.of(0x1234_5678_9abc_def0L, -2L), back.sla.marks);
    assertEquals(1_772_500_000_000L, back.sla.indexedAt);
    assertEquals("150.00", back.resolution.compensationAmount);
  }

  @Test
  void clientStateFormat1() throws IOException {
    ClientStateSerde serde = new ClientStateSerde();
    byte[] golden = golden("client-state-v1.hex", serde.encode(sampleClient()));
    assertEquals(HEX.formatHex(golden), HEX.formatHex(serde.encode(sampleClient())));
    ClientState back = serde.decode(golden);
    assertEquals(HEX.formatHex(golden), HEX.formatHex(serde.encode(back)));
    assertEquals("C-1042/CF-8003", back.cases.get(1).caseId);
    assertEquals(true, back.cases.get(1).open);
  }

  @Test
  void deadlineEntryFormat1() throws IOException {
    byte[] key = DeadlineIndex.key(1_772_500_000_000L, "C-1042/CF-7003").get();
    byte[] value = new DeadlineEntry.Serde().serializer().serialize("t", DeadlineEntry.MARKER);
    byte[] both = new byte[key.length + value.length];
    System.arraycopy(key, 0, both, 0, key.length);
    System.arraycopy(value, 0, both, key.length, value.length);
    byte[] golden = golden("deadline-entry-v1.hex", both);
    assertEquals(HEX.formatHex(golden), HEX.formatHex(both));
    DeadlineIndex.Due due = DeadlineIndex.parse(org.apache.kafka.common.utils.Bytes.wrap(key),
        new DeadlineEntry.Serde().deserializer().deserialize("t", value));
    assertEquals(new DeadlineIndex.Due(1_772_500_000_000L, "C-1042/CF-7003",
        org.apache.kafka.common.utils.Bytes.wrap(key), null), due);
  }

  @Test
  void thePreviousReleasesJsonIsStillRead() {
    String json = "{\"caseId\":\"C-1/CF-1000\",\"caseNumber\":\"CF-1000\",\"clientId\":\"C-1\","
        + "\"status\":\"OPEN\",\"complaintIds\":[\"x\"],\"messageIds\":[\"m@x\"],"
        + "\"sla\":{\"scheduled\":{\"FIRST_RESPONSE:L1:1\":5},"
        + "\"alertIds\":[\"8c4c8f90-2329-31cf-82d8-0fe97c715e60\"]}}";
    CaseState c = new CaseStateSerde().decode(json.getBytes(StandardCharsets.UTF_8));
    assertEquals("C-1/CF-1000", c.caseId);
    assertEquals(List.of(0x8c4c8f90_2329_31cfL), c.sla.marks);
    assertEquals(true, c.sla.marked("8c4c8f90-2329-31cf-82d8-0fe97c715e60"));
    assertEquals(5L, c.sla.scheduled.get("FIRST_RESPONSE:L1:1"));
  }

  /** The golden bytes; when the file is missing the test fails and writes what it would hold. */
  private static byte[] golden(String name, byte[] actual) throws IOException {
    try (InputStream in = StateFormatGoldenTest.class.getResourceAsStream("/golden/" + name)) {
      if (in == null || !java.util.Arrays.equals(actual, HEX.parseHex(
          new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip()))) {
        Path out = Path.of("target", "golden-actual", name);
        Files.createDirectories(out.getParent());
        Files.writeString(out, HEX.formatHex(actual) + "\n");
      }
    }
    try (InputStream in = StateFormatGoldenTest.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new AssertionError("no golden file " + name + "; the current encoding is in target/golden-actual/");
      }
      return HEX.parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
    }
  }
}
