package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ResolvedCase;
import com.complaintflow.schemas.avro.Severity;
import com.complaintflow.schemas.avro.SlaResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SLA clocks end to end through the topology: warnings, breach and escalation of each target as
 * the wall clock advances; business calendars with a weekend and a holiday in a non-UTC zone;
 * pause and resume; recomputation on response, resolve, reassignment and priority change; the
 * regulatory clock; unassigned and legal alerts; no duplicate after a restart on the same state.
 */
class SlaTopologyTest {
  static final Map<String, Object> BASE = Map.ofEntries(
      Map.entry("sla.policy.default.first-response", "4h"),
      Map.entry("sla.policy.default.next-response", "2h"),
      Map.entry("sla.policy.default.resolution", "16h"),
      Map.entry("sla.policy.urgent.priority", "URGENT"),
      Map.entry("sla.policy.urgent.first-response", "1h"),
      Map.entry("sla.warnings", "50%,15m"),
      Map.entry("sla.escalation.1.recipients", "team-supervisors"),
      Map.entry("sla.escalation.2.after-breach", "50%"),
      Map.entry("sla.escalation.2.recipients", "head@example.com"),
      Map.entry("team.service.supervisors", "sup@example.com"),
      Map.entry("team.night.supervisors", "night-sup@example.com"),
      Map.entry("sla.unassigned.after", "30m"));

  private TopologyFixture f;

  @AfterEach
  void stop() throws Exception {
    if (f != null) {
      f.close();
    }
  }

  private TopologyFixture fixture(Map<String, Object> extra, Instant start) throws Exception {
    Map<String, Object> values = new HashMap<>(BASE);
    values.putAll(extra);
    f = new TopologyFixture(values, null, null, start, UnaryOperator.identity());
    return f;
  }

  static void agent(TopologyFixture f, String id, String team) {
    f.agents.pipeInput(id, Agent.newBuilder().setAgentId(id).setTeam(team).setCapacity(10)
        .setStatus(AgentStatus.AVAILABLE).setEmail(id + "@example.com").setSkills(List.of())
        .setLanguages(List.of()).build());
  }

  /** A complaint received now (wall clock); returns its case id. */
  static String open(TopologyFixture f, String email, String body) {
    f.send(f.complaint(Channel.WEB, email, null, null, body).setReceivedAt(f.now()).build());
    return f.events().get(0).getCaseId();
  }

  static void act(TopologyFixture f, String caseId, CaseActionType type) {
    f.act(f.action(caseId, type, "ag-1").setAt(f.now()).build());
  }

  /** Advances to start + offset and returns the alerts that fired, as "KIND TARGET level". */
  static List<String> at(TopologyFixture f, Instant start, Duration offset) {
    f.advanceTo(start.plus(offset));
    return f.alerts.readValuesToList().stream().map(SlaTopologyTest::brief).toList();
  }

  static String brief(Alert a) {
    return a.getKind() + " " + a.getTarget() + " " + a.getLevel();
  }

  @Test
  void firstResponseWarnsBreachesAndEscalatesAtItsDeadlines() throws Exception {
    fixture(Map.of(), TopologyFixture.T0);
    agent(f, "ag-1", "service");
    Instant t = f.now();
    String id = open(f, "x@example.com", "оператор нагрубил");
    assertEquals(List.of(), at(f, t, Duration.ofMinutes(119)));
    f.advanceTo(t.plus(Duration.ofMinutes(120)));
    List<Alert> warning = f.alerts.readValuesToList();
    assertEquals(List.of("SLA_WARNING FIRST_RESPONSE 0"), warning.stream().map(SlaTopologyTest::brief).toList());
    Alert w = warning.get(0);
    assertEquals(id, w.getCaseId());
    assertEquals(List.of("ag-1@example.com"), w.getRecipients());
    assertEquals(Severity.WARNING, w.getSeverity());
    assertEquals(t.plus(Duration.ofHours(4)), w.getDueAt());
    assertEquals("ag-1", w.getOwnerId());
    assertEquals("service", w.getTeam());
    assertTrue(w.getSummary().contains("first response") && !w.getSummary().contains("@"), w.getSummary());

    assertEquals(List.of("SLA_WARNING FIRST_RESPONSE 0"), at(f, t, Duration.ofMinutes(225))); // -15m
    assertEquals(List.of(), at(f, t, Duration.ofMinutes(239)));
    f.advanceTo(t.plus(Duration.ofHours(4)));
    Alert breach = f.alerts.readValue();
    assertEquals("SLA_BREACH FIRST_RESPONSE 1", brief(breach));
    assertEquals(List.of("sup@example.com"), breach.getRecipients());
    assertEquals(0L, breach.getLateByMillis());
    assertTrue(f.alerts.isEmpty());
    // level 2 at +50 % of the target (2 h) after the breach
    assertEquals(List.of(), at(f, t, Duration.ofMinutes(359)));
    f.advanceTo(t.plus(Duration.ofHours(6)));
    Alert l2 = f.alerts.readValue();
    assertEquals("SLA_ESCALATION FIRST_RESPONSE 2", brief(l2));
    assertEquals(List.of("head@example.com"), l2.getRecipients());
    assertEquals(Duration.ofHours(2).toMillis(), l2.getLateByMillis());
    assertEquals(Severity.CRITICAL, l2.getSeverity());
    // the resolution clock (16 h) warns at 8 h; nothing fires twice
    assertEquals(List.of("SLA_WARNING RESOLUTION 0"), at(f, t, Duration.ofHours(8)));
  }

