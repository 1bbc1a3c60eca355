package com.complaintflow.processor.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.processor.identity.ClientRef;
import com.complaintflow.processor.owners.AgentDirectory;
import com.complaintflow.processor.owners.Assignment;
import com.complaintflow.processor.owners.TeamCommand;
import com.complaintflow.processor.rules.Classification;
import com.complaintflow.processor.rules.RoutingRules;
import com.complaintflow.processor.sla.DeadlineIndex;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseStatus;
import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

/**
 * The case task's decisions on plain maps: no test driver, no store, no Kafka. Each test feeds
 * inputs (complaint facts, dispatcher answers, a due deadline) and checks the state the decider
 * left and the outputs it produced.
 */
class CaseDeciderTest {
  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z"); // a Monday

  /** The task's state and outputs in maps. */
  static final class MapTx implements CaseTx {
    long now = T.toEpochMilli();
    final Map<String, ClientState> clients = new HashMap<>();
    final Map<String, CaseState> cases = new HashMap<>();
    final Map<String, String> messages = new HashMap<>();
    final Map<String, Long> indexed = new HashMap<>();
    final List<KeyValue<String, CaseOutput>> out = new ArrayList<>();
    long sequence;

    @Override
    public long now() {
      return now;
    }

    @Override
    public int partition() {
      return 3;
    }

    @Override
    public ClientState loadClient(String clientId) {
      ClientState c = clients.get(clientId);
      return c == null ? null : new ClientStateSerde().decode(new ClientStateSerde().encode(c));
    }

    @Override
    public void saveClient(ClientState client) {
      clients.put(client.clientId, client);
    }

    @Override
    public CaseState loadCase(String caseId) {
      CaseState c = cases.get(caseId);
      return c == null ? null : new CaseStateSerde().decode(new CaseStateSerde().encode(c));
    }

    @Override
    public void saveCase(CaseState c, Long nextMoment) {
      c.sla.indexedAt = nextMoment;
      if (nextMoment == null) {
        indexed.remove(c.caseId);
      } else {
        indexed.put(c.caseId, nextMoment);
      }
      cases.put(c.caseId, c);
    }

    @Override
    public void deleteCase(String caseId) {
      cases.remove(caseId);
    }

    @Override
    public long nextSequence() {
      return ++sequence;
    }

    @Override
    public String messageCase(String clientId, String messageId) {
      return messages.get(clientId + "|" + messageId);
    }

    @Override
    public void indexMessage(String clientId, String messageId, String caseNumber) {
      messages.put(clientId + "|" + messageId, caseNumber);
    }

    @Override
    public void forgetMessages(String clientId, String caseNumber) {
      messages.entrySet().removeIf(e -> e.getKey().startsWith(clientId + "|") && e.getValue().equals(caseNumber));
    }

    @Override
    public ClientRef clientRef(String clientId) {
      return null;
    }

    @Override
    public void caseOpened(String caseNumber, String caseId) {}

    @Override
    public void caseForgotten(String caseNumber) {}

    @Override
    public void forward(String key, CaseOutput output, long timestamp) {
      out.add(KeyValue.pair(key, output));
    }

    List<String> drain() {
      List<String> lines = new ArrayList<>();
      for (KeyValue<String, CaseOutput> kv : out) {
        if (kv.value instanceof CaseOutput.Event e) {
          CaseEvent ev = e.event();
          lines.add("event " + ev.getType() + " " + ev.getCaseNumber() + " " + ev.getStatus());
        } else if (kv.value instanceof CaseOutput.Command c) {
          TeamCommand cmd = c.command();
          lines.add("command " + cmd.type + " " + cmd.team);
        } else if (kv.value instanceof CaseOutput.AlertOut a) {
          lines.add("alert " + a.alert().getKind() + " " + a.alert().getTarget() + " " + a.alert().getLevel());
        } else {
          lines.add(kv.value.getClass().getSimpleName());
        }
      }
      out.clear();
      return lines;
    }
  }

  private final MapTx tx = new MapTx();
  private final CaseDecider decider = decider(tx);

