package com.complaintflow.processor.cases;

import com.complaintflow.processor.identity.ClientRef;
import com.complaintflow.processor.owners.AgentDirectory;
import com.complaintflow.processor.owners.Assignment;
import com.complaintflow.processor.owners.TeamCommand;
import com.complaintflow.processor.rules.Classification;
import com.complaintflow.processor.rules.RoutingRules;
import com.complaintflow.processor.sla.DeadlineIndex;
import com.complaintflow.processor.sla.SlaSettings;
import com.complaintflow.processor.sla.SlaState;
import com.complaintflow.processor.time.EventTimeBounds;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseEventType;
import com.complaintflow.schemas.avro.CaseStatus;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Priority;
import com.complaintflow.schemas.avro.SlaTarget;
import java.util.Locale;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions of a client's case task: opens cases, threads follow-ups, applies case actions and
 * dispatcher answers, keeps the client's owner (single contact) and fires the SLA alerts that are
 * due. It sees the task's state only through {@link CaseTx} (the client, its cases, the message
 * index, the case-number sequence, the processing clock) and produces outputs only through it, so
 * it runs as well on the Kafka Streams stores ({@link CaseManager}, which loads, saves and
 * forwards) as on plain maps in a unit test.
 */
final class CaseDecider {
  private static final Logger log = LoggerFactory.getLogger(CaseDecider.class);

  private final CaseManager.Settings settings;
  private final CaseTx tx;
  private final AgentDirectory agents;
  private final CaseActionHandler actions;
  private final SlaTracker sla;
  private final RepeatDetector repeats;
  private final CaseCounters counters;

  CaseDecider(CaseManager.Settings settings, CaseTx tx, AgentDirectory agents, CaseCounters counters) {
    this.settings = settings;
    this.tx = tx;
    this.agents = agents;
    this.counters = counters;
    this.actions = new CaseActionHandler(this, agents);
    this.sla = new SlaTracker(settings.sla(), new AlertFactory(settings.sla(), agents));
    this.repeats = new RepeatDetector(settings.sla().repeats());
  }

  /** Decides one input of the task (keyed by client id). */
  void decide(Record<String, ClientInput> record) {
    ClientInput input = record.value();
    if (input instanceof ClientInput.NewComplaint c) {
      onComplaint(record.key(), c.facts());
    } else if (input instanceof ClientInput.Action a) {
      actions.onAction(record, a);
    } else if (input instanceof ClientInput.Dispatch d) {
      onDispatch(d.assignment());
    }
  }

  // ---- complaints ---------------------------------------------------------------------------

  private void onComplaint(String clientId, ComplaintFacts complaint) {
    ClientState client = client(clientId);
    long at = complaint.receivedAt();
    if (complaint.abandonedCall()) {
      abandonedCall(client, complaint, at);
      tx.saveClient(client);
      return;
    }
    CaseState thread = threadCase(client, complaint);
    if (thread != null) {
      followUp(client, thread, complaint, at);
    } else {
      open(client, complaint, at);
    }
    tx.saveClient(client);
  }

  /**
   * An abandoned call is a contact, not a complaint text: it opens no case by itself. The
   * configured number of them within the window raises a repeat alert on the client's newest
   * open case, or opens a case for them (so that someone calls back) and alerts on it.
   */
  private void abandonedCall(ClientState client, ComplaintFacts complaint, long at) {
    if (!repeats.abandonedCall(client, at)) {
      counters.count("abandoned-call");
      log.debug("event=abandoned-call-recorded clientId={} complaintId={} calls={}", client.clientId,
          complaint.complaintId(), client.abandonedCalls.size());
      return;
    }
    CaseState target = null;
    for (int i = client.cases.size() - 1; i >= 0 && target == null; i--) {
      ClientState.CaseRef ref = client.cases.get(i);
      CaseState c = ref.open ? tx.loadCase(ref.caseId) : null;
      if (c != null && !c.isFinished()) {
        target = c;
      }
    }
    if (target == null) {
      target = open(client, complaint, at);
    }
    int calls = repeats.settings().abandonedCalls();
    Alert alert = sla.alerts().base(target, AlertKind.REPEAT_COMPLAINT, SlaTarget.NONE, 1,
            "abandoned-calls@" + at, 1, repeats.settings().recipients(), tx.now())
        .setSummary(String.format("%s: client %s made %d abandoned calls within %s (no case text);"
                + " call back. %s", target.caseNumber, client.clientId, calls,
            AlertFactory.human(repeats.settings().abandonedWindow().toMillis()), AlertFactory.who(target)))
        .build();
    alert(target, alert, at);
    saveCase(target);
  }

