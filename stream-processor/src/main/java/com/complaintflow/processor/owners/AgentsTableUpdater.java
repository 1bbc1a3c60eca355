package com.complaintflow.processor.owners;

import com.complaintflow.schemas.avro.Agent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Maintains the global agents table from the compacted {@code agents} topic (key agent id; a
 * tombstone removes the agent). A global store fed by a processor rather than a GlobalKTable:
 * Kafka Streams restores a GlobalKTable by copying the topic's raw bytes into the store, poison
 * included, which then fails every task that reads the agents; a processor-fed store is restored
 * by replaying the topic through this processor, so undecodable records meet the deserialization
 * handler (and are rejected) on restore as well. Each change also updates the instance's
 * {@link TeamRoster}, so dispatchers find a team's agents without reading the whole table.
 */
public final class AgentsTableUpdater implements Processor<String, Agent, Void, Void> {
  private final String storeName;
  private final TeamRoster roster;
  private TimestampedKeyValueStore<String, Agent> agents;

  public AgentsTableUpdater(String storeName, TeamRoster roster) {
    this.storeName = storeName;
    this.roster = roster;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    agents = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, Agent> record) {
    String agentId = record.key() != null ? record.key()
        : record.value() != null ? record.value().getAgentId() : null;
    if (agentId == null) {
      return;
    }
    ValueAndTimestamp<Agent> before = agents.get(agentId);
    String from = before == null || before.value() == null ? null : before.value().getTeam();
    if (record.value() == null) {
      agents.delete(agentId);
      roster.moved(agentId, from, null);
    } else {
      agents.put(agentId, ValueAndTimestamp.make(record.value(), record.timestamp()));
      roster.moved(agentId, from, record.value().getTeam());
    }
  }
}
