package com.complaintflow.processor.cases;

import com.complaintflow.schemas.avro.CaseStatus;

import com.complaintflow.processor.owners.AgentDirectory;
import com.complaintflow.processor.owners.TeamCommand;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.ResolvedCase;
import com.complaintflow.schemas.avro.SlaTarget;
import com.complaintflow.processor.time.EventTimeBounds;
import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.CaseEventType;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.avro.Resolution;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one case action (agent desktop / CRM) to its case, or rejects it with a reason and
 * changes nothing. The lifecycle:
 *
 * <pre>
 *   QUEUED --assign--> OPEN <--> PENDING_CUSTOMER
 *   OPEN | PENDING_CUSTOMER --RESOLVED--> RESOLVED --CLOSED--> CLOSED
 *   RESOLVED | CLOSED --REOPENED--> OPEN
 * </pre>
 */
public final class CaseActionHandler {
  private static final Logger log = LoggerFactory.getLogger(CaseActionHandler.class);
  private static final int REMEMBERED_ACTIONS = 20;
  private static final Set<CaseStatus> WORKING = Set.of(CaseStatus.OPEN, CaseStatus.PENDING_CUSTOMER);

  /** Headers the router stamps so that a reject names the action's original coordinates. */
  public static final String TOPIC_HEADER = "cf.source.topic";
  public static final String PARTITION_HEADER = "cf.source.partition";
  public static final String OFFSET_HEADER = "cf.source.offset";

  private final CaseDecider manager;
  private final AgentDirectory agents;

  CaseActionHandler(CaseDecider manager, AgentDirectory agents) {
    this.manager = manager;
    this.agents = agents;
  }

  /** Thrown inside the handler to refuse an action; nothing has been changed at that point. */
  private static final class Refused extends Exception {
    final String reason;

    Refused(String reason, String detail) {
      super(detail, null, false, false);
      this.reason = reason;
    }
  }

  void onAction(Record<String, ClientInput> record, ClientInput.Action input) {
    CaseAction action = input.action();
    try {
      if (action == null) {
        throw new Refused("empty-action", "case action record without a value");
      }
      CaseState c = manager.caseState(action.getCaseId());
      if (c == null) {
        throw new Refused("unknown-case", action.getCaseId().isEmpty() && action.getCaseNumber() != null
            ? "no case numbered " + action.getCaseNumber() : "no case with id " + action.getCaseId());
      }
      long now = manager.now();
      if (action.getAt() == null || manager.timeBounds().impossible(action.getAt().toEpochMilli(), now)) {
        throw new Refused(EventTimeBounds.REASON, "at: " + (action.getAt() == null ? "missing"
            : manager.timeBounds().describe(action.getAt().toEpochMilli(), now)));
      }
      if (c.recentActionIds.contains(action.getActionId())) {
        throw new Refused("duplicate-action", "action " + action.getActionId() + " was already applied");
      }
      apply(c, action);
      c.recentActionIds.add(action.getActionId());
      if (c.recentActionIds.size() > REMEMBERED_ACTIONS) {
        c.recentActionIds.remove(0);
      }
      manager.saveCase(c);
      manager.counters().count("action", action.getType());
      log.debug("event=case-action caseNumber={} type={} actor={} status={}", c.caseNumber,
          action.getType(), action.getActor(), c.status);
    } catch (Refused refused) {
      manager.counters().count("action-rejected");
      reject(record, input, refused);
    }
  }

  private void apply(CaseState c, CaseAction a) throws Refused {
    long at = a.getAt().toEpochMilli();
    switch (a.getType()) {
      case RESPONDED -> {
        requireStatus(c, a, WORKING);
        if (c.firstResponseAt == null) {
          c.firstResponseAt = at;
        }
        c.lastResponseAt = at;
        manager.sla().responded(c, at);
        emit(c, CaseEventType.RESPONDED, a);
      }
      case PENDING_CUSTOMER -> {
        requireStatus(c, a, Set.of(CaseStatus.OPEN));
        c.status = CaseStatus.PENDING_CUSTOMER;
        c.pendingSince = at;
        manager.sla().paused(c, at);
        emit(c, CaseEventType.PENDING_CUSTOMER, a);
      }
      case CUSTOMER_REPLIED -> {
        requireStatus(c, a, WORKING);
        c.status = CaseStatus.OPEN;
        c.pendingSince = null;
        manager.sla().customerWrote(c, at);
        emit(c, CaseEventType.CUSTOMER_REPLIED, a);
      }
      case RESOLVED -> resolve(c, a, at);
      case CLOSED -> close(c, a, at);
      case REOPENED -> reopen(c, a, at);
      case REASSIGN -> reassign(c, a, at);
      default -> throw new Refused("unknown-action-type", "action type " + a.getType() + " is not supported");
    }
  }