  private void followUp(ClientState client, CaseState c, ComplaintFacts complaint, long at) {
    c.complaintCount++;
    c.followUpCount++;
    addChannel(c, complaint.channel());
    indexMessage(client, c, complaint);
    emit(CaseRecords.event(c, CaseEventType.FOLLOW_UP, at)
        .setComplaintId(complaint.complaintId()).setChannel(complaint.channel()).build());
    if (c.status == CaseStatus.PENDING_CUSTOMER) {
      c.status = CaseStatus.OPEN;
      c.pendingSince = null;
      emit(CaseRecords.event(c, CaseEventType.RESUMED, at)
          .setComplaintId(complaint.complaintId()).setChannel(complaint.channel()).build());
    }
    sla.customerWrote(c, at);
    if (!c.legal && complaint.classification().legal()) {
      c.legal = true;
      c.priority = Priority.URGENT;
      emit(CaseRecords.event(c, CaseEventType.PRIORITY_CHANGED, at)
          .setComplaintId(complaint.complaintId()).build());
      sla.priorityChanged(c, at);
      legalAlert(c, at);
    }
    saveCase(c);
    counters.count("follow-up");
    log.debug("event=follow-up caseNumber={} complaintId={} channel={}", c.caseNumber,
        complaint.complaintId(), complaint.channel());
  }

  private CaseState open(ClientState client, ComplaintFacts complaint, long at) {
    ClientRef ref = tx.clientRef(client.clientId);
    ClientTier tier = ref == null ? ClientTier.UNKNOWN : ClientTier.valueOf(ref.tier);
    Classification cls = complaint.classification();
    if (tier == ClientTier.A) {
      cls = cls.raisedForKeyClient();
    }
    String language = complaint.language() != null ? complaint.language()
        : ref != null ? ref.language : null;

    CaseState c = new CaseState();
    c.caseNumber = nextCaseNumber();
    c.caseId = CaseIds.caseId(client.clientId, c.caseNumber);
    tx.caseOpened(c.caseNumber, c.caseId);
    c.clientId = client.clientId;
    c.provisionalClient = ref == null;
    c.tier = tier;
    c.category = cls.category();
    c.priority = cls.priority();
    c.legal = cls.legal();
    c.language = language == null ? null : RoutingRules.primaryLanguage(language);
    c.routedTeam = settings.routing().teamFor(cls.category(), language, tier, complaint.channel());
    c.team = c.routedTeam;
    c.status = CaseStatus.QUEUED;
    c.awaitingAssignment = true;
    c.openedAt = at;
    c.complaintCount = 1;
    addChannel(c, complaint.channel());
    indexMessage(client, c, complaint);

    ClientState.CaseRef caseRef = new ClientState.CaseRef();
    caseRef.caseId = c.caseId;
    caseRef.caseNumber = c.caseNumber;
    caseRef.category = c.category;
    caseRef.openedAt = at;

    boolean affinity = hasAffinity(client, at);
    client.cases.add(caseRef);
    RepeatDetector.Finding repeat = repeats.newCase(client, c, at);
    c.repeat = repeat.repeat() && repeat.sameCategory();
    emit(CaseRecords.event(c, CaseEventType.OPENED, at)
        .setComplaintId(complaint.complaintId()).setChannel(complaint.channel()).build());
    sla.opened(c, at);
    if (c.legal) {
      legalAlert(c, at);
    }
    if (repeat.repeat()) {
      repeatAlert(client, c, repeat, at);
    }
    counters.count("case-opened");
    log.debug("event=case-opened caseNumber={} clientId={} provisional={} category={} priority={}"
            + " legal={} routedTeam={} channel={}", c.caseNumber, c.clientId, c.provisionalClient,
        c.category, c.priority, c.legal, c.routedTeam, complaint.channel());

    if (client.pendingCaseId != null) {
      // The client's earlier case still waits for an owner: this one follows it to the same
      // person instead of racing it to a different agent.
      c.waitingForClientOwner = true;
      client.waitingCaseIds.add(c.caseId);
    } else if (affinity) {
      requestAffinity(c, client.ownerId, at);
    } else {
      TeamCommand route = command(TeamCommand.Type.ROUTE, c.routedTeam, c, at);
      route.category = c.category.name();
      route.language = c.language;
      send(route);
      client.pendingCaseId = c.caseId;
    }
    saveCase(c);
    pruneHistory(client);
    return c;
  }

