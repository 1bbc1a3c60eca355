package com.complaintflow.processor.cases;

import com.complaintflow.schemas.avro.CaseStatus;

import com.complaintflow.processor.errors.RefusedSources;
import com.complaintflow.processor.identity.ClientRef;
import com.complaintflow.processor.identity.Contacts;
import com.complaintflow.processor.owners.AgentDirectory;
import com.complaintflow.processor.owners.Assignment;
import com.complaintflow.processor.owners.TeamCommand;
import com.complaintflow.processor.rules.Classification;
import com.complaintflow.processor.rules.ClassificationRules;
import com.complaintflow.processor.rules.RoutingRules;
import com.complaintflow.processor.sla.DeadlineEntry;
import com.complaintflow.processor.sla.DeadlineIndex;
import com.complaintflow.processor.sla.SlaSettings;
import com.complaintflow.processor.sla.SlaState;
import com.complaintflow.processor.time.EventTimeBounds;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.SlaTarget;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseEventType;
import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.Priority;
import com.complaintflow.schemas.avro.ThreadRefs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The case task of a client (input keyed by client id): opens cases, threads follow-ups, applies
 * case actions and dispatcher answers, and keeps the client's owner (single contact). All state
 * of a client and its cases lives in this task, so every decision about one client is sequential.
 */
public final class CaseManager implements Processor<String, ClientInput, String, CaseOutput> {
  private static final Logger log = LoggerFactory.getLogger(CaseManager.class);
  private static final String SEQUENCE_KEY = "case-number";
  /** Cases handled per punctuation at most: a backlog (after downtime) drains over several. */
  static final int MAX_PER_PUNCTUATION = 10_000;

  /** Store names and settings the manager needs. */
  public record Settings(
      String caseStore, String clientStore, String sequenceStore, String clientIndexStore,
      String agentStore, Duration affinityWindow, int caseNumberStride, int clientHistoryMaxCases,
      ClassificationRules classification, RoutingRules routing, SlaSettings sla,
      String deadlineStore, EventTimeBounds timeBounds, String messageIndexStore) {}

  /** Separates the client id from the message id in the message index's keys. */
  private static final char MESSAGE_KEY_SEPARATOR = '\u0000';

  private final Settings settings;
  private ProcessorContext<String, CaseOutput> context;
  private KeyValueStore<String, CaseState> cases;
  private KeyValueStore<String, ClientState> clients;
  private KeyValueStore<String, Long> sequence;
  /** Client id, NUL, normalised e-mail Message-ID -> case number: replies find their case. */
  private KeyValueStore<String, String> messages;
  private ReadOnlyKeyValueStore<String, ClientRef> clientIndex;
  private AgentDirectory agents;
  private CaseActionHandler actions;
  private SlaTracker sla;
  private DeadlineIndex index;
  private RepeatDetector repeats;
  private CaseCounters counters;
  private CaseNumberIndex numbers;

  public CaseManager(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, CaseOutput> context) {
    this.context = context;
    this.cases = context.getStateStore(settings.caseStore());
    this.clients = context.getStateStore(settings.clientStore());
    this.sequence = context.getStateStore(settings.sequenceStore());
    this.numbers = new CaseNumberIndex(context.getStateStore(CaseNumberIndex.STORE), null);
    this.messages = context.getStateStore(settings.messageIndexStore());
    this.clientIndex = context.getStateStore(settings.clientIndexStore());
    ReadOnlyKeyValueStore<String, ValueAndTimestamp<Agent>> agentStore =
        context.getStateStore(settings.agentStore());
    this.agents = new AgentDirectory(agentStore);
    this.actions = new CaseActionHandler(this, agents);
    KeyValueStore<Bytes, DeadlineEntry> deadlines = context.getStateStore(settings.deadlineStore());
    this.index = new DeadlineIndex(deadlines);
    this.sla = new SlaTracker(settings.sla(), new AlertFactory(settings.sla(), agents));
    this.repeats = new RepeatDetector(settings.sla().repeats());
    this.counters = new CaseCounters(context.metrics(), context.taskId().toString());
    // Wall-clock time, not stream time: a quiet partition must still fire its deadlines.
    context.schedule(settings.sla().punctuationInterval(), PunctuationType.WALL_CLOCK_TIME,
        this::fireDue);
  }