  private void resolve(CaseState c, CaseAction a, long at) throws Refused {
    requireStatus(c, a, WORKING);
    Resolution r = a.getResolution();
    if (r != null && r.getCompensationAmount() != null
        && r.getCompensationAmount().compareTo(BigDecimal.ZERO) < 0) {
      throw new Refused("invalid-resolution", "compensation amount must not be negative");
    }
    c.status = CaseStatus.RESOLVED;
    c.resolvedAt = at;
    c.pendingSince = null;
    c.resolution = CaseRecords.data(r);
    manager.sla().resolved(c, at);
    emit(c, CaseEventType.RESOLVED, a);
    manager.emit(new CaseOutput.Resolved(resolved(c)), c.caseId, at);
    release(c, at);
    caseEnded(c, at);
  }

  private void close(CaseState c, CaseAction a, long at) throws Refused {
    requireStatus(c, a, Set.of(CaseStatus.RESOLVED));
    Integer score = a.getSatisfaction();
    if (score != null && (score < 1 || score > 5)) {
      throw new Refused("invalid-satisfaction", "satisfaction must be 1-5, was " + score);
    }
    c.status = CaseStatus.CLOSED;
    c.closedAt = at;
    c.satisfaction = score;
    c.satisfactionComment = a.getSatisfactionComment();
    emit(c, CaseEventType.CLOSED, a);
    manager.emit(new CaseOutput.Resolved(resolved(c)), c.caseId, at);
    caseEnded(c, at);
  }

  private ResolvedCase resolved(CaseState c) {
    return CaseRecords.resolved(c, manager.sla().results(c, manager.now()),
        manager.sla().regulatoryTimely(c, manager.now()));
  }

  private void reopen(CaseState c, CaseAction a, long at) throws Refused {
    requireStatus(c, a, Set.of(CaseStatus.RESOLVED, CaseStatus.CLOSED));
    c.status = CaseStatus.OPEN;
    c.reopenCount++;
    c.closedAt = null;
    ClientState client = manager.client(c.clientId);
    ClientState.CaseRef ref = client.ref(c.caseId);
    if (ref != null) {
      ref.open = true;
      ref.endedAt = null;
    }
    if (c.ownerId != null && agents.isActive(c.ownerId)) {
      Agent owner = agents.get(c.ownerId);
      c.team = owner.getTeam();
      c.coveringAgentId = agents.coveringFor(c.ownerId);
      TeamCommand force = CaseDecider.command(TeamCommand.Type.FORCE, c.team, c, at);
      force.agentId = c.ownerId;
      manager.send(force);
      emit(c, CaseEventType.REOPENED, a);
    } else {
      // The owner left: the reopened case is routed afresh.
      c.ownerId = null;
      c.coveringAgentId = null;
      c.status = CaseStatus.QUEUED;
      c.team = c.routedTeam;
      c.awaitingAssignment = true;
      emit(c, CaseEventType.REOPENED, a);
      TeamCommand route = CaseDecider.command(TeamCommand.Type.ROUTE, c.routedTeam, c, at);
      route.category = c.category.name();
      route.language = c.language;
      manager.send(route);
    }
    manager.sla().reopened(c, at);
    if (c.reopenCount >= manager.repeatSettings().reopenedAt()) {
      Alert alert = manager.sla().alerts().base(c, AlertKind.REOPENED_REPEAT, SlaTarget.NONE,
              c.reopenCount, "reopened", 1, manager.repeatSettings().recipients(),
              manager.now())
          .setSummary(String.format("%s: reopened %d times, the resolution did not hold; %s",
              c.caseNumber, c.reopenCount, AlertFactory.who(c)))
          .build();
      manager.alert(c, alert, at);
    }
    manager.saveClient(client);
  }

