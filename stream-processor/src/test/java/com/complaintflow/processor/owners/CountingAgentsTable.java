package com.complaintflow.processor.owners;

import com.complaintflow.schemas.avro.Agent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/** An agents table in memory that counts how it is read: agents decoded one by one or all. */
final class CountingAgentsTable implements TimestampedKeyValueStore<String, Agent> {
  private final String name;
  private final TreeMap<String, ValueAndTimestamp<Agent>> agents = new TreeMap<>();
  int gets;
  int fullReads;

  CountingAgentsTable(String name) {
    this.name = name;
  }

  void resetCounts() {
    gets = 0;
    fullReads = 0;
  }

  @Override
  public ValueAndTimestamp<Agent> get(String key) {
    gets++;
    return agents.get(key);
  }

  @Override
  public KeyValueIterator<String, ValueAndTimestamp<Agent>> all() {
    fullReads++;
    return iterator(agents);
  }

  @Override
  public KeyValueIterator<String, ValueAndTimestamp<Agent>> range(String from, String to) {
    fullReads++;
    return iterator(agents.subMap(from, true, to, true));
  }

  @Override
  public void put(String key, ValueAndTimestamp<Agent> value) {
    if (value == null) {
      agents.remove(key);
    } else {
      agents.put(key, value);
    }
  }

  @Override
  public ValueAndTimestamp<Agent> putIfAbsent(String key, ValueAndTimestamp<Agent> value) {
    return agents.putIfAbsent(key, value);
  }

  @Override
  public void putAll(List<KeyValue<String, ValueAndTimestamp<Agent>>> entries) {
    entries.forEach(kv -> put(kv.key, kv.value));
  }

  @Override
  public ValueAndTimestamp<Agent> delete(String key) {
    return agents.remove(key);
  }

  @Override
  public long approximateNumEntries() {
    return agents.size();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {}

  @Override
  public void close() {}

  @Override
  public boolean persistent() {
    return false;
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  private static KeyValueIterator<String, ValueAndTimestamp<Agent>> iterator(
      Map<String, ValueAndTimestamp<Agent>> map) {
    Iterator<Map.Entry<String, ValueAndTimestamp<Agent>>> it = List.copyOf(map.entrySet()).iterator();
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public KeyValue<String, ValueAndTimestamp<Agent>> next() {
        Map.Entry<String, ValueAndTimestamp<Agent>> e = it.next();
        return KeyValue.pair(e.getKey(), e.getValue());
      }

      @Override
      public String peekNextKey() {
        throw new UnsupportedOperationException();
      }

      @Override
      public void close() {}
    };
  }
}
