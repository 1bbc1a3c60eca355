package com.complaintflow.processor.owners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.complaintflow.processor.serde.StateSerde;
import com.complaintflow.schemas.avro.AgentStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Pins the binary layouts of the dispatcher's stores (golden bytes in
 * src/test/resources/golden/dispatcher, hex; '#' lines are comments) and checks that the JSON the
 * previous release wrote into the same stores is still read.
 */
class DispatcherStoreFormatsTest {
  private static final long QUEUED_AT = 1772442000000L; // 2026-03-02T09:00:00Z

  @Test
  void loadEntry() throws IOException {
    golden("load-entry-v1.hex", new LoadValue.Serde(), new LoadEntry("C-1042"));
  }

  @Test
  void teamState() throws IOException {
    golden("team-state-v1.hex", new TeamState.Serde(), new TeamState("service", 7, "ag-1"));
    TeamState.Serde serde = new TeamState.Serde();
    TeamState fresh = TeamState.fresh("billing");
    assertEquals(fresh, serde.decode(serde.encode(fresh)));
  }

  @Test
  void queuedCaseAndPointer() throws IOException {
    golden("queued-case-v1.hex", new QueuedCase.Serde(),
        new QueuedCase("C-1042/CF-7003", "C-1042", "BILLING", "ru", QUEUED_AT));
    golden("queue-pointer-v1.hex", new QueuedCase.Serde(),
        QueuedCase.pointer("q|service|0000000000000000007"));
  }

  @Test
  void agentSnapshot() throws IOException {
    golden("agent-snapshot-v1.hex", new AgentSnapshot.Serde(),
        new AgentSnapshot("service", AgentStatus.AWAY, 5, "ag-d"));
  }

  @Test
  void previousReleaseJsonIsRead() {
    LoadValue load = new LoadValue.Serde().decode(json(
        "{\"agentId\":\"ag-1\",\"team\":\"service\",\"cases\":{\"C-1042/CF-7003\":\"C-1042\",\"C-7/CF-1\":\"C-7\"}}"));
    AgentLoad doc = (AgentLoad) load;
    assertEquals("service", doc.team);
    assertEquals(Map.of("C-1042/CF-7003", "C-1042", "C-7/CF-1", "C-7"), doc.cases);

    assertEquals(new TeamState("service", 7, "ag-1"), new TeamState.Serde().decode(json(
        "{\"team\":\"service\",\"nextQueueSequence\":7,\"lastAssignedAgentId\":\"ag-1\"}")));
    assertEquals(new TeamState("billing", 0, null), new TeamState.Serde().decode(json(
        "{\"team\":\"billing\",\"nextQueueSequence\":0}")));
    assertEquals(new QueuedCase("C-1042/CF-7003", "C-1042", "BILLING", "ru", QUEUED_AT),
        new QueuedCase.Serde().decode(json("{\"caseId\":\"C-1042/CF-7003\",\"clientId\":\"C-1042\","
            + "\"category\":\"BILLING\",\"language\":\"ru\",\"queuedAt\":1772442000000}")));
    assertEquals(QueuedCase.pointer("q|service|0000000000000000007"), new QueuedCase.Serde().decode(
        json("{\"caseId\":\"q|service|0000000000000000007\",\"queuedAt\":0}")));
    assertEquals(new AgentSnapshot("service", AgentStatus.AWAY, 5, "ag-d"),
        new AgentSnapshot.Serde().decode(json("{\"agentId\":\"ag-1\",\"team\":\"service\","
            + "\"status\":\"AWAY\",\"capacity\":5,\"deputyId\":\"ag-d\"}")));
    assertEquals(AgentStatus.OFFLINE, new AgentSnapshot.Serde().decode(json(
        "{\"agentId\":\"ag-1\",\"team\":\"service\",\"status\":\"ON_MARS\",\"capacity\":5}")).status());
  }

  @Test
  void previousReleaseDocumentsAreNeverWrittenAndUnknownVersionsAreRefused() {
    assertThrows(SerializationException.class, () -> new LoadValue.Serde().encode(new AgentLoad()));
    assertThrows(SerializationException.class, () -> new TeamState.Serde().decode(new byte[] {9, 0}));
  }

  private static <T> void golden(String file, StateSerde<T> serde, T value) throws IOException {
    String path = "/golden/dispatcher/" + file;
    String expected;
    try (InputStream in = DispatcherStoreFormatsTest.class.getResourceAsStream(path)) {
      assertNotNull(in, "missing " + path + "; the current bytes are "
          + HexFormat.of().formatHex(serde.encode(value)));
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.startsWith("#")).map(String::strip).collect(Collectors.joining());
    }
    assertEquals(expected, HexFormat.of().formatHex(serde.encode(value)), file);
    assertEquals(value, serde.decode(HexFormat.of().parseHex(expected)), file);
  }

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
