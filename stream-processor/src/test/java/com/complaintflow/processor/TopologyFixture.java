package com.complaintflow.processor;

import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.processor.config.StreamsSettings;
import com.complaintflow.processor.sla.DeadlineEntry;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ContactPoints;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.avro.ResolvedCase;
import com.complaintflow.schemas.avro.ThreadRefs;
import com.complaintflow.schemas.registry.InMemorySchemaRegistry;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/** A TopologyTestDriver over the full topology with a mock:// registry and input helpers. */
final class TopologyFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final AtomicInteger SCOPES = new AtomicInteger();

  final String scope;
  final Path stateDir;
  private final boolean ownStateDir;
  private Instant now;
  final ProcessorConfig config;
  final TopicCatalog catalog;
  final TopologyTestDriver driver;
  final TestInputTopic<String, Complaint> complaints;
  final TestInputTopic<String, Client> clients;
  final TestInputTopic<String, Agent> agents;
  final TestInputTopic<String, CaseAction> actions;
  final TestInputTopic<byte[], byte[]> rawComplaints;
  final TestOutputTopic<String, CaseEvent> cases;
  final TestOutputTopic<String, ResolvedCase> resolved;
  final TestOutputTopic<String, RejectedInput> actionRejects;
  final TestOutputTopic<String, RejectedInput> complaintRejects;
  final TestOutputTopic<String, Alert> alerts;
  private int seq;

  TopologyFixture() throws Exception {
    this(Map.of());
  }

  TopologyFixture(Map<String, Object> overrides) throws Exception {
    this(overrides, null, null, T0, UnaryOperator.identity());
  }

  /**
   * @param scope mock registry scope, null for a fresh one
   * @param dir state directory to use and keep, null for a fresh one deleted at close
   */
  TopologyFixture(Map<String, Object> overrides, String scope, Path dir, Instant start,
      UnaryOperator<StoreBuilder<KeyValueStore<Bytes, DeadlineEntry>>> deadlineStore) throws Exception {
    this.scope = scope != null ? scope : "processor-test-" + SCOPES.incrementAndGet();
    this.ownStateDir = dir == null;
    this.stateDir = dir != null ? dir : Files.createTempDirectory("processor-ttd");
    this.now = start;
    Map<String, Object> values = new HashMap<>();
    values.put(ProcessorConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + this.scope);
    values.put(ProcessorConfig.STATE_DIR_CONFIG, stateDir.toString());
    values.put(ProcessorConfig.APPLICATION_ID_CONFIG, "cf-test");
    values.putAll(overrides);
    config = new ProcessorConfig(values);
    catalog = new TopicCatalog(config.catalogConfig());
    Topology topology = ComplaintFlowTopology.build(config, catalog, deadlineStore);
    Properties props = StreamsSettings.of(config);
    driver = new TopologyTestDriver(topology, props, start);
    complaints = input(catalog.complaints().name(), catalog.complaints().valueSerde());
    clients = input(catalog.clients().name(), catalog.clients().valueSerde());
    agents = input(catalog.agents().name(), catalog.agents().valueSerde());
    actions = input(catalog.caseActions().name(), catalog.caseActions().valueSerde());
    rawComplaints = driver.createInputTopic(catalog.complaints().name(), new ByteArraySerializer(),
        new ByteArraySerializer());
    cases = driver.createOutputTopic(catalog.cases().name(), Serdes.String().deserializer(),
        catalog.cases().valueSerde().deserializer());
    resolved = driver.createOutputTopic(catalog.casesResolved().name(), Serdes.String().deserializer(),
        catalog.casesResolved().valueSerde().deserializer());
    actionRejects = driver.createOutputTopic(catalog.caseActionsRejected().name(),
        Serdes.String().deserializer(), catalog.caseActionsRejected().valueSerde().deserializer());
    complaintRejects = driver.createOutputTopic(catalog.complaintsRejected().name(),
        Serdes.String().deserializer(), catalog.complaintsRejected().valueSerde().deserializer());
    alerts = driver.createOutputTopic(catalog.alerts().name(), Serdes.String().deserializer(),
        catalog.alerts().valueSerde().deserializer());
  }

  /** The counter that makes complaint and action ids unique; a test continuing another run sets it. */
  int sequence() {
    return seq;
  }

  void sequence(int value) {
    seq = value;
  }

  /** The driver's wall-clock time. */
  Instant now() {
    return now;
  }

  /** Moves the wall clock (one punctuation of everything that is due). */
  void advance(Duration d) {
    now = now.plus(d);
    driver.advanceWallClockTime(d);
  }

  /** Moves the wall clock to {@code t}. */
  void advanceTo(Instant t) {
    advance(Duration.between(now, t));
  }

  private <V> TestInputTopic<String, V> input(String topic, org.apache.kafka.common.serialization.Serde<V> serde) {
    return driver.createInputTopic(topic, Serdes.String().serializer(), serde.serializer());
  }

  // ---- builders ----

  void client(String id, ClientTier tier, List<String> emails, List<String> phones, String language) {
    clients.pipeInput(id, Client.newBuilder().setClientId(id).setTier(tier).setEmails(emails)
        .setPhones(phones).setAccountIds(List.of()).setLanguage(language).build());
  }

  void agent(String id, String team, int capacity, AgentStatus status, String deputy) {
    agents.pipeInput(id, Agent.newBuilder().setAgentId(id).setTeam(team).setCapacity(capacity)
        .setStatus(status).setDeputyId(deputy).setSkills(List.of()).setLanguages(List.of()).build());
  }

  Complaint.Builder complaint(Channel channel, String email, String phone, String subject, String body) {
    seq++;
    String clientKey = email != null ? email : phone;
    return Complaint.newBuilder()
        .setComplaintId(UUID.nameUUIDFromBytes(("c" + seq + this.scope).getBytes()).toString())
        .setChannel(channel)
        .setSourceSystem("test")
        .setSourceId("src-" + seq)
        .setReceivedAt(T0.plus(Duration.ofMinutes(seq)))
        .setClientKey(clientKey)
        .setContact(ContactPoints.newBuilder().setEmail(email).setPhone(phone).build())
        .setSubject(subject)
        .setBody(body)
        .setLanguage("ru");
  }

  Complaint email(String from, String subject, String body, String messageId, String inReplyTo, String caseTag) {
    return complaint(Channel.EMAIL, from, null, subject, body)
        .setThread(ThreadRefs.newBuilder().setMessageId(messageId).setInReplyTo(inReplyTo)
            .setReferences(inReplyTo == null ? List.of() : List.of(inReplyTo)).setCaseTag(caseTag).build())
        .build();
  }

  void send(Complaint c) {
    complaints.pipeInput(c.getClientKey(), c, c.getReceivedAt());
  }

  CaseAction.Builder action(String caseId, CaseActionType type, String actor) {
    seq++;
    return CaseAction.newBuilder().setActionId("a-" + seq).setCaseId(caseId).setType(type)
        .setActor(actor).setAt(T0.plus(Duration.ofHours(seq)));
  }

  void act(CaseAction a) {
    actions.pipeInput(a.getCaseId(), a, a.getAt());
  }

  List<CaseEvent> events() {
    return cases.readValuesToList();
  }

  /**
   * The committed contents of every key-value store of the case and team tasks. TopologyTestDriver
   * wipes its task directories on close and never restores from changelogs, so a restart test
   * carries this snapshot into the next driver, as Kafka Streams' restore would.
   */
  Map<String, List<KeyValue<Object, Object>>> snapshotStores() {
    Map<String, List<KeyValue<Object, Object>>> out = new HashMap<>();
    for (String name : driver.getAllStateStores().keySet()) {
      KeyValueStore<Object, Object> store = driver.getKeyValueStore(name);
      if (store == null || name.equals(ComplaintFlowTopology.AGENTS_STORE)
          || name.equals(ComplaintFlowTopology.CLIENT_INDEX_STORE)) {
        continue;
      }
      List<KeyValue<Object, Object>> entries = new java.util.ArrayList<>();
      try (var it = store.all()) {
        it.forEachRemaining(entries::add);
      }
      out.put(name, entries);
    }
    return out;
  }

  void restoreStores(Map<String, List<KeyValue<Object, Object>>> snapshot) {
    snapshot.forEach((name, entries) -> {
      KeyValueStore<Object, Object> store = driver.getKeyValueStore(name);
      entries.forEach(kv -> store.put(kv.key, kv.value));
    });
  }

  /** Closes the driver but keeps the registry scope (restart tests). */
  void closeKeepingScope() {
    driver.close();
  }

  @Override
  public void close() throws Exception {
    driver.close();
    InMemorySchemaRegistry.dropScope(scope);
    if (!ownStateDir) {
      return;
    }
    try (var files = Files.walk(stateDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
