package com.complaintflow.processor;

import com.complaintflow.processor.cases.CaseActionRouter;
import com.complaintflow.processor.cases.CaseManager;
import com.complaintflow.processor.cases.CaseNumberIndex;
import com.complaintflow.processor.cases.CaseNumberResolver;
import com.complaintflow.processor.cases.PendingActionsSerde;
import com.complaintflow.processor.cases.CaseOutput;
import com.complaintflow.processor.cases.CaseStateSerde;
import com.complaintflow.processor.cases.ClientInput;
import com.complaintflow.processor.cases.ComplaintFacts;
import com.complaintflow.processor.cases.ComplaintFactsSerde;
import com.complaintflow.processor.cases.ClientStateSerde;
import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.processor.identity.ClientIndexUpdater;
import com.complaintflow.processor.identity.ClientRef;
import com.complaintflow.processor.identity.ComplaintDeduplicator;
import com.complaintflow.processor.identity.IdentityResolver;
import com.complaintflow.processor.owners.AgentSnapshot;
import com.complaintflow.processor.owners.AgentsTableUpdater;
import com.complaintflow.processor.owners.Assignment;
import com.complaintflow.processor.owners.QueuedCase;
import com.complaintflow.processor.owners.TeamCommand;
import com.complaintflow.processor.owners.LoadValue;
import com.complaintflow.processor.owners.TeamDispatcher;
import com.complaintflow.processor.owners.TeamRoster;
import com.complaintflow.processor.owners.TeamState;
import com.complaintflow.processor.rules.ClassificationRules;
import com.complaintflow.processor.rules.RoutingRules;
import com.complaintflow.processor.serde.JsonSerde;
import com.complaintflow.processor.sla.DeadlineEntry;
import com.complaintflow.processor.sla.SlaSettings;
import com.complaintflow.processor.time.ComplaintTimeGuard;
import com.complaintflow.processor.time.EventTimeBounds;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.topics.Topic;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The stream processor's topology, built by a pure factory (the KafkaStreams lifecycle lives in
 * {@link StreamProcessorMain}). Flow:
 *
 * <pre>
 *  complaints ─ dedupe ─ identity ─▶ [complaints-by-client] ─┐
 *  case-actions ─ router ────────▶ [case-actions-by-client] ─┼─ case-manager ─┬▶ cases
 *  team-commands ─ dispatcher ─▶ [assignments-by-client] ────┘   (by client)  ├▶ cases.resolved
 *        ▲              (by team)                                             ├▶ case-actions.rejected
 *        └─────────────────────────────────────────────────────────────────────┘ team commands
 *                                        SLA deadlines (wall-clock punctuation) ──▶ alerts
 *  clients ─▶ global contact-point index     agents ─▶ global agents table
 * </pre>
 *
 * Every processor, store and repartition topic has an explicit name; see the README for why each
 * hop exists.
 */
public final class ComplaintFlowTopology {
  public static final String CLIENT_INDEX_STORE = "client-contact-index";
  public static final String AGENTS_STORE = "agents-table";
  public static final String DEDUPE_STORE = "complaint-dedupe-store";
  public static final String CASE_STORE = "case-store";
  public static final String CLIENT_STORE = "client-history-store";
  public static final String SEQUENCE_STORE = "case-number-store";
  public static final String LOAD_STORE = "agent-load-store";
  public static final String QUEUE_STORE = "team-queue-store";
  public static final String TEAM_STORE = "team-state-store";
  public static final String SNAPSHOT_STORE = "agent-snapshot-store";
  public static final String DEADLINE_STORE = "sla-deadline-store";
  public static final String CASE_NUMBER_INDEX_STORE = CaseNumberIndex.STORE;
  public static final String CASE_NUMBER_PENDING_STORE = CaseNumberResolver.PENDING_STORE;
  public static final String MESSAGE_INDEX_STORE = "message-index-store";

  private ComplaintFlowTopology() {}

  /** The name of the team-commands topic (application-owned, see README). */
  public static String teamCommandsTopic(ProcessorConfig config) {
    return config.applicationId() + "-team-commands";
  }

  public static Topology build(ProcessorConfig config, TopicCatalog catalog) {
    return build(config, catalog, UnaryOperator.identity());
  }

