package com.complaintflow.processor;

import static com.complaintflow.processor.CasesTopologyTest.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.processor.cases.CaseNumberIndex;
import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Case actions that name their case only by number (what agent desktops know), on the full topology. */
class CaseNumberActionsTopologyTest {
  private TopologyFixture f;

  @AfterEach
  void stop() throws Exception {
    if (f != null) {
      f.close();
    }
  }

  private CaseEvent open(String email) {
    f.send(f.complaint(Channel.WEB, email, null, null, "оператор нагрубил").build());
    return f.events().get(0);
  }

  /** An action as the intake now produces it: keyed by the case number, no case id. */
  private CaseAction byNumber(String caseNumber, CaseActionType type, String actor) {
    return f.action("", type, actor).setCaseNumber(caseNumber).build();
  }

  private void actByNumber(CaseAction a) {
    f.actions.pipeInput(a.getCaseNumber(), a, a.getAt());
  }

  @Test
  void anActionByNumberSentRightAfterTheComplaintIsApplied() throws Exception {
    f = new TopologyFixture();
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, null);
    f.agent("ag-2", "billing", 5, AgentStatus.AVAILABLE, null);
    CaseEvent opened = open("x@example.com");
    actByNumber(f.action("", CaseActionType.REASSIGN, "lead").setCaseNumber(opened.getCaseNumber())
        .setTargetAgentId("ag-2").build());
    List<CaseEvent> events = f.events();
    assertEquals(List.of("REASSIGNED OPEN owner=ag-2 team=billing seq=3"), summary(events));
    assertEquals(opened.getCaseId(), events.get(0).getCaseId());
    assertEquals(opened.getCaseNumber(), events.get(0).getCaseNumber());
    assertTrue(f.actionRejects.isEmpty());

