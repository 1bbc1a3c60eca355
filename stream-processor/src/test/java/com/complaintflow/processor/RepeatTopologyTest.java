package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.processor.cases.ClientState;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.CallDetails;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ResolvedCase;
import com.complaintflow.schemas.avro.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Repeated complaints: second and Nth case, same category, reopened twice, abandoned calls. */
class RepeatTopologyTest {
  private TopologyFixture f;

  @BeforeEach
  void start() throws Exception {
    Map<String, Object> values = new HashMap<>(SlaTopologyTest.BASE);
    values.put("sla.warnings", "none");
    // These cases are dated weeks apart while the wall clock stands still: event time only.
    values.put("event.time.max.future.ms", Duration.ofDays(60).toMillis());
    f = new TopologyFixture(values, null, null, TopologyFixture.T0, UnaryOperator.identity());
    SlaTopologyTest.agent(f, "ag-1", "service");
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  private CaseEvent open(String body, Instant at) {
    f.send(f.complaint(Channel.WEB, "x@example.com", null, null, body).setReceivedAt(at).build());
    return f.events().stream().filter(e -> e.getType().name().equals("OPENED")).findFirst().orElseThrow();
  }

  private List<Alert> repeats() {
    return f.alerts.readValuesToList().stream()
        .filter(a -> a.getKind().name().startsWith("RE")).toList();
  }

  @Test
  void secondComplaintAlertsWithTheEarlierCaseAndTheThirdEscalates() {
    Instant t = f.now();
    CaseEvent first = open("оператор нагрубил", t);
    assertFalse(first.getRepeat());
    assertEquals(List.of(), repeats());

    CaseEvent second = open("счет выставлен дважды, верните оплату", t.plus(Duration.ofDays(3)));
    assertFalse(second.getRepeat(), "another category: a repeat alert, not a same-category repeat");
    List<Alert> alerts = repeats();
    assertEquals(1, alerts.size());
    Alert a = alerts.get(0);
    assertEquals("REPEAT_COMPLAINT", a.getKind().name());
    assertEquals(1, a.getLevel());
    assertEquals(second.getCaseId(), a.getCaseId());
    assertEquals(List.of(first.getCaseNumber()), a.getRelatedCaseNumbers());
    assertEquals(Severity.WARNING, a.getSeverity());
    assertFalse(a.getSummary().contains("x@example.com"));

    CaseEvent third = open("оператор снова нагрубил", t.plus(Duration.ofDays(5)));
    assertTrue(third.getRepeat(), "same category as the first case");
    Alert escalated = repeats().get(0);
    assertEquals(2, escalated.getLevel());
    assertEquals(Severity.HIGH, escalated.getSeverity());
    assertEquals(List.of("sup@example.com"), escalated.getRecipients());
    assertEquals(List.of(first.getCaseNumber(), second.getCaseNumber()), escalated.getRelatedCaseNumbers());
    assertTrue(escalated.getSummary().contains("same category SERVICE"), escalated.getSummary());

    f.act(f.action(third.getCaseId(), CaseActionType.RESOLVED, "ag-1").setAt(f.now()).build());
    ResolvedCase resolved = f.resolved.readValue();
    assertTrue(resolved.getRepeat());
  }

  @Test
  void casesOutsideTheLookBackDoNotCount() {
    Instant t = f.now();
    open("оператор нагрубил", t);
    CaseEvent later = open("оператор нагрубил", t.plus(Duration.ofDays(31)));
    assertFalse(later.getRepeat());
    assertEquals(List.of(), repeats());
    KeyValueStore<String, ClientState> clients = f.driver.getKeyValueStore(ComplaintFlowTopology.CLIENT_STORE);
    ClientState client = clients.get(later.getClientId());
    // one case list serves threading, affinity and repeats; it is bounded by
    // client.history.max.cases, the look-back only decides what counts
    assertEquals(2, client.cases.size());
    assertEquals(later.getCaseNumber(), client.cases.get(1).caseNumber);
  }

  @Test
  void aCaseReopenedTwiceRaisesReopenedRepeat() {
    String id = open("оператор нагрубил", f.now()).getCaseId();
    f.act(f.action(id, CaseActionType.RESOLVED, "ag-1").setAt(f.now()).build());
    f.act(f.action(id, CaseActionType.REOPENED, "crm").setAt(f.now()).build());
    assertEquals(List.of(), repeats());
    f.act(f.action(id, CaseActionType.RESOLVED, "ag-1").setAt(f.now()).build());
    f.act(f.action(id, CaseActionType.REOPENED, "crm").setAt(f.now()).build());
    List<Alert> alerts = repeats();
    assertEquals(1, alerts.size());
    assertEquals("REOPENED_REPEAT", alerts.get(0).getKind().name());
    assertEquals(2, alerts.get(0).getLevel());
    assertEquals(id, alerts.get(0).getCaseId());
    assertEquals(List.of("ag-1@example.com", "sup@example.com"), alerts.get(0).getRecipients());
  }

  private Complaint call(String disposition, Instant at) {
    return f.complaint(Channel.PHONE, null, "+359888123456", null, "")
        .setReceivedAt(at)
        .setCall(CallDetails.newBuilder().setCallId("call-" + at.toEpochMilli())
            .setDisposition(disposition).setHasNotes(false).build())
        .build();
  }

  @Test
  void threeAbandonedCallsWithinADayRaiseARepeatAlertWithoutCaseText() {
    Instant t = f.now();
    f.send(call("NO_ANSWER", t));
    f.send(call("BUSY", t.plus(Duration.ofHours(3))));
    assertEquals(List.of(), f.events(), "an abandoned call alone opens no case");
    assertEquals(List.of(), f.alerts.readValuesToList());
    f.send(call("ABANDONED", t.plus(Duration.ofHours(20))));
    List<CaseEvent> events = f.events();
    assertEquals("OPENED", events.get(0).getType().name(), "a case so that someone calls back");
    List<Alert> alerts = repeats();
    assertEquals(1, alerts.size());
    assertEquals("REPEAT_COMPLAINT", alerts.get(0).getKind().name());
    assertTrue(alerts.get(0).getSummary().contains("3 abandoned calls"), alerts.get(0).getSummary());
    assertFalse(alerts.get(0).getSummary().contains("+359"));
  }

  @Test
  void abandonedCallsSpreadOverMoreThanADayDoNotAlert() {
    Instant t = f.now();
    f.send(call("NO_ANSWER", t));
    f.send(call("NO_ANSWER", t.plus(Duration.ofHours(13))));
    f.send(call("NO_ANSWER", t.plus(Duration.ofHours(26))));
    assertEquals(List.of(), f.events());
    assertEquals(List.of(), f.alerts.readValuesToList());
  }

  @Test
  void abandonedCallsOfAClientWithAnOpenCaseAlertOnThatCase() {
    Instant t = f.now();
    f.send(f.complaint(Channel.PHONE, null, "+359888123456", null, "оператор нагрубил")
        .setReceivedAt(t).build());
    String id = f.events().get(0).getCaseId();
    for (int i = 1; i <= 3; i++) {
      f.send(call("NO_ANSWER", t.plus(Duration.ofMinutes(10L * i))));
    }
    assertTrue(f.events().stream().noneMatch(e -> e.getType().name().equals("OPENED")));
    List<Alert> alerts = repeats();
    assertEquals(1, alerts.size());
    assertEquals(id, alerts.get(0).getCaseId());
  }
}