  private static CaseDecider decider(MapTx tx) {
    Map<String, Object> values = new HashMap<>();
    values.put(ProcessorConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://case-decider-test");
    values.put(ProcessorConfig.APPLICATION_ID_CONFIG, "case-decider-test");
    values.put("sla.policy.default.first-response", "4h");
    values.put("sla.policy.default.resolution", "16h");
    values.put("sla.warnings", "none");
    values.put("sla.unassigned.after", "30m");
    values.put("case.number.partition.stride", "10");
    ProcessorConfig config = new ProcessorConfig(values);
    CaseManager.Settings settings = new CaseManager.Settings("cases", "clients", "sequence", "index",
        "agents", config.affinityWindow(), config.caseNumberStride(), config.clientHistoryMaxCases(),
        RoutingRules.load(config.routingRulesPath(), config.defaultTeam()), config.slaSettings(),
        "deadlines", config.eventTimeBounds(), "messages");
    return new CaseDecider(settings, tx, new AgentDirectory(new OneAgent()),
        new CaseCounters(new MockProcessorContext<>().metrics(), "0_3"));
  }

  private static ComplaintFacts email(String id, String messageId, List<String> refs) {
    return new ComplaintFacts(id, T.toEpochMilli(), Channel.EMAIL, "ru", messageId, null, refs,
        new Classification(Category.SERVICE, Priority.NORMAL, false), false);
  }

  private void decide(String clientId, ClientInput input) {
    decider.decide(new Record<>(clientId, input, tx.now));
  }

  private static Assignment assigned(CaseState c) {
    Assignment a = new Assignment();
    a.type = Assignment.Type.ASSIGNED;
    a.caseId = c.caseId;
    a.clientId = c.clientId;
    a.team = c.routedTeam;
    a.agentId = "ag-1";
    a.at = T.plus(Duration.ofMinutes(5)).toEpochMilli();
    return a;
  }

  @Test
  void aComplaintOpensACaseNumberedOnTheTasksPartitionAndAsksItsTeamForAnOwner() {
    decide("C-1", new ClientInput.NewComplaint(email("c-1", "m1@mail.example", List.of())));
    List<String> out = tx.drain();
    assertEquals("event OPENED CF-13 QUEUED", out.get(0)); // sequence 1, stride 10, partition 3
    assertTrue(out.contains("command ROUTE " + tx.cases.get("C-1/CF-13").routedTeam), out.toString());
    CaseState c = tx.cases.get("C-1/CF-13");
    assertEquals(CaseStatus.QUEUED, c.status);
    // its next moment: the unassigned alert after 30 minutes in the queue
    assertEquals(T.plus(Duration.ofMinutes(30)).toEpochMilli(), tx.indexed.get(c.caseId));
    assertEquals("CF-13", tx.messages.get("C-1|m1@mail.example"));
    assertEquals(1, tx.clients.get("C-1").cases.size());
  }

  @Test
  void aReplyNamingTheFirstMessageJoinsItsCase() {
    decide("C-1", new ClientInput.NewComplaint(email("c-1", "m1@mail.example", List.of())));
    tx.drain();
    decide("C-1", new ClientInput.NewComplaint(email("c-2", "m2@mail.example", List.of("m1@mail.example"))));
    assertEquals(List.of("event FOLLOW_UP CF-13 QUEUED"), tx.drain());
    assertEquals(1, tx.cases.size());
    assertEquals(2, tx.cases.get("C-1/CF-13").complaintCount);
  }

  @Test
  void anOwnerFromTheDispatcherEndsTheUnassignedWaitAndTheBreachFiresOnce() {
    decide("C-1", new ClientInput.NewComplaint(email("c-1", null, List.of())));
    tx.drain();
    CaseState c = tx.cases.get("C-1/CF-13");
    decide("C-1", new ClientInput.Dispatch(assigned(c)));
    assertEquals(List.of("event ASSIGNED CF-13 OPEN"), tx.drain());
    assertEquals("ag-1", tx.clients.get("C-1").ownerId);
    long breach = T.plus(Duration.ofHours(4)).toEpochMilli();
    assertEquals(breach, tx.indexed.get(c.caseId)); // first-response breach, no more unassigned
    // the punctuation finds the entry due
    tx.now = breach;
    DeadlineIndex.Due due = new DeadlineIndex.Due(breach, c.caseId, DeadlineIndex.key(breach, c.caseId), null);
    decider.deadlineDue(due, tx.now);
    assertEquals(List.of("alert SLA_BREACH FIRST_RESPONSE 1"), tx.drain());
    assertEquals(T.plus(Duration.ofHours(16)).toEpochMilli(), tx.indexed.get(c.caseId));
    // the same entry again (a replay after a restart) is stale: nothing is sent twice
    decider.deadlineDue(due, tx.now);
    assertEquals(List.of(), tx.drain());
  }

  @Test
  void anAbandonedCallIsAContactNotACase() {
    ComplaintFacts call = new ComplaintFacts("c-9", T.toEpochMilli(), Channel.PHONE, null, null, null,
        List.of(), new Classification(Category.OTHER, Priority.NORMAL, false), true);
    decide("C-2", new ClientInput.NewComplaint(call));
    assertEquals(List.of(), tx.drain());
    assertTrue(tx.cases.isEmpty());
    assertNotNull(tx.clients.get("C-2"));
    assertEquals(1, tx.clients.get("C-2").abandonedCalls.size());
    assertNull(tx.indexed.get("C-2"));
  }

  /** An agents table with one available agent of every team. */
  private static final class OneAgent implements ReadOnlyKeyValueStore<String, ValueAndTimestamp<Agent>> {
    private final TreeMap<String, ValueAndTimestamp<Agent>> agents = new TreeMap<>();

    OneAgent() {
      agents.put("ag-1", ValueAndTimestamp.make(Agent.newBuilder().setAgentId("ag-1").setTeam("service")
          .setCapacity(10).setStatus(AgentStatus.AVAILABLE).setEmail("ag-1@example.com")
          .setSkills(List.of()).setLanguages(List.of()).build(), 0L));
    }

    @Override
    public ValueAndTimestamp<Agent> get(String key) {
      return agents.get(key);
    }

    @Override
    public KeyValueIterator<String, ValueAndTimestamp<Agent>> range(String from, String to) {
      throw new UnsupportedOperationException();
    }

    @Override
    public KeyValueIterator<String, ValueAndTimestamp<Agent>> all() {
      throw new UnsupportedOperationException();
    }

    @Override
    public long approximateNumEntries() {
      return agents.size();
    }
  }
}
