package com.complaintflow.processor.owners;

import com.complaintflow.schemas.avro.Agent;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Which agents belong to which team, for one application instance: filled once from the global
 * agents table by the first dispatcher task that starts ({@link #seed}), then kept current by
 * {@link AgentsTableUpdater} as agent records arrive. A dispatcher therefore reads only its team's
 * agents, each by key, instead of decoding the whole table for every request.
 *
 * <p>The global thread writes while stream threads read, so the roster is only ever a superset of
 * the truth (an agent is added before or after its record lands, a move may leave a stale name
 * behind for a moment): readers check each agent's current record, and membership is never
 * decided here.
 */
public final class TeamRoster {
  private final ConcurrentHashMap<String, NavigableSet<String>> byTeam = new ConcurrentHashMap<>();
  private volatile boolean seeded;

  /** Adds every agent of the table; only the first call per instance reads the table. */
  public synchronized void seed(ReadOnlyKeyValueStore<String, ValueAndTimestamp<Agent>> agents) {
    if (seeded) {
      return;
    }
    try (KeyValueIterator<String, ValueAndTimestamp<Agent>> it = agents.all()) {
      while (it.hasNext()) {
        KeyValue<String, ValueAndTimestamp<Agent>> kv = it.next();
        if (kv.value != null && kv.value.value() != null) {
          add(kv.value.value().getTeam(), kv.key);
        }
      }
    }
    seeded = true;
  }

  /** An agent record arrived: {@code from} is the team it had before (null when new or deleted). */
  public void moved(String agentId, String from, String to) {
    if (to != null) {
      add(to, agentId);
    }
    if (from != null && !from.equals(to)) {
      NavigableSet<String> old = byTeam.get(from);
      if (old != null) {
        old.remove(agentId);
      }
    }
  }

  /** The team's agents in id order (a live, weakly consistent view). */
  public NavigableSet<String> agentsOf(String team) {
    NavigableSet<String> agents = byTeam.get(team);
    return agents == null ? Collections.emptyNavigableSet() : Collections.unmodifiableNavigableSet(agents);
  }

  private void add(String team, String agentId) {
    if (team != null && agentId != null) {
      byTeam.computeIfAbsent(team, t -> new ConcurrentSkipListSet<>()).add(agentId);
    }
  }
}
