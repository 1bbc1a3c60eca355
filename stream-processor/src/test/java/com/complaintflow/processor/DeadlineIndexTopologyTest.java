package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.complaintflow.processor.sla.DeadlineEntry;
import com.complaintflow.processor.sla.DeadlineIndex;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.ThreadRefs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deadline index holds one entry per open case, its next alert moment, and is written only
 * when that moment moves: counted on the index's changelog, as a restore would read it.
 */
class DeadlineIndexTopologyTest {
  private TopologyFixture f;

  @AfterEach
  void stop() throws Exception {
    if (f != null) {
      f.close();
    }
  }

  private TopologyFixture fixture(Map<String, Object> extra) throws Exception {
    Map<String, Object> values = new HashMap<>(SlaTopologyTest.BASE);
    values.putAll(extra);
    f = new TopologyFixture(values, null, null, TopologyFixture.T0, UnaryOperator.identity());
    return f;
  }

  private TestOutputTopic<byte[], byte[]> changelog() {
    return f.driver.createOutputTopic("cf-test-" + ComplaintFlowTopology.DEADLINE_STORE + "-changelog",
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private List<DeadlineIndex.Due> entries() {
    KeyValueStore<Bytes, DeadlineEntry> store =
        f.driver.getKeyValueStore(ComplaintFlowTopology.DEADLINE_STORE);
    List<DeadlineIndex.Due> out = new ArrayList<>();
    try (KeyValueIterator<Bytes, DeadlineEntry> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<Bytes, DeadlineEntry> kv = it.next();
        out.add(DeadlineIndex.parse(kv.key, kv.value));
      }
    }
    return out;
  }

  private static String number(String caseId) {
    return caseId.substring(caseId.lastIndexOf('/') + 1);
  }

  @Test
  void oneEntryPerCaseWrittenOnlyWhenItsNextMomentMoves() throws Exception {
    fixture(Map.of("sla.warnings", "none", "sla.unassigned.after", "30d"));
    TestOutputTopic<byte[], byte[]> changelog = changelog();
    SlaTopologyTest.agent(f, "ag-1", "service");
    Instant t = f.now();
    String id = SlaTopologyTest.open(f, "x@example.com", "оператор нагрубил");
    // opened and assigned: one entry, at the first-response breach (4 h); the assignment removed
    // the unassigned point (30 days) without moving the next moment, so nothing was rewritten
    List<DeadlineIndex.Due> entries = entries();
    assertEquals(1, entries.size(), entries.toString());
    assertEquals(id, entries.get(0).caseId());
    assertEquals(t.plus(Duration.ofHours(4)).toEpochMilli(), entries.get(0).atMillis());
    assertEquals(1, changelog.readRecordsToList().size());

    // the client writes again before the first response: the clocks change, the next moment not
    f.advance(Duration.ofMinutes(10));
    f.send(f.complaint(Channel.WEB, "x@example.com", null, null, "и ещё раз").setReceivedAt(f.now())
        .setThread(ThreadRefs.newBuilder().setCaseTag(number(id)).build()).build());
    assertEquals("FOLLOW_UP", f.events().get(0).getType().name());
    assertEquals(0, changelog.readRecordsToList().size(), "a follow-up that moves nothing writes nothing");

    // the first response moves it to the resolution breach (16 h): one delete, one put
    SlaTopologyTest.act(f, id, CaseActionType.RESPONDED);
    assertEquals(2, changelog.readRecordsToList().size());
    entries = entries();
    assertEquals(1, entries.size());
    assertEquals(t.plus(Duration.ofHours(16)).toEpochMilli(), entries.get(0).atMillis());

    // resolving removes it
    SlaTopologyTest.act(f, id, CaseActionType.RESOLVED);
    assertEquals(List.of(), entries());
  }

  @Test
  void aWarningSkippedBecauseItsDeadlinePassedIsRememberedNotReindexed() throws Exception {
    fixture(Map.of("sla.warnings", "50%", "sla.unassigned.after", "30d"));
    SlaTopologyTest.agent(f, "ag-1", "service");
    Instant t = f.now();
    String id = SlaTopologyTest.open(f, "x@example.com", "оператор нагрубил");
    // downtime: the first punctuation after the start comes 5 h later, past the warning (2 h)
    // and the breach (4 h) of the first response: the breach says it all
    assertEquals(List.of("SLA_BREACH FIRST_RESPONSE 1"), SlaTopologyTest.at(f, t, Duration.ofHours(5)));
    // the case's next moment is the level-2 escalation (6 h); the skipped warning is not back
    List<DeadlineIndex.Due> entries = entries();
    assertEquals(1, entries.size());
    assertEquals(t.plus(Duration.ofHours(6)).toEpochMilli(), entries.get(0).atMillis());
    // a change that reschedules the case (the client writes again) does not bring it back either
    f.send(f.complaint(Channel.WEB, "x@example.com", null, null, "ответьте").setReceivedAt(f.now())
        .setThread(ThreadRefs.newBuilder().setCaseTag(number(id)).build()).build());
    assertEquals(t.plus(Duration.ofHours(6)).toEpochMilli(), entries().get(0).atMillis());
    assertEquals(List.of(), SlaTopologyTest.at(f, t, Duration.ofHours(5).plusMinutes(1)));
    assertEquals(List.of("SLA_ESCALATION FIRST_RESPONSE 2"), SlaTopologyTest.at(f, t, Duration.ofHours(6)));
    assertEquals(id, entries().get(0).caseId());
  }
}