  private void legalAlert(CaseState c, long at) {
    Alert alert = sla.alerts().base(c, AlertKind.LEGAL_THREAT, SlaTarget.NONE, 1, "legal", 1,
            settings.sla().legalRecipients(), tx.now())
        .setSummary(String.format("%s: legal or regulator threat, priority %s, category %s; %s",
            c.caseNumber, c.priority, c.category, AlertFactory.who(c)))
        .build();
    alert(c, alert, at);
  }

  /** The client's second case within the look-back alerts; the Nth escalates to level 2. */
  private void repeatAlert(ClientState client, CaseState c, RepeatDetector.Finding repeat, long at) {
    boolean escalated = repeat.caseCount() >= repeats.settings().escalateAt();
    int level = escalated ? 2 : 1;
    Alert alert = sla.alerts().base(c, AlertKind.REPEAT_COMPLAINT, SlaTarget.NONE, level, "cases",
            1, escalated ? repeats.settings().escalatedRecipients() : repeats.settings().recipients(),
            tx.now())
        .setRelatedCaseNumbers(repeat.earlierCaseNumbers())
        .setSummary(String.format("%s: case %d of client %s within %s (earlier: %s)%s; %s",
            c.caseNumber, repeat.caseCount(), client.clientId,
            AlertFactory.human(repeats.settings().lookBack().toMillis()),
            String.join(", ", repeat.earlierCaseNumbers()),
            repeat.sameCategory() ? ", repeat in the same category " + c.category : "",
            AlertFactory.who(c)))
        .build();
    alert(c, alert, at);
  }

  /** The client's owner keeps new cases while the client has an open case or had one lately. */
  private boolean hasAffinity(ClientState client, long now) {
    if (client.ownerId == null || !agents.isActive(client.ownerId)) {
      return false;
    }
    if (client.hasOpenCase()) {
      return true;
    }
    return client.lastCaseEndedAt != null
        && now - client.lastCaseEndedAt <= settings.affinityWindow().toMillis();
  }

  void requestAffinity(CaseState c, String ownerId, long at) {
    Agent owner = agents.get(ownerId);
    if (owner == null) {
      TeamCommand route = command(TeamCommand.Type.ROUTE, c.routedTeam, c, at);
      route.category = c.category.name();
      route.language = c.language;
      c.awaitingAssignment = true;
      c.waitingForClientOwner = false;
      send(route);
      return;
    }
    TeamCommand cmd = command(TeamCommand.Type.AFFINITY, owner.getTeam(), c, at);
    cmd.agentId = ownerId;
    c.awaitingAssignment = true;
    c.waitingForClientOwner = false;
    send(cmd);
  }

  private CaseState threadCase(ClientState client, ComplaintFacts complaint) {
    if (complaint.caseTag() != null) {
      String tag = complaint.caseTag().strip().toUpperCase(Locale.ROOT);
      for (ClientState.CaseRef ref : client.cases) {
        if (ref.open && ref.caseNumber.equals(tag)) {
          return tx.loadCase(ref.caseId);
        }
      }
    }
    for (String messageId : complaint.references()) {
      String caseNumber = tx.messageCase(client.clientId, messageId);
      if (caseNumber != null) {
        CaseState c = tx.loadCase(CaseIds.caseId(client.clientId, caseNumber));
        if (c != null && !c.isFinished()) {
          return c;
        }
      }
    }
    return null;
  }

