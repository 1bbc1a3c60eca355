package com.complaintflow.processor;

import static com.complaintflow.processor.CasesTopologyTest.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.CompensationType;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.avro.Resolution;
import com.complaintflow.schemas.avro.ResolvedCase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Owner selection, queueing, deputies, the case lifecycle, rejected actions, resolved cases. */
class OwnersAndActionsTopologyTest {
  private TopologyFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new TopologyFixture();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  private String open(String email) {
    f.send(f.complaint(Channel.WEB, email, null, null, "оператор нагрубил").build());
    return f.events().get(0).getCaseId();
  }

  @Test
  void leastLoadedAgentRoundRobinAndTheSecondComplaintGoesToTheSameOwner() {
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, null);
    f.agent("ag-2", "service", 5, AgentStatus.AVAILABLE, null);
    f.send(f.complaint(Channel.WEB, "x@example.com", null, null, "оператор нагрубил").build());
    f.send(f.complaint(Channel.WEB, "y@example.com", null, null, "оператор нагрубил").build());
    f.send(f.complaint(Channel.WEB, "z@example.com", null, null, "оператор нагрубил").build());
    f.send(f.complaint(Channel.PHONE, "x@example.com", null, null, "опять грубый оператор").build());
    List<String> owners = f.events().stream().filter(e -> e.getType().name().equals("ASSIGNED"))
        .map(e -> e.getClientId().substring(0, 4) + ":" + e.getOwnerId()).toList();
    // x -> ag-1, y -> ag-2 (least loaded), z -> ag-1 (tie, round-robin), x again -> ag-1 (affinity)
    assertEquals(4, owners.size());
    assertEquals("ag-1", owners.get(0).split(":")[1]);
    assertEquals("ag-2", owners.get(1).split(":")[1]);
    assertEquals("ag-1", owners.get(2).split(":")[1]);
    assertEquals(owners.get(0), owners.get(3));
  }

  @Test
  void affinityMayExceedCapacityAndSaysSo() {
    f.agent("ag-1", "service", 1, AgentStatus.AVAILABLE, null);
    f.agent("ag-2", "service", 5, AgentStatus.AVAILABLE, null);
    open("x@example.com");
    f.send(f.complaint(Channel.WEB, "x@example.com", null, null, "и ещё оператор").build());
    List<CaseEvent> events = f.events();
    CaseEvent assigned = events.get(events.size() - 1);
    assertEquals("ASSIGNED", assigned.getType().name());
    assertEquals("ag-1", assigned.getOwnerId());
    assertTrue(assigned.getAffinityOverCapacity());
  }

  @Test
  void anAwayOwnerKeepsTheCaseAndTheDeputyCovers() {
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, "ag-d");
    f.agent("ag-d", "service", 5, AgentStatus.AVAILABLE, null);
    String first = open("x@example.com");
    // ag-1 goes on holiday: the wall-clock check names the deputy on the open case
    f.agent("ag-1", "service", 5, AgentStatus.AWAY, "ag-d");
    f.driver.advanceWallClockTime(Duration.ofSeconds(2));
    assertEquals(List.of("COVERING_CHANGED OPEN owner=ag-1 team=service seq=3"), summary(f.cases.readValuesToList()));
    // the client writes again: still ag-1's case, ag-d covering
    f.send(f.complaint(Channel.WEB, "x@example.com", null, null, "где ответ оператора").build());
    List<CaseEvent> events = f.events();
    CaseEvent assigned = events.get(events.size() - 1);
    assertEquals("ag-1", assigned.getOwnerId());
    assertEquals("ag-d", assigned.getCoveringAgentId());
    // back from holiday: covering cleared
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, "ag-d");
    f.driver.advanceWallClockTime(Duration.ofSeconds(2));
    List<CaseEvent> back = f.events();
    assertEquals(2, back.size());
    back.forEach(e -> assertNull(e.getCoveringAgentId()));
    assertTrue(back.stream().anyMatch(e -> e.getCaseId().equals(first)));
  }

  @Test
  void queuedThenAssignedWhenAnAgentComesOnlineOrCapacityFrees() {
    f.agent("ag-1", "service", 1, AgentStatus.OFFLINE, null);
    f.send(f.complaint(Channel.WEB, "a@example.com", null, null, "оператор нагрубил").build());
    List<CaseEvent> queued = f.events();
    String a = queued.get(0).getCaseId();
    assertEquals(List.of("OPENED QUEUED owner=null team=service seq=1",
        "QUEUED QUEUED owner=null team=service seq=2"), summary(queued));
    f.send(f.complaint(Channel.WEB, "b@example.com", null, null, "оператор").build());
    String b = f.events().get(0).getCaseId();

    f.agent("ag-1", "service", 1, AgentStatus.AVAILABLE, null);
    f.driver.advanceWallClockTime(Duration.ofSeconds(2));
    List<CaseEvent> assigned = f.events();
    assertEquals(1, assigned.size(), "capacity 1: only the oldest is assigned");
    assertEquals(a, assigned.get(0).getCaseId());
    assertEquals("ASSIGNED OPEN owner=ag-1 team=service seq=3", summary(assigned).get(0));

    f.act(f.action(a, CaseActionType.RESOLVED, "ag-1").build());
    List<CaseEvent> after = f.events();
    assertEquals("RESOLVED", after.get(0).getType().name());
    assertEquals(b, after.get(1).getCaseId());
    assertEquals("ASSIGNED", after.get(1).getType().name());
    assertEquals("ag-1", after.get(1).getOwnerId());
  }

  @Test
  void lifecycleToResolvedAndClosedEmitsResolvedCases() {
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, null);
    String id = open("x@example.com");
    f.act(f.action(id, CaseActionType.RESPONDED, "ag-1").setNote("called back").build());
    f.act(f.action(id, CaseActionType.PENDING_CUSTOMER, "ag-1").build());
    f.act(f.action(id, CaseActionType.CUSTOMER_REPLIED, "crm").build());
    f.act(f.action(id, CaseActionType.RESOLVED, "ag-1").setResolution(Resolution.newBuilder()
        .setRootCause("training").setSummary("apology and refund")
        .setCompensationType(CompensationType.REFUND)
        .setCompensationAmount(new BigDecimal("1500.00")).setCurrency("RUB").build()).build());
    f.act(f.action(id, CaseActionType.CLOSED, "crm").setSatisfaction(4).setSatisfactionComment("ok").build());
    assertEquals(List.of(
        "RESPONDED OPEN owner=ag-1 team=service seq=3",
        "PENDING_CUSTOMER PENDING_CUSTOMER owner=ag-1 team=service seq=4",
        "CUSTOMER_REPLIED OPEN owner=ag-1 team=service seq=5",
        "RESOLVED RESOLVED owner=ag-1 team=service seq=6",
        "CLOSED CLOSED owner=ag-1 team=service seq=7"), summary(f.events()));

    List<ResolvedCase> out = f.resolved.readValuesToList();
    assertEquals(2, out.size());
    ResolvedCase r = out.get(0);
    assertEquals(id, r.getCaseId());
    assertEquals("ag-1", r.getOwnerId());
    assertEquals("service", r.getTeam());
    assertEquals("SERVICE", r.getCategory().name());
    assertEquals(new BigDecimal("1500.00"), r.getResolution().getCompensationAmount());
    assertEquals("RUB", r.getResolution().getCurrency());
    assertEquals("training", r.getResolution().getRootCause());
    assertTrue(r.getFirstResponseAt() != null && r.getFirstResponseAt().isBefore(r.getResolvedAt()));
    assertEquals(1, r.getComplaintCount());
    assertNull(r.getClosedAt());
    assertNull(r.getSatisfaction());
    // default policy (8h first/next response, 5d resolution, 24x7): all met; the wait on the
    // customer (12:00-13:00) does not count against the resolution clock
    assertEquals(List.of("FIRST_RESPONSE MET", "NEXT_RESPONSE MET", "RESOLUTION MET"),
        r.getSla().stream().map(x -> x.getTarget() + " " + x.getOutcome()).toList());
    assertEquals(Duration.ofMinutes(239).toMillis(), r.getSla().get(2).getBusinessMillisUsed());
    assertNull(r.getRegulatoryTimely());
    ResolvedCase closed = out.get(1);
    assertEquals(4, closed.getSatisfaction());
    assertEquals("ok", closed.getSatisfactionComment());
    assertTrue(closed.getClosedAt() != null);
  }

  @Test
  void invalidActionsAreRejectedWithTheirReasonAndChangeNothing() {
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, null);
    f.agent("ag-x", "service", 5, AgentStatus.INACTIVE, null);
    String id = open("x@example.com");
    f.act(f.action("C-404/CF-1", CaseActionType.RESPONDED, "ag-1").build());
    f.act(f.action("garbage", CaseActionType.RESPONDED, "ag-1").build());
    f.act(f.action(id, CaseActionType.CLOSED, "ag-1").setSatisfaction(5).build());
    f.act(f.action(id, CaseActionType.REASSIGN, "lead").setTargetAgentId("nobody").build());
    f.act(f.action(id, CaseActionType.REASSIGN, "lead").setTargetAgentId("ag-x").build());
    f.act(f.action(id, CaseActionType.REOPENED, "ag-1").build());
    f.act(f.action(id, CaseActionType.RESOLVED, "ag-1").build());
    f.act(f.action(id, CaseActionType.CLOSED, "crm").setSatisfaction(9).build());
    f.act(f.action(id, CaseActionType.CLOSED, "crm").setSatisfaction(5).build());
    f.act(f.action(id, CaseActionType.RESPONDED, "ag-1").build());
    List<RejectedInput> rejects = f.actionRejects.readValuesToList();
    assertEquals(List.of("unknown-case", "unknown-case", "illegal-transition", "unknown-agent",
        "unknown-agent", "illegal-transition", "invalid-satisfaction", "illegal-transition"),
        rejects.stream().map(RejectedInput::getReason).toList());
    assertEquals(f.catalog.caseActions().name(), rejects.get(0).getTopic());
    assertEquals(0L, rejects.get(0).getOffset());
    assertEquals(7L, rejects.get(6).getOffset());
    assertEquals(Channel.OTHER, rejects.get(0).getChannel());
    // only the valid RESOLVED and CLOSED changed the case
    assertEquals(List.of("RESOLVED RESOLVED owner=ag-1 team=service seq=3",
        "CLOSED CLOSED owner=ag-1 team=service seq=4"), summary(f.events()));
  }

  @Test
  void aResentActionIsRejectedAsDuplicate() {
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, null);
    String id = open("x@example.com");
    var responded = f.action(id, CaseActionType.RESPONDED, "ag-1").build();
    f.act(responded);
    f.act(responded);
    assertEquals(1, f.events().size());
    assertEquals("duplicate-action", f.actionRejects.readValue().getReason());
  }

  @Test
  void reassignMovesTheCaseAndTheClientsSingleContact() {
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, null);
    f.agent("ag-2", "billing", 5, AgentStatus.AVAILABLE, null);
    String id = open("x@example.com");
    f.act(f.action(id, CaseActionType.REASSIGN, "lead").setTargetAgentId("ag-2").build());
    assertEquals(List.of("REASSIGNED OPEN owner=ag-2 team=billing seq=3"), summary(f.events()));
    f.send(f.complaint(Channel.WEB, "x@example.com", null, null, "оператор снова").build());
    List<CaseEvent> events = f.events();
    assertEquals("ag-2", events.get(events.size() - 1).getOwnerId());
  }

  @Test
  void aReopenedCaseGoesBackToItsOwner() {
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, null);
    String id = open("x@example.com");
    f.act(f.action(id, CaseActionType.RESOLVED, "ag-1").build());
    f.act(f.action(id, CaseActionType.REOPENED, "crm").build());
    List<CaseEvent> events = f.events();
    assertEquals("REOPENED OPEN owner=ag-1 team=service seq=4", summary(events).get(1));
    assertEquals(1, events.get(1).getReopenCount());
  }

  @Test
  void aPoisonRecordDoesNotStopTheApplication() {
    f.rawComplaints.pipeInput("k".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 42, 1, 2});
    f.send(f.complaint(Channel.WEB, "after@example.com", null, null, "оператор").build());
    assertEquals("OPENED", f.events().get(0).getType().name());
  }
}