  private void reassign(CaseState c, CaseAction a, long at) throws Refused {
    requireStatus(c, a, Set.of(CaseStatus.QUEUED, CaseStatus.OPEN, CaseStatus.PENDING_CUSTOMER));
    String targetId = a.getTargetAgentId();
    if (targetId == null || !agents.isActive(targetId)) {
      throw new Refused("unknown-agent", "target agent " + targetId + " is unknown or inactive");
    }
    if (targetId.equals(c.ownerId)) {
      throw new Refused("illegal-transition", "case is already owned by " + targetId);
    }
    Agent target = agents.get(targetId);
    if (c.awaitingAssignment) {
      manager.send(CaseDecider.command(TeamCommand.Type.CANCEL, c.routedTeam, c, at));
    } else {
      release(c, at);
    }
    String previousOwner = c.ownerId;
    c.ownerId = targetId;
    c.team = target.getTeam();
    c.coveringAgentId = agents.coveringFor(targetId);
    c.affinityOverCapacity = false;
    c.awaitingAssignment = false;
    c.waitingForClientOwner = false;
    if (c.status == CaseStatus.QUEUED) {
      c.status = CaseStatus.OPEN;
    }
    TeamCommand force = CaseDecider.command(TeamCommand.Type.FORCE, c.team, c, at);
    force.agentId = targetId;
    manager.send(force);
    manager.sla().ownerChanged(c, at);
    emit(c, CaseEventType.REASSIGNED, a);

    ClientState client = manager.client(c.clientId);
    client.waitingCaseIds.remove(c.caseId);
    if (client.ownerId == null || client.ownerId.equals(previousOwner)) {
      // The single contact moves with the reassignment.
      client.ownerId = targetId;
      client.ownerTeam = c.team;
    }
    manager.saveCase(c);
    manager.ownerSettled(client, c.caseId, at);
    manager.saveClient(client);
  }

  private void release(CaseState c, long at) {
    if (c.ownerId != null) {
      TeamCommand release = CaseDecider.command(TeamCommand.Type.RELEASE, c.team, c, at);
      release.agentId = c.ownerId;
      manager.send(release);
    }
  }

  private void caseEnded(CaseState c, long at) {
    ClientState client = manager.client(c.clientId);
    ClientState.CaseRef ref = client.ref(c.caseId);
    if (ref != null && ref.open) {
      ref.open = false;
      ref.endedAt = at;
    }
    client.lastCaseEndedAt = at;
    manager.saveClient(client);
  }

  private void emit(CaseState c, CaseEventType type, CaseAction a) {
    manager.emit(CaseRecords.event(c, type, a.getAt().toEpochMilli())
        .setActionId(a.getActionId()).setActor(a.getActor()).setNote(a.getNote())
        .build());
  }

  private static void requireStatus(CaseState c, CaseAction a, Set<CaseStatus> allowed) throws Refused {
    if (!allowed.contains(c.status)) {
      throw new Refused("illegal-transition",
          a.getType() + " is not allowed on a case in status " + c.status);
    }
  }

  private void reject(Record<String, ClientInput> record, ClientInput.Action input, Refused refused) {
    CaseAction action = input.action();
    String actionId = action == null ? null : action.getActionId();
    String caseId = input.caseId();
    Headers headers = record.headers();
    long now = manager.now();
    RejectedInput reject = RejectedInput.newBuilder()
        .setRejectId(UUID.nameUUIDFromBytes(((actionId == null ? caseId + "@" + header(headers, OFFSET_HEADER) : actionId)
            + "|" + refused.reason).getBytes(StandardCharsets.UTF_8)).toString())
        .setChannel(Channel.OTHER)
        .setReason(refused.reason)
        .setDetail(refused.getMessage())
        .setExcerpt(action == null ? null : action.getType() + " by " + action.getActor())
        .setSourceSystem("case-actions")
        .setSourceId(actionId)
        .setTopic(header(headers, TOPIC_HEADER))
        .setPartition(parseInt(header(headers, PARTITION_HEADER)))
        .setOffset(parseLong(header(headers, OFFSET_HEADER)))
        .setRejectedAt(Instant.ofEpochMilli(now))
        .build();
    manager.emit(new CaseOutput.Reject(reject), caseId, record.timestamp());
    log.warn("event=case-action-rejected reason={} caseId={} actionId={}", refused.reason, caseId, actionId);
  }

  private static String header(Headers headers, String name) {
    Header h = headers == null ? null : headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static Integer parseInt(String s) {
    return s == null ? null : Integer.valueOf(s);
  }

  private static Long parseLong(String s) {
    return s == null ? null : Long.valueOf(s);
  }
}
