package com.complaintflow.processor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedRocksDbMemoryTest {

  @Test
  void storesOfTheProcessShareOneBoundedCache(@TempDir Path stateDir) throws Exception {
    Properties props = StreamsSettings.of(new ProcessorConfig(Map.of(
        ProcessorConfig.STATE_DIR_CONFIG, stateDir.toString())));
    assertEquals(BoundedRocksDbMemory.class.getName(), props.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG));
    assertEquals(Long.toString(128L << 20), props.get(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG));

    StreamsBuilder builder = new StreamsBuilder();
    builder.table("in", Consumed.with(Serdes.String(), Serdes.String()),
        Materialized.<String, String, org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes,
            byte[]>>as("values").withCachingDisabled());
    builder.table("in2", Consumed.with(Serdes.String(), Serdes.String()),
        Materialized.<String, String, org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes,
            byte[]>>as("values2").withCachingDisabled());
    try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
      TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
      TestInputTopic<String, String> in2 = driver.createInputTopic("in2", new StringSerializer(), new StringSerializer());
      String value = "x".repeat(1024);
      for (int i = 0; i < 2_000; i++) {
        in.pipeInput("k" + i, value);
        in2.pipeInput("k" + i, value);
      }
      assertEquals(128L << 20, BoundedRocksDbMemory.capacityBytes(), "one budget, the configured one");
      for (String store : new String[] {"values", "values2"}) {
        var kv = driver.getKeyValueStore(store);
        for (int i = 0; i < 2_000; i++) {
          assertEquals(value, kv.get("k" + i));
        }
      }
      // memtables, index and filter blocks and read blocks of both stores are charged to the one cache
      long used = BoundedRocksDbMemory.usageBytes();
      assertTrue(used > 0 && used <= (128L << 20) + (8L << 20), "shared cache usage " + used);
    }
    assertTrue(Files.exists(stateDir));
  }

  @Test
  void zeroLeavesRocksDbDefaults() {
    Properties props = StreamsSettings.of(new ProcessorConfig(Map.of(ProcessorConfig.ROCKSDB_MEMORY_MIB_CONFIG, "0")));
    assertFalse(props.containsKey(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG));
    assertFalse(props.containsKey(BoundedRocksDbMemory.TOTAL_BYTES_CONFIG));
  }
}
