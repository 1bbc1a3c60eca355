package com.complaintflow.bench.skeleton;

import com.complaintflow.bench.skeleton.SkeletonProfile.Item;
import com.complaintflow.bench.skeleton.SkeletonProfile.Stage;
import com.complaintflow.bench.skeleton.SkeletonProfile.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The I/O skeleton of the processor: the same sub-topologies and hops (complaints by contact point
 * → repartition by client → case task; case task → team-commands topic → team task → repartition
 * by client → case task; case actions → repartition by client → case task), the same stores in the
 * same stages, and per complaint the same number of changelog records, outputs and hop records of
 * the same sizes as the full topology produced in a footprint run ({@link SkeletonProfile}), but no
 * logic: values are opaque bytes, never decoded. It is the limit for this shape on a broker: what
 * the full topology would reach if its logic cost nothing.
 *
 * <p>Differences, all making the skeleton cheaper: stores are plain key-value stores without a
 * record cache (the count of changelog records is then exactly the profile's); the dedupe window
 * store is a key-value store; the global tables (clients, agents) are not loaded; nothing is
 * deserialized.
 */
public final class SkeletonTopology {
  private static final byte[] FILL = new byte[1 << 16];

  static {
    new Random(42).nextBytes(FILL);
  }

  private SkeletonTopology() {}

  /** An output of the case stage: the topic it goes to and its bytes. */
  record Out(String topic, byte[] value) {}

  /** The topic the skeleton writes in place of the full topology's output {@code topic}. */
  public static String outputTopic(String applicationId, String topic) {
    return applicationId + "-out-" + topic;
  }

  public static String teamCommandsTopic(String applicationId) {
    return applicationId + "-team-commands";
  }

  /** Every topic the skeleton writes that is not internal (created before it starts). */
  public static List<String> topicsToCreate(SkeletonProfile profile, String applicationId) {
    List<String> out = new ArrayList<>();
    out.add(teamCommandsTopic(applicationId));
    profile.of(Target.OUTPUT).forEach(i -> out.add(outputTopic(applicationId, i.name())));
    return out;
  }

  public static Topology build(SkeletonProfile profile, String applicationId, String complaintsTopic,
      String caseActionsTopic, int partitions) {
    Serde<byte[]> bytes = Serdes.ByteArray();
    StreamsBuilder builder = new StreamsBuilder();
    for (Item store : profile.of(Target.STORE)) {
      builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store.name()),
          Serdes.Bytes(), bytes).withCachingDisabled());
    }
    String[] intakeStores = names(profile.stores(Stage.INTAKE));
    String[] teamStores = names(profile.stores(Stage.TEAM));
    String[] caseStores = names(profile.stores(Stage.CASE));
    String teamCommands = teamCommandsTopic(applicationId);

    // stage 1: by contact point, its stores, then one record per complaint by client
    KStream<byte[], byte[]> byClient = builder
        .stream(complaintsTopic, Consumed.with(bytes, bytes).withName("complaints-source"))
        .process(() -> new Writes(profile.stores(Stage.INTAKE),
            profile.of(Target.COMPLAINTS_BY_CLIENT).stream().findFirst().orElse(null)),
            Named.as("intake-skeleton"), intakeStores)
        .repartition(Repartitioned.<byte[], byte[]>as("complaints-by-client").withKeySerde(bytes)
            .withValueSerde(bytes).withNumberOfPartitions(partitions));
    // stage 3: the case task, where every other output comes from
    KStream<byte[], Out> outputs = byClient.process(() -> new CaseWrites(profile, applicationId),
        Named.as("case-skeleton"), caseStores);
    outputs.to((k, v, ctx) -> v.topic(), Produced.with(bytes, outSerde()).withName("case-outputs"));

    // stage 2: team commands to the team task, assignments back by client
    Item assignments = profile.of(Target.ASSIGNMENTS).stream().findFirst().orElse(null);
    double commandRate = profile.rate(Target.TEAM_COMMANDS);
    builder.stream(teamCommands, Consumed.with(bytes, bytes).withName("team-commands-source"))
        .process(() -> new TeamWrites(profile.stores(Stage.TEAM), assignments, commandRate),
            Named.as("team-skeleton"), teamStores)
        .repartition(Repartitioned.<byte[], byte[]>as("assignments-by-client").withKeySerde(bytes)
            .withValueSerde(bytes).withNumberOfPartitions(partitions))
        .process(() -> new CaseRead(caseStores), Named.as("assignment-skeleton"), caseStores);
    builder.stream(caseActionsTopic, Consumed.with(bytes, bytes).withName("case-actions-source"))
        .repartition(Repartitioned.<byte[], byte[]>as("case-actions-by-client").withKeySerde(bytes)
            .withValueSerde(bytes).withNumberOfPartitions(partitions))
        .process(() -> new CaseRead(caseStores), Named.as("action-skeleton"), caseStores);
    return builder.build();
  }

  private static String[] names(List<Item> items) {
    return items.stream().map(Item::name).toArray(String[]::new);
  }

  private static Serde<Out> outSerde() {
    Serializer<Out> s = (topic, out) -> out == null ? null : out.value();
    return Serdes.serdeFrom(s, (topic, data) -> {
      throw new UnsupportedOperationException("never read");
    });
  }

  static byte[] value(int size) {
    return Arrays.copyOf(FILL, Math.min(size, FILL.length));
  }

  /** A key of exactly {@code size} bytes from the record's key, the item and the write's number. */
  static Bytes key(byte[] recordKey, int item, String kind, int j, int size) {
    String base = Integer.toHexString(Arrays.hashCode(recordKey)) + "#" + item + kind + j;
    byte[] k = Arrays.copyOf(base.getBytes(StandardCharsets.US_ASCII), Math.max(1, size));
    for (int i = base.length(); i < k.length; i++) {
      k[i] = '0';
    }
    return Bytes.wrap(k);
  }

  /** Whole records due this time for a fractional rate, carried over in {@code acc}. */
  static int due(double[] acc, int i, double rate) {
    acc[i] += rate;
    int n = (int) acc[i];
    acc[i] -= n;
    return n;
  }

  /** The stores of a stage, written per input at the profile's rates. */
  static class StoreWriter {
    private final List<Item> items;
    private final List<KeyValueStore<Bytes, byte[]>> stores = new ArrayList<>();
    private final double[] puts;
    private final double[] deletes;
    private final double scale;

    StoreWriter(List<Item> items, double scale) {
      this.items = items;
      this.puts = new double[items.size()];
      this.deletes = new double[items.size()];
      this.scale = scale;
    }

    void init(ProcessorContext<?, ?> context) {
      for (Item i : items) {
        stores.add(context.getStateStore(i.name()));
      }
    }

    void write(byte[] recordKey) {
      for (int s = 0; s < items.size(); s++) {
        Item item = items.get(s);
        KeyValueStore<Bytes, byte[]> store = stores.get(s);
        int p = due(puts, s, (item.perComplaint() - item.deletesPerComplaint()) * scale);
        for (int j = 0; j < p; j++) {
          store.put(key(recordKey, s, "p", j, item.keyBytes()), value(item.valueBytes()));
        }
        int d = due(deletes, s, item.deletesPerComplaint() * scale);
        for (int j = 0; j < d; j++) {
          store.delete(key(recordKey, s, "d", j, item.keyBytes()));
        }
      }
    }
  }

  /**
   * Stage 1: the intake stage's stores, then one record per complaint to the case stage, of the
   * size the full topology sends there ({@code hop}; the complaint as it is when unknown).
   */
  static final class Writes implements Processor<byte[], byte[], byte[], byte[]> {
    private final StoreWriter writer;
    private final Item hop;
    private ProcessorContext<byte[], byte[]> context;

    Writes(List<Item> stores, Item hop) {
      this.writer = new StoreWriter(stores, 1.0);
      this.hop = hop;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
      this.context = context;
      writer.init(context);
    }

    @Override
    public void process(Record<byte[], byte[]> r) {
      writer.write(r.key());
      context.forward(hop == null ? r : r.withValue(value(hop.valueBytes())));
    }
  }

  /** Stage 3 for a complaint: the case stage's stores, its outputs and its team commands. */
  static final class CaseWrites implements Processor<byte[], byte[], byte[], Out> {
    private final StoreWriter writer;
    private final List<Item> outputs;
    private final List<String> topics;
    private final double[] acc;
    private ProcessorContext<byte[], Out> context;

    CaseWrites(SkeletonProfile profile, String applicationId) {
      this.writer = new StoreWriter(profile.stores(Stage.CASE), 1.0);
      this.outputs = new ArrayList<>(profile.of(Target.OUTPUT));
      this.outputs.addAll(profile.of(Target.TEAM_COMMANDS));
      this.topics = outputs.stream().map(i -> i.target() == Target.TEAM_COMMANDS
          ? teamCommandsTopic(applicationId) : outputTopic(applicationId, i.name())).toList();
      this.acc = new double[outputs.size()];
    }

    @Override
    public void init(ProcessorContext<byte[], Out> context) {
      this.context = context;
      writer.init(context);
    }

    @Override
    public void process(Record<byte[], byte[]> r) {
      writer.write(r.key());
      for (int o = 0; o < outputs.size(); o++) {
        Item item = outputs.get(o);
        int n = due(acc, o, item.perComplaint());
        for (int j = 0; j < n; j++) {
          context.forward(new Record<>(key(r.key(), 100 + o, "o", j, item.keyBytes()).get(),
              new Out(topics.get(o), value(item.valueBytes())), r.timestamp()));
        }
      }
    }
  }

  /** Stage 2: per team command, the team stores and the assignments going back. */
  static final class TeamWrites implements Processor<byte[], byte[], byte[], byte[]> {
    private final StoreWriter writer;
    private final Item assignments;
    private final double assignmentsPerCommand;
    private final double[] acc = new double[1];
    private ProcessorContext<byte[], byte[]> context;

    TeamWrites(List<Item> stores, Item assignments, double commandsPerComplaint) {
      double perCommand = commandsPerComplaint > 0 ? 1.0 / commandsPerComplaint : 0;
      this.writer = new StoreWriter(stores, perCommand);
      this.assignments = assignments;
      this.assignmentsPerCommand = assignments == null ? 0 : assignments.perComplaint() * perCommand;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
      this.context = context;
      writer.init(context);
    }

    @Override
    public void process(Record<byte[], byte[]> r) {
      writer.write(r.key());
      int n = due(acc, 0, assignmentsPerCommand);
      for (int j = 0; j < n; j++) {
        context.forward(new Record<>(key(r.key(), 200, "a", j, assignments.keyBytes()).get(),
            value(assignments.valueBytes()), r.timestamp()));
      }
    }
  }

  /** Stage 3 for an assignment or an action: one read of the case stage's first store. */
  static final class CaseRead implements Processor<byte[], byte[], Void, Void> {
    private final String[] stores;
    private KeyValueStore<Bytes, byte[]> store;

    CaseRead(String[] stores) {
      this.stores = stores;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      store = stores.length == 0 ? null : context.getStateStore(stores[0]);
    }

    @Override
    public void process(Record<byte[], byte[]> r) {
      if (store != null && r.key() != null) {
        store.get(Bytes.wrap(r.key()));
      }
    }
  }
}