  /**
   * As {@link #build(ProcessorConfig, TopicCatalog)}, with a hook that may wrap the deadline
   * index's store builder (tests count the store's reads through it).
   */
  public static Topology build(ProcessorConfig config, TopicCatalog catalog,
      UnaryOperator<StoreBuilder<KeyValueStore<Bytes, DeadlineEntry>>> deadlineStore) {
    SlaSettings sla = config.slaSettings();
    ClassificationRules classification = ClassificationRules.load(config.classificationRulesPath());
    RoutingRules routing = RoutingRules.load(config.routingRulesPath(), config.defaultTeam());
    int partitions = config.internalPartitions();
    EventTimeBounds timeBounds = config.eventTimeBounds();
    StreamsBuilder builder = new StreamsBuilder();

    // ---- global tables: every instance resolves any contact point and sees every agent ----
    Topic<String, Client> clients = catalog.clients();
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLIENT_INDEX_STORE),
            Serdes.String(), JsonSerde.of(ClientRef.class)).withLoggingDisabled(),
        clients.name(),
        Consumed.with(clients.keySerde(), clients.valueSerde()).withName("clients-source"),
        () -> new ClientIndexUpdater(CLIENT_INDEX_STORE));
    Topic<String, Agent> agents = catalog.agents();
    TeamRoster roster = new TeamRoster();
    builder.addGlobalStore(
        Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(AGENTS_STORE),
            agents.keySerde(), agents.valueSerde()).withLoggingDisabled(),
        agents.name(),
        Consumed.with(agents.keySerde(), agents.valueSerde()).withName("agents-source"),
        () -> new AgentsTableUpdater(AGENTS_STORE, roster));

    // ---- stores ----
    builder.addStateStore(Stores.windowStoreBuilder(
        Stores.persistentWindowStore(DEDUPE_STORE, config.dedupeWindow(), Duration.ofMillis(1), false),
        Serdes.String(), Serdes.Long()));
    builder.addStateStore(kv(CASE_STORE, new CaseStateSerde()));
    builder.addStateStore(kv(CLIENT_STORE, new ClientStateSerde()));
    builder.addStateStore(kv(MESSAGE_INDEX_STORE, Serdes.String()));
    builder.addStateStore(kv(SEQUENCE_STORE, Serdes.Long()));
    builder.addStateStore(kv(CASE_NUMBER_INDEX_STORE, CaseNumberIndex.SERDE));
    builder.addStateStore(kv(CASE_NUMBER_PENDING_STORE, new PendingActionsSerde()));
    builder.addStateStore(kv(LOAD_STORE, new LoadValue.Serde()));
    builder.addStateStore(kv(QUEUE_STORE, new QueuedCase.Serde()));
    builder.addStateStore(kv(TEAM_STORE, new TeamState.Serde()));
    builder.addStateStore(kv(SNAPSHOT_STORE, new AgentSnapshot.Serde()));
    builder.addStateStore(deadlineStore.apply(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(DEADLINE_STORE), Serdes.Bytes(), new DeadlineEntry.Serde())));

    // ---- complaints: dedupe on the intake's partitioning, resolve the client, re-key ----
    Topic<String, Complaint> complaints = catalog.complaints();
    // Impossible complaint times are refused first: they would end up as output timestamps.
    KStream<String, ComplaintTimeGuard.Checked> checkedComplaints = builder
        .stream(complaints.name(), Consumed.with(complaints.keySerde(), complaints.valueSerde())
            .withName("complaints-source"))
        .process(() -> new ComplaintTimeGuard(timeBounds), Named.as("complaint-time-guard"));
    checkedComplaints
        .filter((k, v) -> v.rejected(), Named.as("complaint-time-rejected"))
        .mapValues(ComplaintTimeGuard.Checked::reject, Named.as("complaint-reject-values"))
        .to(catalog.complaintsRejected().name(), Produced.with(Serdes.String(),
            catalog.complaintsRejected().valueSerde()).withName("complaints-rejected-sink"));
    KStream<String, ClientInput> complaintInputs = checkedComplaints
        .filterNot((k, v) -> v.rejected(), Named.as("complaint-time-ok"))
        .mapValues(ComplaintTimeGuard.Checked::complaint, Named.as("complaint-values"))
        .process(() -> new ComplaintDeduplicator(DEDUPE_STORE, config.dedupeWindow()),
            Named.as("complaint-dedupe"), DEDUPE_STORE)
        .process(() -> new IdentityResolver(CLIENT_INDEX_STORE), Named.as("identity-resolver"))
        // classified here, on the intake's partitioning: only the facts the case task needs
        // travel to it, not the complaint's text
        .mapValues(c -> ComplaintFacts.of(c, classification), Named.as("complaint-facts"))
        .repartition(Repartitioned.<String, ComplaintFacts>as("complaints-by-client")
            .withKeySerde(Serdes.String())
            .withValueSerde(new ComplaintFactsSerde(complaints.valueSerde().deserializer(), classification))
            .withNumberOfPartitions(partitions))
        .mapValues(c -> (ClientInput) new ClientInput.NewComplaint(c), Named.as("complaint-input"));

    // ---- case actions: to the client's task by case id, or to the task that allocated the case
    // number (number % stride) where the case-number index finds the case id ----
    Topic<String, CaseAction> actions = catalog.caseActions();
    KStream<String, ClientInput> actionInputs = builder
        .stream(actions.name(), Consumed.with(actions.keySerde(), actions.valueSerde())
            .withName("case-actions-source"))
        .process(CaseActionRouter::new, Named.as("case-action-router"))
        .repartition(Repartitioned.<String, CaseAction>as("case-actions-by-client")
            .withKeySerde(Serdes.String()).withValueSerde(actions.valueSerde())
            .withNumberOfPartitions(partitions)
            .withStreamPartitioner(new CaseActionRouter.Partitioner(config.caseNumberStride())))
        .process(() -> new CaseNumberResolver(CASE_NUMBER_INDEX_STORE, CASE_STORE, CASE_NUMBER_PENDING_STORE),
            Named.as("case-number-resolver"), CASE_NUMBER_INDEX_STORE, CASE_STORE, CASE_NUMBER_PENDING_STORE);

    // ---- team dispatchers: loads and queues per team, answers back by client ----
    String teamCommands = teamCommandsTopic(config);
    TeamDispatcher.Settings teamSettings = new TeamDispatcher.Settings(LOAD_STORE, QUEUE_STORE,
        TEAM_STORE, SNAPSHOT_STORE, AGENTS_STORE, config.agentCheckInterval(), roster);
    KStream<String, ClientInput> dispatchInputs = builder
        .stream(teamCommands, Consumed.with(Serdes.String(), JsonSerde.of(TeamCommand.class))
            .withName("team-commands-source"))
        .process(() -> new TeamDispatcher(teamSettings), Named.as("team-dispatcher"),
            LOAD_STORE, QUEUE_STORE, TEAM_STORE, SNAPSHOT_STORE)
        .repartition(Repartitioned.<String, Assignment>as("assignments-by-client")
            .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(Assignment.class))
            .withNumberOfPartitions(partitions))
        .mapValues(a -> (ClientInput) new ClientInput.Dispatch(a), Named.as("dispatch-input"));

    // ---- the client's case task ----
    CaseManager.Settings caseSettings = new CaseManager.Settings(CASE_STORE, CLIENT_STORE,
        SEQUENCE_STORE, CLIENT_INDEX_STORE, AGENTS_STORE, config.affinityWindow(),
        config.caseNumberStride(), config.clientHistoryMaxCases(), routing, sla,
        DEADLINE_STORE, timeBounds, MESSAGE_INDEX_STORE);
    KStream<String, CaseOutput> outputs = complaintInputs
        .merge(actionInputs, Named.as("client-inputs-actions"))
        .merge(dispatchInputs, Named.as("client-inputs"))
        .process(() -> new CaseManager(caseSettings), Named.as("case-manager"),
            CASE_STORE, CLIENT_STORE, SEQUENCE_STORE, DEADLINE_STORE, CASE_NUMBER_INDEX_STORE,
            MESSAGE_INDEX_STORE);

    outputs.split(Named.as("case-output-"))
        .branch((k, v) -> v instanceof CaseOutput.Event, Branched.withConsumer(s -> s
            .mapValues(v -> ((CaseOutput.Event) v).event(), Named.as("case-event-values"))
            .to(catalog.cases().name(), Produced.with(Serdes.String(), catalog.cases().valueSerde())
                .withName("cases-sink")), "events"))
        .branch((k, v) -> v instanceof CaseOutput.Resolved, Branched.withConsumer(s -> s
            .mapValues(v -> ((CaseOutput.Resolved) v).resolved(), Named.as("resolved-case-values"))
            .to(catalog.casesResolved().name(), Produced.with(Serdes.String(),
                catalog.casesResolved().valueSerde()).withName("cases-resolved-sink")), "resolved"))
        .branch((k, v) -> v instanceof CaseOutput.Command, Branched.withConsumer(s -> s
            .mapValues(v -> ((CaseOutput.Command) v).command(), Named.as("team-command-values"))
            .to(teamCommands, Produced.with(Serdes.String(), JsonSerde.of(TeamCommand.class))
                .withName("team-commands-sink")), "commands"))
        .branch((k, v) -> v instanceof CaseOutput.Reject, Branched.withConsumer(s -> s
            .mapValues(v -> ((CaseOutput.Reject) v).reject(), Named.as("reject-values"))
            .to(catalog.caseActionsRejected().name(), Produced.with(Serdes.String(),
                catalog.caseActionsRejected().valueSerde()).withName("case-actions-rejected-sink")),
            "rejects"))
        .branch((k, v) -> v instanceof CaseOutput.AlertOut, Branched.withConsumer(s -> s
            .mapValues(v -> ((CaseOutput.AlertOut) v).alert(), Named.as("alert-values"))
            .to(catalog.alerts().name(), Produced.with(Serdes.String(), catalog.alerts().valueSerde())
                .withName("alerts-sink")), "alerts"));

    return builder.build();
  }

  /**
   * A key-value store with Kafka Streams' record cache in front: a key written many times between
   * two commits (a team's state, an agent's load, the case-number sequence, a case touched by
   * several steps of one complaint) reaches RocksDB and its changelog once per commit instead of
   * once per write. Under exactly-once the cache is flushed before each commit, so what a restart
   * restores is the same.
   */
  private static <V> StoreBuilder<KeyValueStore<String, V>> kv(String name, Serde<V> values) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withCachingEnabled();
  }
}
