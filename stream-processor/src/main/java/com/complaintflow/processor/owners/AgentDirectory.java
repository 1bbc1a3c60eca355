package com.complaintflow.processor.owners;

import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Read access to the global agents table (every instance holds all agents), agent by agent: a
 * team's agents are found through {@link TeamRoster}, never by decoding the whole table.
 */
public final class AgentDirectory {
  private final ReadOnlyKeyValueStore<String, ValueAndTimestamp<Agent>> store;

  public AgentDirectory(ReadOnlyKeyValueStore<String, ValueAndTimestamp<Agent>> store) {
    this.store = store;
  }

  public Agent get(String agentId) {
    if (agentId == null) {
      return null;
    }
    ValueAndTimestamp<Agent> v = store.get(agentId);
    return v == null ? null : v.value();
  }

  /** Known and not retired: may own cases (possibly away, with a deputy covering). */
  public boolean isActive(String agentId) {
    Agent a = get(agentId);
    return a != null && a.getStatus() != AgentStatus.INACTIVE;
  }

  /** Deputy who covers for the agent while they are not available, else null. */
  public String coveringFor(String agentId) {
    Agent a = get(agentId);
    if (a == null || a.getStatus() == AgentStatus.AVAILABLE) {
      return null;
    }
    return a.getDeputyId();
  }
}
