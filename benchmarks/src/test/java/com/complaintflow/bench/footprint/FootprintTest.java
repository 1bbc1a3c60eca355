package com.complaintflow.bench.footprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The footprint counts what the driver's producer receives: changelog records of a logged store
 * (deletes as tombstones), repartition records and outputs, each with its key and value bytes.
 */
class FootprintTest {

  @Test
  void countsChangelogRepartitionAndOutputRecordsWithTheirBytes() throws Exception {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("store"),
        Serdes.String(), Serdes.String()).withCachingDisabled());
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
        .repartition(Repartitioned.<String, String>as("by-key").withKeySerde(Serdes.String())
            .withValueSerde(Serdes.String()))
        .process(() -> new Processor<String, String, String, String>() {
          private KeyValueStore<String, String> store;
          private ProcessorContext<String, String> context;

          @Override
          public void init(ProcessorContext<String, String> context) {
            this.context = context;
            this.store = context.getStateStore("store");
          }

          @Override
          public void process(Record<String, String> r) {
            if (r.value().equals("delete")) {
              store.delete(r.key());
            } else {
              store.put(r.key(), r.value() + r.value());
              context.forward(r.withValue("out"));
            }
          }
        }, "store")
        .to("out", Produced.with(Serdes.String(), Serdes.String()));
    Path dir = Files.createTempDirectory("footprint-test");
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    try (Footprint f = new Footprint(builder.build(), props, Instant.parse("2026-01-01T00:00:00Z"))) {
      TestInputTopic<String, String> in = f.driver().createInputTopic("in", Serdes.String().serializer(),
          Serdes.String().serializer());
      in.pipeInput("k1", "abc");
      in.pipeInput("k22", "de");
      f.drain();
      in.pipeInput("k1", "delete");

      Map<String, Footprint.Line> lines = new java.util.HashMap<>();
      List<Footprint.Line> all = f.lines();
      all.forEach(l -> lines.put(l.shortName(), l));
      assertEquals(3, all.size(), all.toString());

      Footprint.Line changelog = lines.get("store");
      assertEquals(Footprint.Kind.CHANGELOG, changelog.kind());
      assertEquals(3, changelog.bytes().records());
      assertEquals(1, changelog.bytes().tombstones());
      assertEquals(2 + 3 + 2, changelog.bytes().keyBytes());
      assertEquals(6 + 4, changelog.bytes().valueBytes());

      Footprint.Line repartition = lines.get("by-key");
      assertEquals(Footprint.Kind.REPARTITION, repartition.kind());
      assertEquals(3, repartition.bytes().records());
      assertEquals((2 + 3) + (3 + 2) + (2 + 6), repartition.bytes().bytes());

      Footprint.Line out = lines.get("out");
      assertEquals(Footprint.Kind.OUTPUT, out.kind());
      assertEquals(2, out.bytes().records());
      assertEquals(2 + 3 + 3 + 3, out.bytes().bytes());
    } finally {
      FootprintMain.deleteTree(dir);
    }
  }

  @Test
  void theFullTopologyRepartitionsEveryComplaintOnceAndWritesItsStores() throws Exception {
    FootprintMain.Result r = FootprintMain.run("full", 20, 1_000, 10, Map.of());
    assertEquals(20, r.complaints());
    assertTrue(r.inputBytes() > 20 * 100, "input bytes " + r.inputBytes());
    // the first hop by client carries each complaint once (no duplicate in the data set)
    assertTrue(r.lines().stream().anyMatch(l -> l.kind() == Footprint.Kind.REPARTITION
        && l.bytes().records() == 20), r.lines().toString());
    assertTrue(r.records(Footprint.Kind.CHANGELOG) >= 20, "changelog records " + r.records(Footprint.Kind.CHANGELOG));
    assertTrue(r.records(Footprint.Kind.OUTPUT) >= 20, "outputs " + r.records(Footprint.Kind.OUTPUT));
    String table = FootprintMain.render(r);
    assertTrue(table.contains("**total produced**"), table);
    assertTrue(new String(table.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).contains("FOOTPRINT"));
  }
}
