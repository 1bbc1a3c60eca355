package com.complaintflow.processor;

import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inputs of the upgrade test, in two phases: the first is run by the previous release (its
 * stores were dumped at the end of it) and, for comparison, by the current code; the second by
 * the current code on either state. Outputs are summarised as lines that do not depend on the
 * state format: "alert id kind target level case", "event type case".
 */
final class UpgradeScenario {
  static final Instant T0 = TopologyFixture.T0;
  /** When phase 1 ends and the state is taken. */
  static final Instant DUMP_AT = T0.plus(Duration.ofMinutes(150));
  static final String SCOPE = "upgrade-scenario";

  static Map<String, Object> config() {
    Map<String, Object> values = new HashMap<>(SlaTopologyTest.BASE);
    values.put("case.number.partition.stride", "1000");
    return values;
  }

  static void agents(TopologyFixture f) {
    for (String id : List.of("ag-1", "ag-2")) {
      f.agents.pipeInput(id, Agent.newBuilder().setAgentId(id).setTeam("service").setCapacity(2)
          .setStatus(AgentStatus.AVAILABLE).setEmail(id + "@example.com").setSkills(List.of())
          .setLanguages(List.of()).build());
    }
  }

  /** Phase 1, from T0 to DUMP_AT; returns the output lines. */
  static List<String> phase1(TopologyFixture f) {
    List<String> out = new ArrayList<>();
    agents(f);
    // A: an e-mail, answered later; B: a web complaint left without answer; E: resolved at once
    sendAt(f, f.email("a@example.com", "Списание", "оператор нагрубил по телефону", "<m1@mail.example>",
        null, null), f.now());
    f.send(f.complaint(Channel.WEB, "b@example.com", null, null, "оператор нагрубил")
        .setReceivedAt(f.now()).build());
    f.send(f.complaint(Channel.WEB, "e@example.com", null, null, "оператор нагрубил в чате")
        .setReceivedAt(f.now()).build());
    collect(f, out);
    act(f, caseOf(out, 2), CaseActionType.RESOLVED);
    collect(f, out);
    // Q1 goes to a team without agents and waits; Q2 fills the service team (capacity 2 each)
    f.send(f.complaint(Channel.WEB, "q1@example.com", null, null, "не работает приложение")
        .setReceivedAt(f.now()).build());
    f.send(f.complaint(Channel.WEB, "q2@example.com", null, null, "оператор нагрубил снова")
        .setReceivedAt(f.now()).build());
    collect(f, out);
    // 2 h: the 50 % warnings of the first responses (4 h) fire
    advance(f, T0.plus(Duration.ofHours(2)), out);
    // B complains again in another case (a repeat, kept by B's owner), D threatens court
    // (urgent, legal alert) and waits in the queue: both agents are full
    f.send(f.complaint(Channel.WEB, "b@example.com", null, null, "снова нагрубили")
        .setReceivedAt(f.now()).build());
    advance(f, T0.plus(Duration.ofMinutes(135)), out);
    f.send(f.complaint(Channel.WEB, "d@example.com", null, null, "подам в суд на вас")
        .setReceivedAt(f.now()).build());
    collect(f, out);
    act(f, caseOf(out, 0), CaseActionType.RESPONDED);
    advance(f, DUMP_AT, out);
    return out;
  }

  /** Phase 2, from DUMP_AT on; returns the output lines. */
  static List<String> phase2(TopologyFixture f, List<String> phase1) {
    List<String> out = new ArrayList<>();
    // A's client replies to the first message: threads into A by its message id
    sendAt(f, f.email("a@example.com", "Re: Списание", "так и не вернули", "<m2@mail.example>",
        "<m1@mail.example>", null), f.now());
    collect(f, out);
    // B's first case is resolved by its owner; the queue moves on (D gets an owner)
    f.act(f.action(caseOf(phase1, 1), CaseActionType.RESOLVED, "ag-2").setAt(f.now()).build());
    collect(f, out);
    for (int minutes = 160; minutes <= 16 * 60 + 30; minutes += 5) {
      advance(f, T0.plus(Duration.ofMinutes(minutes)), out);
    }
    return out;
  }

  static void sendAt(TopologyFixture f, com.complaintflow.schemas.avro.Complaint c, Instant at) {
    c.setReceivedAt(at);
    f.send(c);
  }

  static void act(TopologyFixture f, String caseId, CaseActionType type) {
    f.act(f.action(caseId, type, "ag-1").setAt(f.now()).build());
  }

  /** The case id of the n-th case opened (from 0): A, B, E, Q1, Q2, B's second, D. */
  static String caseOf(List<String> lines, int n) {
    return lines.stream().filter(l -> l.startsWith("event OPENED ")).skip(n)
        .map(l -> l.split(" ")[2]).findFirst().orElseThrow(() -> new AssertionError(n + " " + lines));
  }

  static void advance(TopologyFixture f, Instant to, List<String> out) {
    f.advanceTo(to);
    collect(f, out);
  }

  static void collect(TopologyFixture f, List<String> out) {
    for (CaseEvent e : f.cases.readValuesToList()) {
      out.add("event " + e.getType() + " " + e.getCaseId() + " " + (e.getOwnerId() == null ? "-" : e.getOwnerId())
          + " " + e.getStatus() + " " + e.getSequence());
    }
    for (var r : f.actionRejects.readValuesToList()) {
      out.add("reject " + r.getReason());
    }
    for (Alert a : f.alerts.readValuesToList()) {
      out.add("alert " + a.getAlertId() + " " + a.getKind() + " " + a.getTarget() + " " + a.getLevel()
          + " " + a.getCaseId() + " @" + Duration.between(T0, f.now()).toMinutes());
    }
  }
}
