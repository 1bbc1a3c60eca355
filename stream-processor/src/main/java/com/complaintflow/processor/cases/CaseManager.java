package com.complaintflow.processor.cases;

import com.complaintflow.processor.errors.RefusedSources;
import com.complaintflow.processor.identity.ClientRef;
import com.complaintflow.processor.identity.Contacts;
import com.complaintflow.processor.owners.AgentDirectory;
import com.complaintflow.processor.rules.RoutingRules;
import com.complaintflow.processor.sla.DeadlineEntry;
import com.complaintflow.processor.sla.DeadlineIndex;
import com.complaintflow.processor.sla.SlaSettings;
import com.complaintflow.processor.sla.SlaState;
import com.complaintflow.processor.time.EventTimeBounds;
import com.complaintflow.schemas.avro.Agent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
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
 * The case task of a client (input keyed by client id), as a Kafka Streams processor: it only
 * loads, saves and forwards. Every decision is {@link CaseDecider}'s, on the task's stores seen
 * through {@link CaseTx}: all state of a client and its cases lives in this task, so every
 * decision about one client is sequential. A wall-clock punctuation hands the decider the cases
 * whose deadline-index entry is due.
 */
public final class CaseManager implements Processor<String, ClientInput, String, CaseOutput> {
  private static final Logger log = LoggerFactory.getLogger(CaseManager.class);
  private static final String SEQUENCE_KEY = "case-number";
  /** Cases handled per punctuation at most: a backlog (after downtime) drains over several. */
  static final int MAX_PER_PUNCTUATION = 10_000;
  /** Separates the client id from the message id in the message index's keys. */
  private static final char MESSAGE_KEY_SEPARATOR = '\u0000';
  private static final StringSerializer KEYS = new StringSerializer();

  /** Store names and settings the case task needs. */
  public record Settings(
      String caseStore, String clientStore, String sequenceStore, String clientIndexStore,
      String agentStore, Duration affinityWindow, int caseNumberStride, int clientHistoryMaxCases,
      RoutingRules routing, SlaSettings sla,
      String deadlineStore, EventTimeBounds timeBounds, String messageIndexStore) {}

  private final Settings settings;
  private ProcessorContext<String, CaseOutput> context;
  private KeyValueStore<String, CaseState> cases;
  private KeyValueStore<String, ClientState> clients;
  private KeyValueStore<String, Long> sequence;
  /** Client id, NUL, normalised e-mail Message-ID -> case number: replies find their case. */
  private KeyValueStore<String, String> messages;
  private ReadOnlyKeyValueStore<String, ClientRef> clientIndex;
  private DeadlineIndex index;
  private CaseCounters counters;
  private CaseNumberIndex numbers;
  private CaseDecider decider;

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
    KeyValueStore<Bytes, DeadlineEntry> deadlines = context.getStateStore(settings.deadlineStore());
    this.index = new DeadlineIndex(deadlines);
    this.counters = new CaseCounters(context.metrics(), context.taskId().toString());
    this.decider = new CaseDecider(settings, new StoreTx(), new AgentDirectory(agentStore), counters);
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
    decider.decide(record);
  }

  /** The wall-clock punctuation: the cases whose index entry is due, at most {@link #MAX_PER_PUNCTUATION}. */
  private void fireDue(long now) {
    List<DeadlineIndex.Due> due = index.due(now, MAX_PER_PUNCTUATION);
    for (DeadlineIndex.Due d : due) {
      index.delete(d.key());
      decider.deadlineDue(d, now);
    }
    if (due.size() == MAX_PER_PUNCTUATION) {
      log.warn("event=deadline-backlog handled={} action=continue-next-punctuation", due.size());
    }
  }

  @Override
  public void close() {
    if (counters != null) {
      counters.close();
    }
  }

  private static String messageKey(String clientId, String normalizedMessageId) {
    return clientId + MESSAGE_KEY_SEPARATOR + normalizedMessageId;
  }

  /** The decider's view of this task's stores. */
  private final class StoreTx implements CaseTx {
    @Override
    public long now() {
      return context.currentSystemTimeMs();
    }

    @Override
    public int partition() {
      return context.taskId().partition();
    }

    @Override
    public ClientState loadClient(String clientId) {
      return clients.get(clientId);
    }

    @Override
    public void saveClient(ClientState client) {
      clients.put(client.clientId, client);
    }

    @Override
    public CaseState loadCase(String caseId) {
      return cases.get(caseId);
    }

    /**
     * Saves the case and keeps its deadline-index entry in step: the entry moves only when the
     * case's next alert moment did, so most saves write nothing to the index.
     */
    @Override
    public void saveCase(CaseState c, Long next) {
      SlaState s = c.sla;
      if (!s.scheduled.isEmpty()) {
        // entries the previous release wrote, one per alert point
        for (var e : s.scheduled.entrySet()) {
          index.deleteLegacy(e.getValue(), c.caseId, e.getKey());
        }
        s.scheduled.clear();
      }
      if (!Objects.equals(next, s.indexedAt)) {
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

    @Override
    public void deleteCase(String caseId) {
      cases.delete(caseId);
    }

    @Override
    public long nextSequence() {
      Long last = sequence.get(SEQUENCE_KEY);
      long next = last == null ? 1 : last + 1;
      sequence.put(SEQUENCE_KEY, next);
      return next;
    }

    @Override
    public String messageCase(String clientId, String messageId) {
      return messages.get(messageKey(clientId, messageId));
    }

    @Override
    public void indexMessage(String clientId, String messageId, String caseNumber) {
      messages.put(messageKey(clientId, messageId), caseNumber);
    }

    @Override
    public void forgetMessages(String clientId, String caseNumber) {
      List<String> gone = new ArrayList<>();
      try (var it = messages.prefixScan(clientId + MESSAGE_KEY_SEPARATOR, KEYS)) {
        while (it.hasNext()) {
          var kv = it.next();
          if (caseNumber.equals(kv.value)) {
            gone.add(kv.key);
          }
        }
      }
      gone.forEach(messages::delete);
    }

    @Override
    public ClientRef clientRef(String clientId) {
      return clientIndex.get(Contacts.CLIENT_PREFIX + clientId);
    }

    @Override
    public void caseOpened(String caseNumber, String caseId) {
      numbers.opened(caseNumber, caseId);
    }

    @Override
    public void caseForgotten(String caseNumber) {
      numbers.forgotten(caseNumber);
    }

    @Override
    public void forward(String key, CaseOutput output, long timestamp) {
      context.forward(new Record<>(key, output, timestamp));
    }
  }
}