  /** Indexes the complaint's Message-ID (e-mail only) for the replies that will name it. */
  private void indexMessage(ClientState client, CaseState c, ComplaintFacts complaint) {
    if (complaint.messageId() != null) {
      tx.indexMessage(client.clientId, complaint.messageId(), c.caseNumber);
    }
  }

  /** Forgets the oldest finished cases beyond the history limit, with their message ids. */
  private void pruneHistory(ClientState client) {
    while (client.cases.size() > settings.clientHistoryMaxCases()) {
      ClientState.CaseRef victim = client.cases.stream().filter(r -> !r.open).findFirst().orElse(null);
      if (victim == null) {
        return;
      }
      client.cases.remove(victim);
      tx.forgetMessages(client.clientId, victim.caseNumber);
      tx.deleteCase(victim.caseId);
      tx.caseForgotten(victim.caseNumber);
    }
  }

  private String nextCaseNumber() {
    return CaseIds.caseNumber(tx.nextSequence(), tx.partition(), settings.caseNumberStride());
  }

  // ---- dispatcher answers ------------------------------------------------------------------

  private void onDispatch(Assignment a) {
    CaseState c = tx.loadCase(a.caseId);
    switch (a.type) {
      case ASSIGNED -> assigned(c, a);
      case QUEUED -> {
        if (c != null && c.awaitingAssignment && c.status == CaseStatus.QUEUED) {
          emit(CaseRecords.event(c, CaseEventType.QUEUED, a.at).build());
          saveCase(c);
          counters.count("case-queued");
          log.debug("event=case-queued caseNumber={} team={}", c.caseNumber, a.team);
        }
      }
      case COVERING -> {
        if (c != null && a.agentId.equals(c.ownerId) && c.status != CaseStatus.CLOSED
            && !java.util.Objects.equals(c.coveringAgentId, a.coveringAgentId)) {
          c.coveringAgentId = a.coveringAgentId;
          emit(CaseRecords.event(c, CaseEventType.COVERING_CHANGED, a.at).build());
          saveCase(c);
        }
      }
    }
  }

  private void assigned(CaseState c, Assignment a) {
    if (c == null || !c.awaitingAssignment) {
      // Overtaken (manual reassignment, or the case is gone): give the slot back.
      if (c == null || !a.agentId.equals(c.ownerId)) {
        TeamCommand release = TeamCommand.of(TeamCommand.Type.RELEASE, a.team, a.caseId, a.clientId, a.at);
        release.agentId = a.agentId;
        send(release);
      }
      return;
    }
    c.awaitingAssignment = false;
    c.ownerId = a.agentId;
    c.team = a.team;
    c.coveringAgentId = a.coveringAgentId;
    c.affinityOverCapacity = a.overCapacity;
    if (c.status == CaseStatus.QUEUED) {
      c.status = CaseStatus.OPEN;
    }
    sla.ownerChanged(c, a.at);
    emit(CaseRecords.event(c, CaseEventType.ASSIGNED, a.at).build());
    saveCase(c);
    counters.count("case-assigned");
    log.debug("event=case-assigned caseNumber={} ownerId={} team={} coveringAgentId={}"
        + " affinityOverCapacity={}", c.caseNumber, c.ownerId, c.team, c.coveringAgentId,
        c.affinityOverCapacity);

    ClientState client = client(c.clientId);
    client.ownerId = a.agentId;
    client.ownerTeam = a.team;
    ownerSettled(client, c.caseId, a.at);
    tx.saveClient(client);
  }

  /** The client's pending case got an owner: the cases that waited for it follow. */
  void ownerSettled(ClientState client, String caseId, long at) {
    if (!caseId.equals(client.pendingCaseId)) {
      return;
    }
    client.pendingCaseId = null;
    for (String waitingId : client.waitingCaseIds) {
      CaseState waiting = tx.loadCase(waitingId);
      if (waiting != null && waiting.waitingForClientOwner) {
        requestAffinity(waiting, client.ownerId, at);
        saveCase(waiting);
      }
    }
    client.waitingCaseIds.clear();
  }