  @Override
  public void process(Record<String, ClientInput> record) {
    RecordMetadata source = context.recordMetadata().orElse(null);
    if (RefusedSources.contains(context, source)) {
      // Its output was refused by the broker and rejected; the re-run of the aborted
      // transaction must not produce it again.
      log.warn("event=input-skipped reason=output-refused topic={} partition={} offset={}",
          source.topic(), source.partition(), source.offset());
      return;
    }
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
      clients.put(clientId, client);
      return;
    }
    CaseState thread = threadCase(client, complaint);
    if (thread != null) {
      followUp(client, thread, complaint, at);
    } else {
      open(client, complaint, at);
    }
    clients.put(clientId, client);
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
      CaseState c = ref.open ? cases.get(ref.caseId) : null;
      if (c != null && !c.isFinished()) {
        target = c;
      }
    }
    if (target == null) {
      target = open(client, complaint, at);
    }
    int calls = repeats.settings().abandonedCalls();
    Alert alert = sla.alerts().base(target, AlertKind.REPEAT_COMPLAINT, SlaTarget.NONE, 1,
            "abandoned-calls@" + at, 1, repeats.settings().recipients(), context.currentSystemTimeMs())
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
    ClientRef ref = clientIndex.get(Contacts.CLIENT_PREFIX + client.clientId);
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
    numbers.opened(c.caseNumber, c.caseId);
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
            settings.sla().legalRecipients(), context.currentSystemTimeMs())
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
            context.currentSystemTimeMs())
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
          return cases.get(ref.caseId);
        }
      }
    }
    for (String messageId : complaint.references()) {
      String caseNumber = messages.get(messageKey(client.clientId, messageId));
      if (caseNumber != null) {
        CaseState c = cases.get(CaseIds.caseId(client.clientId, caseNumber));
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
      messages.put(messageKey(client.clientId, complaint.messageId()), c.caseNumber);
    }
  }

  private static String messageKey(String clientId, String normalizedMessageId) {
    return clientId + MESSAGE_KEY_SEPARATOR + normalizedMessageId;
  }

  /** Removes the message ids of a case the client's history forgets. */
  private void forgetMessages(String clientId, String caseNumber) {
    List<String> gone = new ArrayList<>();
    try (var it = messages.prefixScan(clientId + MESSAGE_KEY_SEPARATOR,
        new org.apache.kafka.common.serialization.StringSerializer())) {
      while (it.hasNext()) {
        var kv = it.next();
        if (caseNumber.equals(kv.value)) {
          gone.add(kv.key);
        }
      }
    }
    gone.forEach(messages::delete);
  }

  /** Forgets the oldest finished cases beyond the history limit, with their message ids. */
  private void pruneHistory(ClientState client) {
    while (client.cases.size() > settings.clientHistoryMaxCases()) {
      ClientState.CaseRef victim = client.cases.stream().filter(r -> !r.open).findFirst().orElse(null);
      if (victim == null) {
        return;
      }
      client.cases.remove(victim);
      forgetMessages(client.clientId, victim.caseNumber);
      cases.delete(victim.caseId);
      numbers.forgotten(victim.caseNumber);
    }
  }

  private String nextCaseNumber() {
    Long last = sequence.get(SEQUENCE_KEY);
    long next = last == null ? 1 : last + 1;
    sequence.put(SEQUENCE_KEY, next);
    return CaseIds.caseNumber(next, context.taskId().partition(), settings.caseNumberStride());
  }

  // ---- dispatcher answers ------------------------------------------------------------------

  private void onDispatch(Assignment a) {
    CaseState c = cases.get(a.caseId);
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
    clients.put(client.clientId, client);
  }

  /** The client's pending case got an owner: the cases that waited for it follow. */
  void ownerSettled(ClientState client, String caseId, long at) {
    if (!caseId.equals(client.pendingCaseId)) {
      return;
    }
    client.pendingCaseId = null;
    for (String waitingId : client.waitingCaseIds) {
      CaseState waiting = cases.get(waitingId);
      if (waiting != null && waiting.waitingForClientOwner) {
        requestAffinity(waiting, client.ownerId, at);
        saveCase(waiting);
      }
    }
    client.waitingCaseIds.clear();
  }

  // ---- shared with the action handler -------------------------------------------------------

  ClientState client(String clientId) {
    ClientState client = clients.get(clientId);
    if (client == null) {
      client = new ClientState();
      client.clientId = clientId;
    } else if (!client.messageIndex.isEmpty()) {
      // written by the previous release: its message ids move to the message index store
      for (var e : client.messageIndex.entrySet()) {
        String number = e.getValue().substring(e.getValue().lastIndexOf('/') + 1);
        messages.put(messageKey(clientId, e.getKey()), number);
      }
      client.messageIndex.clear();
    }
    return client;
  }

  void saveClient(ClientState client) {
    clients.put(client.clientId, client);
  }

  CaseState caseState(String caseId) {
    return caseId == null ? null : cases.get(caseId);
  }

  /**
   * Saves the case and keeps its deadline-index entry in step with its clocks: the entry moves
   * only when the case's next alert moment did, so most saves write nothing to the index.
   */
  void saveCase(CaseState c) {
    SlaState s = c.sla;
    if (!s.scheduled.isEmpty()) {
      // entries the previous release wrote, one per alert point
      for (var e : s.scheduled.entrySet()) {
        index.deleteLegacy(e.getValue(), c.caseId, e.getKey());
      }
      s.scheduled.clear();
    }
    Long next = sla.nextMoment(c);
    if (!java.util.Objects.equals(next, s.indexedAt)) {
      if (s.indexedAt != null) {
        index.delete(s.indexedAt, c.caseId);
      }
      if (next != null) {
        index.put(next, c.caseId);
      }
      s.indexedAt = next;
    }
    cases.put(c.caseId, c);
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
   * The wall-clock punctuation: for every case whose index entry is due (at most
   * {@link #MAX_PER_PUNCTUATION}), sends the alerts due now and saves the case (which indexes its
   * next moment).
   */
  private void fireDue(long now) {
    List<DeadlineIndex.Due> due = index.due(now, MAX_PER_PUNCTUATION);
    for (DeadlineIndex.Due d : due) {
      index.delete(d.key());
      CaseState c = caseState(d.caseId());
      if (c == null || !current(c.sla, d)) {
        continue; // stale: the case was saved with another moment since, or is gone
      }
      for (Alert alert : sla.due(c, now)) {
        sendAlert(c, alert, now);
      }
      saveCase(c);
    }
    if (due.size() == MAX_PER_PUNCTUATION) {
      log.warn("event=deadline-backlog handled={} action=continue-next-punctuation", due.size());
    }
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

  @Override
  public void close() {
    if (counters != null) {
      counters.close();
    }
  }

  SlaTracker sla() {
    return sla;
  }

  ProcessorContext<String, CaseOutput> context() {
    return context;
  }

  static TeamCommand command(TeamCommand.Type type, String team, CaseState c, long at) {
    return TeamCommand.of(type, team, c.caseId, c.clientId, at);
  }

  void emit(CaseEvent event) {
    context.forward(new Record<>(event.getCaseId(), new CaseOutput.Event(event),
        outputTimestamp(event.getAt().toEpochMilli())));
  }

  void emit(CaseOutput output, String key, long at) {
    context.forward(new Record<>(key, output, outputTimestamp(at)));
  }

  void send(TeamCommand command) {
    context.forward(new Record<>(command.team, new CaseOutput.Command(command),
        outputTimestamp(command.at)));
  }

  /** Event time for the record timestamp unless it lies ahead of the processing clock. */
  private long outputTimestamp(long eventTime) {
    return EventTimeBounds.outputTimestamp(eventTime, context.currentSystemTimeMs());
  }

  EventTimeBounds timeBounds() {
    return settings.timeBounds();
  }

  private static void addChannel(CaseState c, Channel channel) {
    if (!c.channels.contains(channel.name())) {
      c.channels.add(channel.name());
    }
  }

  static Category category(CaseState c) {
    return c.category;
  }
}
