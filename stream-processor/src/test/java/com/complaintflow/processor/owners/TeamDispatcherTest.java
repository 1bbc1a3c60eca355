package com.complaintflow.processor.owners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher on its own, with an agents table of 1,000 agents in other teams: a request reads
 * only its team's agents, by key, never the whole table; capacity holds; an agent who joins the
 * team through the agents table is seen by the next request.
 */
class TeamDispatcherTest {
  private static final String AGENTS = "agents";
  private static final long T = 1772442000000L;

  private final TeamRoster roster = new TeamRoster();
  private final CountingAgentsTable table = new CountingAgentsTable(AGENTS);
  private MockProcessorContext<Void, Void> updaterContext;
  private AgentsTableUpdater updater;
  private MockProcessorContext<String, Assignment> context;
  private TeamDispatcher dispatcher;

  @BeforeEach
  void setUp() {
    updaterContext = new MockProcessorContext<>();
    updaterContext.addStateStore(table);
    updater = new AgentsTableUpdater(AGENTS, roster);
    updater.init(updaterContext);
    for (int i = 0; i < 1000; i++) {
      agent("other-" + i, "team-" + (i % 50), 5, AgentStatus.AVAILABLE);
    }
    agent("ag-1", "service", 2, AgentStatus.AVAILABLE);
    agent("ag-2", "service", 2, AgentStatus.AVAILABLE);
    agent("ag-3", "service", 2, AgentStatus.OFFLINE);

    context = new MockProcessorContext<>();
    context.setCurrentSystemTimeMs(T);
    context.addStateStore(table);
    store(context, "loads", new LoadValue.Serde());
    store(context, "queue", new QueuedCase.Serde());
    store(context, "teams", new TeamState.Serde());
    store(context, "snapshots", new AgentSnapshot.Serde());
    dispatcher = new TeamDispatcher(new TeamDispatcher.Settings("loads", "queue", "teams",
        "snapshots", AGENTS, Duration.ofSeconds(1), roster));
    dispatcher.init(context);
  }

  private void agent(String id, String team, int capacity, AgentStatus status) {
    updater.process(new Record<>(id, Agent.newBuilder().setAgentId(id).setTeam(team)
        .setCapacity(capacity).setStatus(status).setSkills(List.of()).setLanguages(List.of())
        .build(), T));
  }

  private static <V> void store(MockProcessorContext<?, ?> context, String name, Serde<V> serde) {
    KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
        Serdes.String(), serde).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
  }

  private Assignment send(TeamCommand.Type type, String caseId, String agentId) {
    TeamCommand cmd = TeamCommand.of(type, "service", caseId, "client-of-" + caseId, T);
    cmd.agentId = agentId;
    context.resetForwards();
    dispatcher.process(new Record<>("service", cmd, T));
    List<MockProcessorContext.CapturedForward<? extends String, ? extends Assignment>> out = context.forwarded();
    return out.isEmpty() ? null : out.get(out.size() - 1).record().value();
  }

  @Test
  void aRequestReadsOnlyItsTeamsAgentsByKey() {
    table.resetCounts();
    for (int i = 1; i <= 5; i++) {
      send(TeamCommand.Type.ROUTE, "c-" + i, null);
    }
    assertEquals(0, table.fullReads, "the agents table is never read whole per request");
    assertTrue(table.gets <= 5 * 3, "at most the team's 3 agents per request, was " + table.gets);

    table.resetCounts();
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(T + 1000);
    assertEquals(0, table.fullReads, "nor by the agent check");
    // the team's 3 agents: once to compare with their snapshots, once more to drain the queue
    assertTrue(table.gets <= 2 * 3, "the check reads the team's agents, was " + table.gets);
  }

  @Test
  void capacityHoldsAndAJoiningAgentIsSeenByTheNextRequest() {
    assertEquals("ag-1", send(TeamCommand.Type.ROUTE, "c-1", null).agentId);
    assertEquals("ag-2", send(TeamCommand.Type.ROUTE, "c-2", null).agentId);
    assertEquals("ag-1", send(TeamCommand.Type.ROUTE, "c-3", null).agentId);
    assertEquals("ag-2", send(TeamCommand.Type.ROUTE, "c-4", null).agentId);
    Assignment queued = send(TeamCommand.Type.ROUTE, "c-5", null);
    assertEquals(Assignment.Type.QUEUED, queued.type);
    // the same case routed again (a replay) is neither queued twice nor assigned
    assertEquals(null, send(TeamCommand.Type.ROUTE, "c-5", null));

    // ag-4 joins the team: the next request sees them at once, no wall-clock check needed
    agent("ag-4", "service", 1, AgentStatus.AVAILABLE);
    Assignment fresh = send(TeamCommand.Type.ROUTE, "c-6", null);
    assertEquals("ag-4", fresh.agentId);
    assertEquals(Assignment.Type.QUEUED, send(TeamCommand.Type.ROUTE, "c-7", null).type);

    // a release frees one place: the oldest waiting case takes it, the next one still waits
    Assignment drained = send(TeamCommand.Type.RELEASE, "c-1", "ag-1");
    assertEquals("c-5", drained.caseId);
    assertEquals("ag-1", drained.agentId);
    assertEquals(1, context.forwarded().size());
    // releasing a case the agent does not hold frees nothing
    assertEquals(null, send(TeamCommand.Type.RELEASE, "c-1", "ag-1"));

    // an agent who leaves the team is no longer chosen, though the roster may still name them
    agent("ag-2", "billing", 2, AgentStatus.AVAILABLE);
    send(TeamCommand.Type.RELEASE, "c-4", "ag-2");
    assertEquals(0, context.forwarded().size(), "ag-2's place is in billing now");
  }
}