  // ---- shared with the action handler -------------------------------------------------------

  ClientState client(String clientId) {
    ClientState client = tx.loadClient(clientId);
    if (client == null) {
      client = new ClientState();
      client.clientId = clientId;
    } else if (!client.messageIndex.isEmpty()) {
      // written by the previous release: its message ids move to the message index
      for (var e : client.messageIndex.entrySet()) {
        String number = e.getValue().substring(e.getValue().lastIndexOf('/') + 1);
        tx.indexMessage(clientId, e.getKey(), number);
      }
      client.messageIndex.clear();
    }
    return client;
  }

  void saveClient(ClientState client) {
    tx.saveClient(client);
  }

  CaseState caseState(String caseId) {
    return caseId == null ? null : tx.loadCase(caseId);
  }

  /** Saves the case; its deadline-index entry follows its next alert moment. */
  void saveCase(CaseState c) {
    tx.saveCase(c, sla.nextMoment(c));
  }

  /** Sends the alert unless the case has handled the same alert point before. */
  void alert(CaseState c, Alert alert, long at) {
    if (c.sla.markIfNew(alert.getAlertId())) {
      sendAlert(c, alert, at);
    }
  }

  private void sendAlert(CaseState c, Alert alert, long at) {
    emit(new CaseOutput.AlertOut(alert), c.caseId, at);
    counters.count("alert", alert.getKind());
    log.debug("event=alert kind={} caseNumber={} target={} level={} severity={} alertId={}",
        alert.getKind(), c.caseNumber, alert.getTarget(), alert.getLevel(), alert.getSeverity(),
        alert.getAlertId());
  }

  /**
   * The case's deadline-index entry at {@code d} came due at {@code now} (the entry is gone from
   * the index): sends the alerts due, unless the entry is stale (the case was saved with another
   * moment since), and saves the case, which indexes its next moment.
   */
  void deadlineDue(DeadlineIndex.Due d, long now) {
    CaseState c = caseState(d.caseId());
    if (c == null || !current(c.sla, d)) {
      return;
    }
    for (Alert alert : sla.due(c, now)) {
      sendAlert(c, alert, now);
    }
    saveCase(c);
  }

  /** Whether a due entry is the case's current one (and forgets it: it has been deleted). */
  private static boolean current(SlaState s, DeadlineIndex.Due d) {
    if (d.legacy() != null) {
      Long at = s.scheduled.remove(d.legacy().pointId);
      return at != null && at == d.atMillis();
    }
    if (s.indexedAt == null || s.indexedAt != d.atMillis()) {
      return false;
    }
    s.indexedAt = null;
    return true;
  }

  SlaSettings.RepeatSettings repeatSettings() {
    return settings.sla().repeats();
  }

  CaseCounters counters() {
    return counters;
  }

  SlaTracker sla() {
    return sla;
  }

  /** The processing clock (wall-clock time of the task). */
  long now() {
    return tx.now();
  }

  static TeamCommand command(TeamCommand.Type type, String team, CaseState c, long at) {
    return TeamCommand.of(type, team, c.caseId, c.clientId, at);
  }

  void emit(CaseEvent event) {
    tx.forward(event.getCaseId(), new CaseOutput.Event(event),
        outputTimestamp(event.getAt().toEpochMilli()));
  }

  void emit(CaseOutput output, String key, long at) {
    tx.forward(key, output, outputTimestamp(at));
  }

  void send(TeamCommand command) {
    tx.forward(command.team, new CaseOutput.Command(command), outputTimestamp(command.at));
  }

  /** Event time for the record timestamp unless it lies ahead of the processing clock. */
  private long outputTimestamp(long eventTime) {
    return EventTimeBounds.outputTimestamp(eventTime, tx.now());
  }

  EventTimeBounds timeBounds() {
    return settings.timeBounds();
  }

  private static void addChannel(CaseState c, Channel channel) {
    if (!c.channels.contains(channel.name())) {
      c.channels.add(channel.name());
    }
  }
}