  @Test
  void nextResponseClockStartsWhenTheCustomerWritesAgain() throws Exception {
    fixture(Map.of(), TopologyFixture.T0);
    agent(f, "ag-1", "service");
    Instant t = f.now();
    String id = open(f, "x@example.com", "оператор нагрубил");
    f.advanceTo(t.plus(Duration.ofMinutes(10)));
    act(f, id, CaseActionType.RESPONDED);
    f.advanceTo(t.plus(Duration.ofMinutes(20)));
    act(f, id, CaseActionType.CUSTOMER_REPLIED);
    Instant replied = f.now();
    assertEquals(List.of("SLA_WARNING NEXT_RESPONSE 0"), at(f, replied, Duration.ofHours(1)));
    assertEquals(List.of("SLA_WARNING NEXT_RESPONSE 0"), at(f, replied, Duration.ofMinutes(105)));
    assertEquals(List.of(), at(f, replied, Duration.ofMinutes(119)));
    assertEquals(List.of("SLA_BREACH NEXT_RESPONSE 1"), at(f, replied, Duration.ofHours(2)));
    assertEquals(List.of("SLA_ESCALATION NEXT_RESPONSE 2"), at(f, replied, Duration.ofHours(3)));
    // answered: a second reply starts a new cycle with alerts of its own
    act(f, id, CaseActionType.RESPONDED);
    act(f, id, CaseActionType.CUSTOMER_REPLIED);
    Instant again = f.now();
    assertEquals(List.of("SLA_WARNING NEXT_RESPONSE 0"), at(f, again, Duration.ofHours(1)));
  }

  @Test
  void resolutionClockWarnsBreachesAndEscalates() throws Exception {
    fixture(Map.of(), TopologyFixture.T0);
    agent(f, "ag-1", "service");
    Instant t = f.now();
    String id = open(f, "x@example.com", "оператор нагрубил");
    act(f, id, CaseActionType.RESPONDED);
    assertEquals(List.of("SLA_WARNING RESOLUTION 0"), at(f, t, Duration.ofHours(8)));
    assertEquals(List.of("SLA_WARNING RESOLUTION 0"), at(f, t, Duration.ofMinutes(16 * 60 - 15)));
    assertEquals(List.of("SLA_BREACH RESOLUTION 1"), at(f, t, Duration.ofHours(16)));
    assertEquals(List.of(), at(f, t, Duration.ofHours(23)));
    assertEquals(List.of("SLA_ESCALATION RESOLUTION 2"), at(f, t, Duration.ofHours(24)));
  }