    // the number may also come only as the record key; a resend is still a duplicate
    CaseAction responded = f.action("", CaseActionType.RESPONDED, "ag-2").build();
    f.actions.pipeInput(opened.getCaseNumber(), responded, responded.getAt());
    f.actions.pipeInput(opened.getCaseNumber(), responded, responded.getAt());
    assertEquals(List.of("RESPONDED OPEN owner=ag-2 team=billing seq=4"), summary(f.events()));
    assertEquals("duplicate-action", f.actionRejects.readValue().getReason());
  }

  @Test
  void anUnknownNumberIsRejectedAsUnknownCaseAndNeverDropped() throws Exception {
    f = new TopologyFixture();
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, null);
    CaseEvent opened = open("x@example.com");
    long n = Long.parseLong(opened.getCaseNumber().substring(3));
    List<String> numbers = List.of(
        "CF-" + (n + 1000),   // this partition, not allocated yet
        "CF-" + (n + 999),    // a partition that does not exist: any partition, still rejected
        "CF-0" + n,           // not a number as the processor writes them
        "CF-");               // no number at all
    for (String number : numbers) {
      actByNumber(byNumber(number, CaseActionType.RESPONDED, "ag-1"));
    }
    List<TestRecord<String, com.complaintflow.schemas.avro.RejectedInput>> rejects =
        f.actionRejects.readRecordsToList();
    assertEquals(numbers.size(), rejects.size());
    assertEquals(List.of("unknown-case", "unknown-case", "unknown-case", "unknown-case"),
        rejects.stream().map(r -> r.value().getReason()).toList());
    assertEquals("CF-" + (n + 1000), rejects.get(0).key(), "keyed by the number it named");
    assertEquals("no case numbered CF-" + (n + 1000), rejects.get(0).value().getDetail());
    assertEquals(f.catalog.caseActions().name(), rejects.get(0).value().getTopic());
    assertEquals(List.of(), f.events(), "nothing applied");
  }

  @Test
  void casesOpenedBeforeTheIndexExistedAreFoundOnceAfterTheUpgrade() throws Exception {
    f = new TopologyFixture();
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, null);
    CaseEvent first = open("x@example.com");
    f.send(f.complaint(Channel.WEB, "y@example.com", null, null, "оператор не перезвонил").build());
    CaseEvent second = f.events().get(0);
    // the previous release kept no index: an empty store, as after the upgrade
    KeyValueStore<String, String> index = f.driver.getKeyValueStore(ComplaintFlowTopology.CASE_NUMBER_INDEX_STORE);
    List<String> keys = new ArrayList<>();
    try (var it = index.all()) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    // the task started without cases, so it is marked as having nothing to walk
    assertEquals(List.of(first.getCaseNumber(), second.getCaseNumber(), CaseNumberIndex.BACKFILLED_KEY),
        keys.stream().sorted().toList());
    keys.forEach(index::delete);

    // a new case opened after the upgrade has its entry at once
    f.send(f.complaint(Channel.WEB, "z@example.com", null, null, "оператор бросил трубку").build());
    CaseEvent third = f.events().get(0);
    actByNumber(byNumber(third.getCaseNumber(), CaseActionType.RESPONDED, "ag-1"));
    assertEquals(List.of("RESPONDED " + third.getCaseId()), typesAndIds(f.events()));

    // old cases: held back until the walk of the case store (a wall-clock step) has entered them,
    // then applied in the order they came
    actByNumber(byNumber(second.getCaseNumber(), CaseActionType.RESPONDED, "ag-1"));
    actByNumber(byNumber(first.getCaseNumber(), CaseActionType.RESOLVED, "ag-1"));
    actByNumber(byNumber(second.getCaseNumber(), CaseActionType.RESOLVED, "ag-1"));
    actByNumber(byNumber("CF-999000", CaseActionType.RESOLVED, "ag-1"));
    assertEquals(List.of(), f.events(), "held while the index is incomplete");
    f.advance(Duration.ofMillis(200));
    List<String> applied = typesAndIds(f.events());
    assertEquals(List.of("RESOLVED " + first.getCaseId()),
        applied.stream().filter(l -> l.endsWith(first.getCaseId())).toList());
    assertEquals(List.of("RESPONDED " + second.getCaseId(), "RESOLVED " + second.getCaseId()),
        applied.stream().filter(l -> l.endsWith(second.getCaseId())).toList());
    assertEquals(3, applied.size());
    List<TestRecord<String, com.complaintflow.schemas.avro.RejectedInput>> rejects = f.actionRejects.readRecordsToList();
    assertEquals(1, rejects.size(), "only the unknown number, once the walk is complete");
    assertEquals("CF-999000", rejects.get(0).key());
    assertEquals("unknown-case", rejects.get(0).value().getReason());
    assertEquals(f.catalog.caseActions().name(), rejects.get(0).value().getTopic(), "a held action keeps its source");
    assertEquals(first.getClientId(), index.get(first.getCaseNumber()));
    assertNotNull(index.get(CaseNumberIndex.BACKFILLED_KEY));
    KeyValueStore<String, Object> held = f.driver.getKeyValueStore(ComplaintFlowTopology.CASE_NUMBER_PENDING_STORE);
    try (var it = held.all()) {
      assertTrue(!it.hasNext(), "nothing left held");
    }
  }

  private static List<String> typesAndIds(List<CaseEvent> events) {
    return events.stream().map(e -> e.getType() + " " + e.getCaseId()).toList();
  }

  @Test
  void aCaseForgottenByTheHistoryLimitLeavesTheIndexToo() throws Exception {
    f = new TopologyFixture(Map.of("client.history.max.cases", 1));
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, null);
    CaseEvent first = open("x@example.com");
    actByNumber(byNumber(first.getCaseNumber(), CaseActionType.RESOLVED, "ag-1"));
    f.events();
    f.send(f.complaint(Channel.WEB, "x@example.com", null, null, "снова оператор").build());
    CaseEvent second = f.events().get(0);
    KeyValueStore<String, String> index = f.driver.getKeyValueStore(ComplaintFlowTopology.CASE_NUMBER_INDEX_STORE);
    assertNull(index.get(first.getCaseNumber()));
    assertEquals(second.getClientId(), index.get(second.getCaseNumber()));
    actByNumber(byNumber(first.getCaseNumber(), CaseActionType.REOPENED, "crm"));
    assertEquals("unknown-case", f.actionRejects.readValue().getReason());
  }

  @Test
  void anActionByCaseIdStillWorksAndWinsOverItsNumber() throws Exception {
    f = new TopologyFixture();
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, null);
    CaseEvent opened = open("x@example.com");
    // key = case id, value with an empty case id (a CRM producing by key only)
    CaseAction keyOnly = f.action("", CaseActionType.RESPONDED, "ag-1").build();
    f.actions.pipeInput(opened.getCaseId(), keyOnly, keyOnly.getAt());
    // the id names the case even when the number beside it is wrong
    CaseAction both = f.action(opened.getCaseId(), CaseActionType.PENDING_CUSTOMER, "ag-1")
        .setCaseNumber("CF-999999").build();
    f.act(both);
    assertEquals(List.of("RESPONDED", "PENDING_CUSTOMER"),
        f.events().stream().map(e -> e.getType().name()).toList());
    assertTrue(f.actionRejects.isEmpty());
  }
}
