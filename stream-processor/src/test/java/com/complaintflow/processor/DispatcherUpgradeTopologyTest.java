package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.processor.owners.AgentSnapshot;
import com.complaintflow.processor.owners.LoadEntry;
import com.complaintflow.processor.owners.LoadKey;
import com.complaintflow.processor.owners.QueuedCase;
import com.complaintflow.processor.owners.TeamState;
import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.Channel;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Upgrade without reset of the team dispatcher: its four stores hold what the previous release
 * wrote (JSON; one load document per agent with the agent's whole case list), the new code starts
 * on them and keeps every load, the queue and the round-robin position: capacity stays exact.
 */
class DispatcherUpgradeTopologyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> DISPATCHER_STORES = List.of(ComplaintFlowTopology.LOAD_STORE,
      ComplaintFlowTopology.TEAM_STORE, ComplaintFlowTopology.QUEUE_STORE,
      ComplaintFlowTopology.SNAPSHOT_STORE);
  private TopologyFixture first;
  private TopologyFixture f;

  @AfterEach
  void stop() throws Exception {
    if (f != null) {
      f.close();
    }
  }

  private static void agents(TopologyFixture fx) {
    fx.agent("ag-1", "service", 2, AgentStatus.AVAILABLE, null);
    fx.agent("ag-2", "service", 1, AgentStatus.AVAILABLE, null);
  }

  private static String open(TopologyFixture fx, String email) {
    fx.send(fx.complaint(Channel.WEB, email, null, null, "оператор нагрубил").build());
    return fx.events().get(0).getCaseId();
  }

  @Test
  void previousReleaseLoadsQueueAndTeamStateKeepCapacityExact() throws Exception {
    String scope = "dispatch-upgrade-" + System.nanoTime();
    first = new TopologyFixture(Map.of(), scope, null, TopologyFixture.T0, UnaryOperator.identity());
    agents(first);
    String x = open(first, "x@example.com");   // ag-1
    String y = open(first, "y@example.com");   // ag-2 (least loaded)
    String z = open(first, "z@example.com");   // ag-1
    String w = open(first, "w@example.com");   // everyone full: queued
    first.advance(Duration.ofSeconds(2));      // the agent check takes its snapshots
    var state = first.snapshotStores();
    first.closeKeepingScope();

    f = new TopologyFixture(Map.of(), scope, null, first.now(), UnaryOperator.identity());
    agents(f);
    Map<String, List<KeyValue<Object, Object>>> caseState = new java.util.HashMap<>(state);
    DISPATCHER_STORES.forEach(caseState::remove);
    f.restoreStores(caseState);
    writePreviousRelease(state);
    assertEquals(List.of("ag-1", "ag-2"), rawKeys(ComplaintFlowTopology.LOAD_STORE));
    // the other three stores' previous values read as they were
    assertEquals(new AgentSnapshot("service", AgentStatus.AVAILABLE, 2, null),
        f.driver.getKeyValueStore(ComplaintFlowTopology.SNAPSHOT_STORE).get("ag-1"));
    assertEquals(state.get(ComplaintFlowTopology.TEAM_STORE).get(0).value,
        f.driver.getKeyValueStore(ComplaintFlowTopology.TEAM_STORE).get("service"));

    // capacity is exact on the converted loads: a new client waits, behind w
    f.send(f.complaint(Channel.WEB, "v@example.com", null, null, "оператор нагрубил").build());
    CaseEvent queued = last(f.events(), null);
    assertEquals("QUEUED", queued.getType().name());
    String v = queued.getCaseId();
    assertEquals(List.of(key("ag-1", x), key("ag-1", z), key("ag-2", y)), loadKeys());
    // x's owner takes x's next case by affinity, over capacity: ag-1 holds 2 already
    f.send(f.complaint(Channel.WEB, "x@example.com", null, null, "оператор снова грубит").build());
    CaseEvent affinity = last(f.events(), null);
    assertEquals("ag-1", affinity.getOwnerId());
    assertTrue(affinity.getAffinityOverCapacity());
    String x2 = affinity.getCaseId();

    // y (a converted case) is released: the oldest waiting case, w from the old queue, takes it
    f.act(f.action(y, CaseActionType.RESOLVED, "ag-2").setAt(f.now()).build());
    CaseEvent assigned = last(f.events(), w);
    assertEquals("ASSIGNED", assigned.getType().name());
    assertEquals("ag-2", assigned.getOwnerId());
    // ag-1 holds x, z and x2 against a capacity of 2: releasing z still leaves no room for v
    f.act(f.action(z, CaseActionType.RESOLVED, "ag-1").setAt(f.now()).build());
    assertEquals(List.of("RESOLVED"), types(f.events()));
    f.act(f.action(x2, CaseActionType.RESOLVED, "ag-1").setAt(f.now()).build());
    CaseEvent vAssigned = last(f.events(), v);
    assertEquals("ASSIGNED", vAssigned.getType().name());
    assertEquals("ag-1", vAssigned.getOwnerId());
    assertEquals(List.of(key("ag-1", x), key("ag-1", v), key("ag-2", w)), loadKeys());
    // the agents are as the previous release last saw them: the agent check finds nothing to do
    f.advance(Duration.ofSeconds(2));
    assertEquals(List.of(), f.events());
  }

  // ---- the previous release's formats -------------------------------------------------------

  /** Writes the dispatcher's state as the previous release stored it, under the stores' caches. */
  private void writePreviousRelease(Map<String, List<KeyValue<Object, Object>>> state) throws Exception {
    Map<String, Map<String, Object>> docs = new TreeMap<>();
    for (KeyValue<Object, Object> kv : state.get(ComplaintFlowTopology.LOAD_STORE)) {
      LoadKey key = LoadKey.parse((String) kv.key);
      Map<String, Object> doc = docs.computeIfAbsent(key.agentId(), a -> new LinkedHashMap<>(
          Map.of("agentId", a, "team", key.team(), "cases", new TreeMap<String, String>())));
      @SuppressWarnings("unchecked")
      Map<String, String> cases = (Map<String, String>) doc.get("cases");
      cases.put(key.caseId(), ((LoadEntry) kv.value).clientId());
    }
    for (Map.Entry<String, Map<String, Object>> doc : docs.entrySet()) {
      rawPut(ComplaintFlowTopology.LOAD_STORE, doc.getKey(), doc.getValue());
    }
    for (KeyValue<Object, Object> kv : state.get(ComplaintFlowTopology.TEAM_STORE)) {
      TeamState t = (TeamState) kv.value;
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("team", t.team());
      doc.put("nextQueueSequence", t.nextQueueSequence());
      if (t.lastAssignedAgentId() != null) {
        doc.put("lastAssignedAgentId", t.lastAssignedAgentId());
      }
      rawPut(ComplaintFlowTopology.TEAM_STORE, (String) kv.key, doc);
    }
    assertEquals(2, state.get(ComplaintFlowTopology.QUEUE_STORE).size(), "w queued: entry and pointer");
    for (KeyValue<Object, Object> kv : state.get(ComplaintFlowTopology.QUEUE_STORE)) {
      QueuedCase q = (QueuedCase) kv.value;
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("caseId", q.caseId());
      putIfSet(doc, "clientId", q.clientId());
      putIfSet(doc, "category", q.category());
      putIfSet(doc, "language", q.language());
      doc.put("queuedAt", q.queuedAt());
      rawPut(ComplaintFlowTopology.QUEUE_STORE, (String) kv.key, doc);
    }
    assertEquals(2, state.get(ComplaintFlowTopology.SNAPSHOT_STORE).size());
    for (KeyValue<Object, Object> kv : state.get(ComplaintFlowTopology.SNAPSHOT_STORE)) {
      AgentSnapshot s = (AgentSnapshot) kv.value;
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("agentId", kv.key);
      doc.put("team", s.team());
      doc.put("status", s.status().name());
      doc.put("capacity", s.capacity());
      putIfSet(doc, "deputyId", s.deputyId());
      rawPut(ComplaintFlowTopology.SNAPSHOT_STORE, (String) kv.key, doc);
    }
  }

  private static void putIfSet(Map<String, Object> doc, String field, Object value) {
    if (value != null) {
      doc.put(field, value);
    }
  }

  /** The store's bytes layer (below metering, cache and changelog), as a restore fills it. */
  @SuppressWarnings("unchecked")
  private KeyValueStore<Bytes, byte[]> bytesStore(String name) {
    StateStore store = f.driver.getKeyValueStore(name);
    while (store instanceof WrappedStateStore<?, ?, ?> wrapped) {
      store = wrapped.wrapped();
    }
    return (KeyValueStore<Bytes, byte[]>) store;
  }

  private void rawPut(String storeName, String key, Map<String, Object> json) throws Exception {
    byte[] value = JSON.writeValueAsBytes(json);
    assertEquals('{', value[0]);
    bytesStore(storeName).put(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)), value);
  }

  private List<String> rawKeys(String storeName) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = bytesStore(storeName).all()) {
      it.forEachRemaining(kv -> keys.add(new String(kv.key.get(), StandardCharsets.UTF_8)));
    }
    return keys;
  }

  /** The load store's keys as the task sees them (cache included). */
  private List<String> loadKeys() {
    KeyValueStore<String, Object> store = f.driver.getKeyValueStore(ComplaintFlowTopology.LOAD_STORE);
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, Object> it = store.all()) {
      it.forEachRemaining(kv -> {
        assertTrue(kv.value instanceof LoadEntry, kv.key + " still in the previous format");
        keys.add(kv.key);
      });
    }
    return keys;
  }

  private static String key(String agent, String caseId) {
    return new LoadKey("service", agent, caseId).encode();
  }

  private static CaseEvent last(List<CaseEvent> events, String caseId) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (caseId == null || events.get(i).getCaseId().equals(caseId)) {
        return events.get(i);
      }
    }
    throw new AssertionError("no event of " + caseId + " in " + events);
  }

  private static List<String> types(List<CaseEvent> events) {
    return events.stream().map(e -> e.getType().name()).toList();
  }
}