  @Test
  void deadlineIsCarriedOverTheWeekendAndAHolidayInSofia() throws Exception {
    // Friday 2026-03-06 17:00 in Sofia (UTC+2); Monday 2026-03-09 is a holiday
    Instant friday = Instant.parse("2026-03-06T15:00:00Z");
    fixture(Map.of(
        "calendar.sofia.zone", "Europe/Sofia",
        "calendar.sofia.hours.weekdays", "09:00-18:00",
        "calendar.sofia.holidays", "2026-03-09",
        "team.service.calendar", "sofia"), friday);
    agent(f, "ag-1", "service");
    open(f, "x@example.com", "оператор нагрубил");
    // 1 h on Friday, nothing on Saturday, Sunday and the holiday, 3 h on Tuesday: due 12:00 Sofia
    Instant due = Instant.parse("2026-03-10T10:00:00Z");
    assertEquals(List.of(), at(f, friday, Duration.ofHours(1)));
    assertEquals(List.of(), at(f, Instant.parse("2026-03-09T21:00:00Z"), Duration.ZERO));
    // 50 % (2 h) at Tuesday 10:00 Sofia, -15m at 11:45, breach at 12:00
    assertEquals(List.of(), at(f, Instant.parse("2026-03-10T07:59:00Z"), Duration.ZERO));
    assertEquals(List.of("SLA_WARNING FIRST_RESPONSE 0"), at(f, Instant.parse("2026-03-10T08:00:00Z"), Duration.ZERO));
    assertEquals(List.of("SLA_WARNING FIRST_RESPONSE 0"), at(f, Instant.parse("2026-03-10T09:45:00Z"), Duration.ZERO));
    assertEquals(List.of(), at(f, due.minusSeconds(1), Duration.ZERO));
    f.advanceTo(due);
    Alert breach = f.alerts.readValue();
    assertEquals("SLA_BREACH FIRST_RESPONSE 1", brief(breach));
    assertEquals(due, breach.getDueAt());
    assertTrue(breach.getSummary().contains("2026-03-10 12:00 Europe/Sofia"), breach.getSummary());
  }

  @Test
  void pendingCustomerPausesTheResolutionClockAndTheReplyResumesIt() throws Exception {
    fixture(Map.of("sla.warnings", "none"), TopologyFixture.T0);
    agent(f, "ag-1", "service");
    Instant t = f.now();
    String id = open(f, "x@example.com", "оператор нагрубил");
    act(f, id, CaseActionType.RESPONDED);
    f.advanceTo(t.plus(Duration.ofHours(1)));
    act(f, id, CaseActionType.PENDING_CUSTOMER);
    // 16 h would have run out at t+16h: paused, nothing fires
    assertEquals(List.of(), at(f, t, Duration.ofHours(30)));
    // the client writes again (a follow-up email): 15 h left from now, and a response is owed
    f.send(f.complaint(Channel.EMAIL, "x@example.com", null, "Re: [CF-1000]", "ещё жду")
        .setReceivedAt(f.now())
        .setThread(com.complaintflow.schemas.avro.ThreadRefs.newBuilder().setCaseTag("CF-1000").build())
        .build());
    List<CaseEvent> events = f.events();
    assertEquals("RESUMED", events.get(events.size() - 1).getType().name(), events.toString());
    Instant resumed = f.now();
    assertEquals(List.of("SLA_BREACH NEXT_RESPONSE 1"), at(f, resumed, Duration.ofHours(2)));
    assertEquals(List.of("SLA_ESCALATION NEXT_RESPONSE 2"), at(f, resumed, Duration.ofMinutes(15 * 60 - 1)));
    f.advanceTo(resumed.plus(Duration.ofHours(15)));
    Alert breach = f.alerts.readValue();
    assertEquals("SLA_BREACH RESOLUTION 1", brief(breach));
    assertEquals(resumed.plus(Duration.ofHours(15)), breach.getDueAt());
  }

  @Test
  void aResponseCancelsThePendingBreach() throws Exception {
    fixture(Map.of(), TopologyFixture.T0);
    agent(f, "ag-1", "service");
    Instant t = f.now();
    String id = open(f, "x@example.com", "оператор нагрубил");
    assertEquals(List.of("SLA_WARNING FIRST_RESPONSE 0"), at(f, t, Duration.ofHours(3)));
    act(f, id, CaseActionType.RESPONDED);
    // no -15m warning, breach or escalation of the first response any more
    List<String> later = new java.util.ArrayList<>();
    for (int h = 4; h <= 7; h++) {
      later.addAll(at(f, t, Duration.ofHours(h)));
    }
    assertEquals(List.of(), later);
  }

  @Test
  void resolvingCancelsEscalationsAndReportsSlaResults() throws Exception {
    fixture(Map.of("sla.warnings", "none"), TopologyFixture.T0);
    agent(f, "ag-1", "service");
    Instant t = f.now();
    String id = open(f, "x@example.com", "оператор нагрубил");
    assertEquals(List.of("SLA_BREACH FIRST_RESPONSE 1"), at(f, t, Duration.ofHours(4)));
    f.advanceTo(t.plus(Duration.ofMinutes(270)));
    act(f, id, CaseActionType.RESOLVED);
    List<String> later = new java.util.ArrayList<>();
    for (int h = 5; h <= 30; h += 5) {
      later.addAll(at(f, t, Duration.ofHours(h)));
    }
    assertEquals(List.of(), later, "level 2 at 6 h and the resolution clock are cancelled");
    ResolvedCase r = f.resolved.readValue();
    List<SlaResult> sla = r.getSla();
    assertEquals(List.of("FIRST_RESPONSE BREACHED", "RESOLUTION MET"),
        sla.stream().map(x -> x.getTarget() + " " + x.getOutcome()).toList());
    assertEquals(t.plus(Duration.ofHours(4)), sla.get(0).getDueAt());
    assertEquals(Duration.ofMinutes(270).toMillis(), sla.get(0).getBusinessMillisUsed());
    assertEquals(t.plus(Duration.ofMinutes(270)), sla.get(1).getCompletedAt());
    assertNull(r.getRegulatoryTimely());
  }

