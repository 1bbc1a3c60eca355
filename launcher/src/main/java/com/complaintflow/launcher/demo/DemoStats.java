package com.complaintflow.launcher.demo;

import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseEventType;
import com.complaintflow.schemas.avro.CaseStatus;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.avro.ResolvedCase;
import com.complaintflow.schemas.avro.SlaOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the demo learns from the pipeline's topics (complaints, cases, alerts, cases.resolved and
 * the reject topics), for the live view, the summary and the simulated agents. Updated from the
 * follower's thread, read from others: every method is synchronized.
 */
final class DemoStats {
  /** The latest picture of one case, from its events. */
  static final class CaseView {
    String caseId;
    String caseNumber;
    String clientId;
    ClientTier tier;
    String team;
    String owner;
    CaseStatus status;
    Instant openedAt;
    boolean responded;
    boolean legal;
    boolean repeat;
    int followUps;
  }

  private final Map<Channel, Integer> complaintsByChannel = new EnumMap<>(Channel.class);
  private final Set<String> complaintIds = new HashSet<>();
  private final Map<String, CaseView> cases = new LinkedHashMap<>();
  private final Map<AlertKind, Integer> alertsByKind = new EnumMap<>(AlertKind.class);
  private final Set<String> alertIds = new HashSet<>();
  private int escalationsLevel2;
  private final Set<String> resolved = new HashSet<>();
  private final Set<String> resolvedWithBreach = new HashSet<>();
  private int complaintRejects;
  private int actionRejects;
  private final List<String> actionRejectReasons = new ArrayList<>();

  synchronized void record(String topic, Object value) {
    if (value instanceof Complaint c) {
      if (complaintIds.add(c.getComplaintId())) {
        complaintsByChannel.merge(c.getChannel(), 1, Integer::sum);
      }
    } else if (value instanceof CaseEvent e) {
      CaseView v = cases.computeIfAbsent(e.getCaseId(), id -> new CaseView());
      v.caseId = e.getCaseId();
      v.caseNumber = e.getCaseNumber();
      v.clientId = e.getClientId();
      v.tier = e.getTier();
      v.team = e.getTeam();
      v.owner = e.getOwnerId();
      v.status = e.getStatus();
      v.legal = e.getLegal();
      v.repeat = e.getRepeat();
      v.followUps = e.getFollowUpCount();
      if (e.getType() == CaseEventType.OPENED || v.openedAt == null) {
        v.openedAt = v.openedAt == null ? e.getAt() : v.openedAt;
      }
      if (e.getType() == CaseEventType.RESPONDED || e.getType() == CaseEventType.RESOLVED) {
        v.responded = true;
      }
    } else if (value instanceof Alert a) {
      if (alertIds.add(a.getAlertId())) {
        alertsByKind.merge(a.getKind(), 1, Integer::sum);
        if (a.getKind() == AlertKind.SLA_ESCALATION || (a.getKind() == AlertKind.SLA_BREACH && a.getLevel() >= 2)) {
          escalationsLevel2++;
        }
      }
    } else if (value instanceof ResolvedCase r) {
      resolved.add(r.getCaseId());
      if (r.getSla() != null && r.getSla().stream().anyMatch(s -> s.getOutcome() == SlaOutcome.BREACHED)) {
        resolvedWithBreach.add(r.getCaseId());
      }
    } else if (value instanceof RejectedInput rejected) {
      if (topic.startsWith("case-actions")) {
        actionRejects++;
        actionRejectReasons.add(rejected.getReason());
      } else {
        complaintRejects++;
      }
    }
  }

  synchronized Map<Channel, Integer> complaintsByChannel() {
    return new EnumMap<>(complaintsByChannel);
  }

  synchronized int complaints() {
    return complaintIds.size();
  }

  synchronized List<CaseView> cases() {
    return List.copyOf(cases.values());
  }

  /** The client's newest case, if the pipeline opened one. */
  synchronized CaseView latestCaseOf(String clientId) {
    CaseView latest = null;
    for (CaseView v : cases.values()) {
      if (clientId.equals(v.clientId)) {
        latest = v;
      }
    }
    return latest;
  }

  synchronized Map<AlertKind, Integer> alertsByKind() {
    return new EnumMap<>(alertsByKind);
  }

  synchronized int alerts() {
    return alertIds.size();
  }

  synchronized int escalations() {
    return escalationsLevel2;
  }

  synchronized int resolved() {
    return resolved.size();
  }

  synchronized int resolvedWithBreach() {
    return resolvedWithBreach.size();
  }

  synchronized int complaintRejects() {
    return complaintRejects;
  }

  synchronized int actionRejects() {
    return actionRejects;
  }

  synchronized List<String> actionRejectReasons() {
    return List.copyOf(actionRejectReasons);
  }
}
