package com.complaintflow.processor.owners;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent loads of one dispatcher task: one store entry per counted case (key
 * {@code team|agent|case}, see {@link LoadKey}) and, in memory, how many cases each agent holds
 * per team. The counts are rebuilt from the store once when the task starts ({@link #rebuild})
 * and changed together with the store on every write, so choosing an agent never reads or decodes
 * a case list.
 *
 * <p>An agent's load is all the cases counted for them in this task, whatever team they were
 * counted under (an agent who moved teams still carries the cases of the old one until released).
 */
public final class LoadBook {
  private static final Logger log = LoggerFactory.getLogger(LoadBook.class);
  private static final StringSerializer KEYS = new StringSerializer();

  /** A case counted in an agent's load. */
  public record HeldCase(String team, String caseId, String clientId) {}

  private final KeyValueStore<String, LoadValue> store;
  /** agent id -> team -> cases counted under that team. */
  private final Map<String, Map<String, Integer>> counts = new HashMap<>();

  public LoadBook(KeyValueStore<String, LoadValue> store) {
    this.store = store;
  }

  /**
   * Recounts every agent's load from the store. Whole-agent documents of the previous release are
   * converted into per-case entries here (each case counted once, the document then deleted), so
   * an upgrade keeps every load.
   */
  public void rebuild() {
    counts.clear();
    List<KeyValue<String, AgentLoad>> legacy = new ArrayList<>();
    int unreadable = 0;
    try (KeyValueIterator<String, LoadValue> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, LoadValue> kv = it.next();
        if (kv.value instanceof AgentLoad doc) {
          legacy.add(KeyValue.pair(kv.key, doc));
          continue;
        }
        LoadKey key = LoadKey.parse(kv.key);
        if (key == null) {
          unreadable++;
          continue;
        }
        counted(key.team(), key.agentId(), 1);
      }
    }
    int converted = 0;
    for (KeyValue<String, AgentLoad> kv : legacy) {
      AgentLoad doc = kv.value;
      String agentId = kv.key;
      String team = doc.team == null ? "" : doc.team;
      for (Map.Entry<String, String> c : doc.cases.entrySet()) {
        if (add(team, agentId, c.getKey(), c.getValue())) {
          converted++;
        }
      }
      store.delete(kv.key);
    }
    if (!legacy.isEmpty()) {
      log.info("event=agent-loads-upgraded documents={} cases={}", legacy.size(), converted);
    }
    if (unreadable > 0) {
      log.warn("event=agent-load-keys-unreadable count={}", unreadable);
    }
  }

  /** Cases counted for the agent in this task. */
  public int load(String agentId) {
    Map<String, Integer> byTeam = counts.get(agentId);
    if (byTeam == null) {
      return 0;
    }
    int sum = 0;
    for (int n : byTeam.values()) {
      sum += n;
    }
    return sum;
  }

  /** The teams under which the agent has cases counted here. */
  public Set<String> teamsOf(String agentId) {
    Map<String, Integer> byTeam = counts.get(agentId);
    return byTeam == null ? Set.of() : Set.copyOf(byTeam.keySet());
  }

  /** Counts the case in the agent's load; false when it already counts (under any team). */
  public boolean add(String team, String agentId, String caseId, String clientId) {
    if (team == null || agentId == null || caseId == null || find(agentId, caseId) != null) {
      return false;
    }
    store.put(new LoadKey(team, agentId, caseId).encode(), new LoadEntry(clientId));
    counted(team, agentId, 1);
    return true;
  }

  /** Stops counting the case in the agent's load; false when it was not counted. */
  public boolean release(String agentId, String caseId) {
    if (agentId == null || caseId == null) {
      return false;
    }
    String team = find(agentId, caseId);
    if (team == null) {
      return false;
    }
    store.delete(new LoadKey(team, agentId, caseId).encode());
    counted(team, agentId, -1);
    return true;
  }

  /** The cases counted for the agent, read by prefix (used when their cover changes). */
  public List<HeldCase> cases(String agentId) {
    List<HeldCase> out = new ArrayList<>();
    for (String team : teamsOf(agentId)) {
      try (KeyValueIterator<String, LoadValue> it =
               store.prefixScan(LoadKey.prefix(team, agentId), KEYS)) {
        while (it.hasNext()) {
          KeyValue<String, LoadValue> kv = it.next();
          LoadKey key = LoadKey.parse(kv.key);
          if (key != null && kv.value instanceof LoadEntry e) {
            out.add(new HeldCase(team, key.caseId(), e.clientId()));
          }
        }
      }
    }
    return out;
  }

  /** The team under which the case counts for the agent, or null. */
  private String find(String agentId, String caseId) {
    Map<String, Integer> byTeam = counts.get(agentId);
    if (byTeam == null) {
      return null;
    }
    for (String team : byTeam.keySet()) {
      if (store.get(new LoadKey(team, agentId, caseId).encode()) != null) {
        return team;
      }
    }
    return null;
  }

  private void counted(String team, String agentId, int delta) {
    Map<String, Integer> byTeam = counts.computeIfAbsent(agentId, a -> new HashMap<>(2));
    int n = byTeam.getOrDefault(team, 0) + delta;
    if (n <= 0) {
      byTeam.remove(team);
      if (byTeam.isEmpty()) {
        counts.remove(agentId);
      }
    } else {
      byTeam.put(team, n);
    }
  }
}