  @Test
  void reassignmentToATeamWithAnotherCalendarMovesTheDeadline() throws Exception {
    // service works 24x7; the night team 20:00-08:00 UTC only
    fixture(Map.of("sla.warnings", "none", "calendar.night.zone", "UTC",
        "calendar.night.hours.weekdays", "00:00-08:00,20:00-24:00", "team.night.calendar", "night"),
        TopologyFixture.T0);
    agent(f, "ag-1", "service");
    agent(f, "ag-n", "night");
    Instant t = f.now(); // Monday 09:00 UTC
    String id = open(f, "x@example.com", "оператор нагрубил");
    f.advanceTo(t.plus(Duration.ofHours(1)));
    f.act(f.action(id, CaseActionType.REASSIGN, "lead").setTargetAgentId("ag-n").setAt(f.now()).build());
    // 1 h used on 24x7; 3 h left on the night calendar: from 20:00 to 23:00
    assertEquals(List.of(), at(f, t, Duration.ofHours(4)));
    assertEquals(List.of(), at(f, Instant.parse("2026-03-02T22:59:00Z"), Duration.ZERO));
    f.advanceTo(Instant.parse("2026-03-02T23:00:00Z"));
    Alert breach = f.alerts.readValue();
    assertEquals("SLA_BREACH FIRST_RESPONSE 1", brief(breach));
    assertEquals(List.of("night-sup@example.com"), breach.getRecipients());
    assertEquals("ag-n", breach.getOwnerId());
  }

  @Test
  void aLegalFollowUpRaisesPriorityTightensTheTargetAndAlertsAtOnce() throws Exception {
    fixture(Map.of("sla.warnings", "none"), TopologyFixture.T0);
    agent(f, "ag-1", "service");
    Instant t = f.now();
    String id = open(f, "x@example.com", "оператор нагрубил");
    f.advanceTo(t.plus(Duration.ofMinutes(30)));
    f.send(f.complaint(Channel.EMAIL, "x@example.com", null, "Re: [CF-1000]", "обращусь в суд")
        .setReceivedAt(f.now())
        .setThread(com.complaintflow.schemas.avro.ThreadRefs.newBuilder().setCaseTag("CF-1000").build())
        .build());
    Alert legal = f.alerts.readValue();
    assertEquals("LEGAL_THREAT NONE 1", brief(legal));
    assertEquals(Severity.CRITICAL, legal.getSeverity());
    assertEquals(id, legal.getCaseId());
    // URGENT policy: 1 h first response, 30 min already used
    assertEquals(List.of(), at(f, t, Duration.ofMinutes(59)));
    assertEquals(List.of("SLA_BREACH FIRST_RESPONSE 1"), at(f, t, Duration.ofHours(1)));
  }

  @Test
  void legalThreatInTheFirstComplaintAlertsAtOnce() throws Exception {
    fixture(Map.of(), TopologyFixture.T0);
    agent(f, "ag-1", "service");
    String id = open(f, "x@example.com", "I will contact my lawyer about this");
    List<Alert> alerts = f.alerts.readValuesToList();
    assertEquals(List.of("LEGAL_THREAT NONE 1"), alerts.stream().map(SlaTopologyTest::brief).toList());
    assertEquals(List.of("sup@example.com"), alerts.get(0).getRecipients());
    assertEquals(id, alerts.get(0).getCaseId());
  }

  @Test
  void aCaseQueuedTooLongRaisesUnassignedButAnAssignedOneDoesNot() throws Exception {
    fixture(Map.of("sla.warnings", "none", "agents.check.interval.ms", "1000"), TopologyFixture.T0);
    Instant t = f.now();
    String queued = open(f, "x@example.com", "оператор нагрубил");
    assertEquals(List.of(), at(f, t, Duration.ofMinutes(29)));
    f.advanceTo(t.plus(Duration.ofMinutes(30)));
    Alert alert = f.alerts.readValue();
    assertEquals("UNASSIGNED NONE 1", brief(alert));
    assertEquals(queued, alert.getCaseId());
    assertEquals(List.of("sup@example.com"), alert.getRecipients());
    // an agent comes online: the next case is assigned and never alerts as unassigned
    agent(f, "ag-1", "service");
    f.advance(Duration.ofSeconds(2));
    f.events();
    Instant t2 = f.now();
    open(f, "y@example.com", "оператор нагрубил");
    assertFalse(at(f, t2, Duration.ofHours(1)).contains("UNASSIGNED NONE 1"));
  }

  @Test
  void regulatoryClockRunsInCalendarDaysAndReportsTimeliness() throws Exception {
    fixture(Map.of("sla.warnings", "50%", "sla.regulatory.enabled", "true",
        "sla.regulatory.zone", "Europe/Sofia", "sla.regulatory.response-days", "15",
        "sla.regulatory.final-days", "60"), TopologyFixture.T0);
    agent(f, "ag-1", "service");
    Instant t = f.now();
    String late = open(f, "x@example.com", "оператор нагрубил");
    String timely = open(f, "y@example.com", "оператор нагрубил");
    f.advanceTo(t.plus(Duration.ofDays(2)));
    act(f, timely, CaseActionType.RESPONDED);
    act(f, timely, CaseActionType.RESOLVED);
    f.alerts.readValuesToList();
    List<String> regulatory = new java.util.ArrayList<>();
    for (Duration d : List.of(Duration.ofHours(7 * 24 + 12), Duration.ofDays(15).minusMinutes(1), Duration.ofDays(15))) {
      f.advanceTo(t.plus(d));
      f.alerts.readValuesToList().stream().filter(a -> a.getTarget().name().startsWith("REGULATORY"))
          .forEach(a -> regulatory.add(brief(a) + " " + a.getCaseId().equals(late)));
    }
    assertEquals(List.of("SLA_WARNING REGULATORY_RESPONSE 0 true", "SLA_BREACH REGULATORY_RESPONSE 1 true"),
        regulatory);
    f.advance(Duration.ofHours(1));
    act(f, late, CaseActionType.RESOLVED);
    List<ResolvedCase> resolved = f.resolved.readValuesToList();
    assertEquals(timely, resolved.get(0).getCaseId());
    assertEquals(true, resolved.get(0).getRegulatoryTimely());
    assertEquals(late, resolved.get(1).getCaseId());
    assertEquals(false, resolved.get(1).getRegulatoryTimely());
    SlaResult regResponse = resolved.get(1).getSla().stream()
        .filter(r -> r.getTarget().name().equals("REGULATORY_RESPONSE")).findFirst().orElseThrow();
    assertEquals("BREACHED", regResponse.getOutcome().name());
    assertEquals(t.plus(Duration.ofDays(15)), regResponse.getDueAt());
  }

  @Test
  void noAlertIsSentTwiceAfterTheDriverRestartsOnTheRestoredState() throws Exception {
    Map<String, Object> values = new HashMap<>(BASE);
    values.put("sla.warnings", "none");
    String scope = "sla-restart-" + System.nanoTime();
    TopologyFixture first = new TopologyFixture(values, scope, null, TopologyFixture.T0, UnaryOperator.identity());
    Instant t = first.now();
    agent(first, "ag-1", "service");
    String id = open(first, "x@example.com", "оператор нагрубил");
    assertEquals(List.of("SLA_BREACH FIRST_RESPONSE 1"), at(first, t, Duration.ofHours(4)));
    var state = first.snapshotStores();
    first.closeKeepingScope();

    // a new driver on the committed state, its wall clock a little before the breach (a replay
    // of the last seconds, as after a failover)
    f = new TopologyFixture(values, scope, null, t.plus(Duration.ofHours(4)).minusSeconds(5),
        UnaryOperator.identity());
    f.restoreStores(state);
    agent(f, "ag-1", "service");
    agent(f, "ag-2", "service");
    // a reassignment recomputes every point of the case, the passed breach included: only the
    // alert ids kept in the case's state stop it from going out again
    f.act(f.action(id, CaseActionType.REASSIGN, "lead").setTargetAgentId("ag-2").setAt(f.now()).build());
    List<String> after = new java.util.ArrayList<>();
    for (int m = 1; m <= 150; m += 30) {
      after.addAll(at(f, t.plus(Duration.ofHours(4)), Duration.ofMinutes(m)));
    }
    // the breach is not sent again; the escalation still due is sent once
    assertEquals(List.of("SLA_ESCALATION FIRST_RESPONSE 2"), after);
  }
}
