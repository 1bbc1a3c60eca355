package com.complaintflow.processor.owners;

import com.complaintflow.processor.rules.RoutingRules;
import com.complaintflow.processor.time.EventTimeBounds;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A team's dispatcher (input keyed by team): the one place where the team's agent loads and its
 * queue of unassigned cases live, so load decisions never race across partitions. Answers go back
 * to the client's case task keyed by client id.
 *
 * <p>Owner choice for a new case: the available agent of the team whose skills (category) and
 * languages match, with the fewest open cases below capacity; ties go round-robin. With nobody
 * free the case waits in the team queue and is assigned oldest first when capacity frees (a
 * release) or an agent comes online (seen by a wall-clock check of the team's agents).
 *
 * <p>Nothing is scanned per request: loads are counted in a {@link LoadBook} (one store entry per
 * counted case, counts in memory), the team's agents come from the instance's {@link TeamRoster}
 * and are read one by one by key, team states and agent snapshots are held in memory. All of it
 * is rebuilt from the stores once per task start, at the first record or punctuation after
 * {@link #init} (restoration is complete by then; writes such as the conversion of the previous
 * release's load documents then happen with a record context, and tests that seed the stores
 * after building their driver are read as a restore would be).
 */
public final class TeamDispatcher implements Processor<String, TeamCommand, String, Assignment> {
  private static final Logger log = LoggerFactory.getLogger(TeamDispatcher.class);
  private static final StringSerializer KEYS = new StringSerializer();
  private static final int SEQUENCE_DIGITS = 19;

  /** Store names and settings; {@code roster} is shared with the instance's agents-table updater. */
  public record Settings(String loadStore, String queueStore, String teamStore,
      String snapshotStore, String agentStore, Duration checkInterval, TeamRoster roster) {}

  private final Settings settings;
  private ProcessorContext<String, Assignment> context;
  private KeyValueStore<String, QueuedCase> queue;
  private KeyValueStore<String, TeamState> teamStore;
  private KeyValueStore<String, AgentSnapshot> snapshotStore;
  private AgentDirectory agents;
  private LoadBook loads;
  private final Map<String, TeamState> teams = new HashMap<>();
  private final Map<String, AgentSnapshot> snapshots = new HashMap<>();
  private boolean loaded;

  public TeamDispatcher(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, Assignment> context) {
    this.context = context;
    KeyValueStore<String, LoadValue> loadStore = context.getStateStore(settings.loadStore());
    this.loads = new LoadBook(loadStore);
    this.queue = context.getStateStore(settings.queueStore());
    this.teamStore = context.getStateStore(settings.teamStore());
    this.snapshotStore = context.getStateStore(settings.snapshotStore());
    ReadOnlyKeyValueStore<String, ValueAndTimestamp<Agent>> agentStore =
        context.getStateStore(settings.agentStore());
    this.agents = new AgentDirectory(agentStore);
    settings.roster().seed(agentStore);
    teams.clear();
    snapshots.clear();
    loaded = false;
    context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkAgents);
  }

  /** Rebuilds the in-memory view of this task's stores (once per task start). */
  private void ensureLoaded() {
    if (loaded) {
      return;
    }
    loads.rebuild();
    try (KeyValueIterator<String, TeamState> it = teamStore.all()) {
      it.forEachRemaining(kv -> teams.put(kv.key, kv.value));
    }
    try (KeyValueIterator<String, AgentSnapshot> it = snapshotStore.all()) {
      it.forEachRemaining(kv -> snapshots.put(kv.key, kv.value));
    }
    loaded = true;
  }

  @Override
  public void process(Record<String, TeamCommand> record) {
    TeamCommand cmd = record.value();
    if (cmd == null || cmd.team == null) {
      return;
    }
    ensureLoaded();
    String team = team(cmd.team).team();
    switch (cmd.type) {
      case ROUTE -> {
        // After every drain no waiting case matches an agent with free capacity, so a new case
        // either goes to a free agent now or waits: only it needs looking at, not the queue.
        if (queue.get(caseKey(cmd.caseId)) == null && !assignNow(team, cmd)) {
          enqueue(team, cmd);
          answer(Assignment.Type.QUEUED, cmd.caseId, cmd.clientId, cmd.team, null, null, false, cmd.at);
        }
      }
      case AFFINITY -> {
        Agent agent = agents.get(cmd.agentId);
        int capacity = agent == null ? 0 : agent.getCapacity();
        boolean over = loads.load(cmd.agentId) >= capacity;
        loads.add(cmd.team, cmd.agentId, cmd.caseId, cmd.clientId);
        answer(Assignment.Type.ASSIGNED, cmd.caseId, cmd.clientId, cmd.team, cmd.agentId,
            agents.coveringFor(cmd.agentId), over, cmd.at);
      }
      case FORCE -> loads.add(cmd.team, cmd.agentId, cmd.caseId, cmd.clientId);
      case RELEASE -> {
        loads.release(cmd.agentId, cmd.caseId);
        drain(team, cmd.at);
      }
      case CANCEL -> {
        QueuedCase q = dequeue(cmd.caseId);
        if (q == null) {
          log.debug("event=cancel-not-queued caseId={}", cmd.caseId);
        }
      }
    }
  }

  /** The team's state; a team is known to this task (and stored) from its first command on. */
  private TeamState team(String name) {
    TeamState t = teams.get(name);
    if (t == null) {
      t = TeamState.fresh(name);
      teams.put(name, t);
      teamStore.put(name, t);
    }
    return t;
  }

  private void saveTeam(TeamState t) {
    if (!t.equals(teams.get(t.team()))) {
      teams.put(t.team(), t);
      teamStore.put(t.team(), t);
    }
  }

  // ---- queue ---------------------------------------------------------------------------------

  private static String queuePrefix(String team) {
    return "q|" + team + "|";
  }

  private static String caseKey(String caseId) {
    return "c|" + caseId;
  }

  private void enqueue(String teamName, TeamCommand cmd) {
    if (queue.get(caseKey(cmd.caseId)) != null) {
      return;
    }
    TeamState team = teams.get(teamName);
    QueuedCase q = new QueuedCase(cmd.caseId, cmd.clientId, cmd.category, cmd.language, cmd.at);
    String key = queuePrefix(teamName) + String.format("%0" + SEQUENCE_DIGITS + "d", team.nextQueueSequence());
    saveTeam(team.withNextQueueSequence(team.nextQueueSequence() + 1));
    queue.put(key, q);
    queue.put(caseKey(cmd.caseId), QueuedCase.pointer(key));
  }

  private QueuedCase dequeue(String caseId) {
    QueuedCase pointer = queue.get(caseKey(caseId));
    if (pointer == null) {
      return null;
    }
    QueuedCase q = queue.get(pointer.caseId());
    queue.delete(pointer.caseId());
    queue.delete(caseKey(caseId));
    return q;
  }

  /** Assigns a new case to a free matching agent at once; false when nobody can take it. */
  private boolean assignNow(String team, TeamCommand cmd) {
    Map<String, Integer> loadByAgent = new HashMap<>();
    List<Agent> candidates = availableAgents(team, loadByAgent);
    QueuedCase q = new QueuedCase(cmd.caseId, cmd.clientId, cmd.category, cmd.language, cmd.at);
    Agent chosen = choose(teams.get(team).lastAssignedAgentId(), q, candidates, loadByAgent);
    if (chosen == null) {
      return false;
    }
    assign(team, q, chosen, cmd.at);
    return true;
  }

  /**
   * Assigns queued cases of the team, oldest first, while agents with capacity match them. The
   * queue is read lazily and the scan stops as soon as no agent has capacity left, so freeing one
   * place costs about one queue entry, not the whole queue.
   */
  private void drain(String team, long at) {
    Map<String, Integer> loadByAgent = new HashMap<>();
    List<Agent> candidates = availableAgents(team, loadByAgent);
    int free = 0;
    for (Agent a : candidates) {
      free += Math.max(0, a.getCapacity() - loadByAgent.get(a.getAgentId()));
    }
    if (free == 0) {
      return;
    }
    String prefix = queuePrefix(team);
    String last = teams.get(team).lastAssignedAgentId();
    List<Map.Entry<QueuedCase, Agent>> chosen = new ArrayList<>();
    try (KeyValueIterator<String, QueuedCase> it = queue.prefixScan(prefix, KEYS)) {
      while (free > 0 && it.hasNext()) {
        KeyValue<String, QueuedCase> kv = it.next();
        if (kv.key.length() != prefix.length() + SEQUENCE_DIGITS) {
          continue; // another team whose name extends this one's ("a" and "a|b")
        }
        QueuedCase q = kv.value;
        Agent agent = choose(last, q, candidates, loadByAgent);
        if (agent == null) {
          continue;
        }
        loadByAgent.merge(agent.getAgentId(), 1, Integer::sum);
        last = agent.getAgentId();
        chosen.add(Map.entry(q, agent));
        free--;
      }
    }
    // store changes after the iterator is closed
    for (Map.Entry<QueuedCase, Agent> pick : chosen) {
      dequeue(pick.getKey().caseId());
      assign(team, pick.getKey(), pick.getValue(), at);
    }
  }

  /**
   * The team's available agents in id order, with their current loads: the roster's members for
   * the team, each read by key and checked against its current record.
   */
  private List<Agent> availableAgents(String team, Map<String, Integer> loadByAgent) {
    List<Agent> candidates = new ArrayList<>();
    for (String id : settings.roster().agentsOf(team)) {
      Agent a = agents.get(id);
      if (a != null && team.equals(a.getTeam()) && a.getStatus() == AgentStatus.AVAILABLE) {
        candidates.add(a);
        loadByAgent.put(id, loads.load(id));
      }
    }
    return candidates;
  }

  private void assign(String team, QueuedCase q, Agent chosen, long at) {
    loads.add(team, chosen.getAgentId(), q.caseId(), q.clientId());
    saveTeam(teams.get(team).withLastAssigned(chosen.getAgentId()));
    answer(Assignment.Type.ASSIGNED, q.caseId(), q.clientId(), team, chosen.getAgentId(),
        null, false, at);
  }

  /** Fewest open cases below capacity among matching agents; ties round-robin after the last. */
  private static Agent choose(String lastAssigned, QueuedCase q, List<Agent> candidates,
      Map<String, Integer> loadByAgent) {
    List<Agent> eligible = new ArrayList<>();
    int best = Integer.MAX_VALUE;
    for (Agent a : candidates) {
      int load = loadByAgent.get(a.getAgentId());
      if (load >= a.getCapacity() || !matches(a, q)) {
        continue;
      }
      if (load < best) {
        best = load;
        eligible.clear();
      }
      if (load == best) {
        eligible.add(a);
      }
    }
    if (eligible.isEmpty()) {
      return null;
    }
    for (Agent a : eligible) {
      if (lastAssigned == null || a.getAgentId().compareTo(lastAssigned) > 0) {
        return a;
      }
    }
    return eligible.get(0);
  }

  private static boolean matches(Agent a, QueuedCase q) {
    boolean skill = a.getSkills().isEmpty() || q.category() == null || a.getSkills().contains(q.category());
    boolean language = a.getLanguages().isEmpty() || q.language() == null
        || a.getLanguages().stream().anyMatch(l -> RoutingRules.primaryLanguage(l).equals(q.language()));
    return skill && language;
  }

  // ---- agents coming and going ---------------------------------------------------------------

  /**
   * Compares the agents of this task's teams (and the agents last seen in them) with how they
   * were last seen: who came online or got more capacity (drain the queue), who went away or came
   * back (covering deputy on their cases). Reads those agents by key, not the whole table.
   */
  private void checkAgents(long now) {
    ensureLoaded();
    if (teams.isEmpty()) {
      return;
    }
    TreeSet<String> ids = new TreeSet<>(snapshots.keySet());
    for (String team : teams.keySet()) {
      ids.addAll(settings.roster().agentsOf(team));
    }
    List<String> drainTeams = new ArrayList<>();
    for (String id : ids) {
      Agent a = agents.get(id);
      if (a == null) {
        continue;
      }
      AgentSnapshot before = snapshots.get(id);
      if (!teams.containsKey(a.getTeam())) {
        if (before != null) {
          snapshots.remove(id);
          snapshotStore.delete(id);
        }
        continue;
      }
      AgentSnapshot seen = AgentSnapshot.of(a);
      if (seen.equals(before)) {
        continue;
      }
      boolean cameOnline = a.getStatus() == AgentStatus.AVAILABLE
          && (before == null || before.status() != AgentStatus.AVAILABLE || before.capacity() < seen.capacity());
      if (cameOnline && !drainTeams.contains(a.getTeam())) {
        drainTeams.add(a.getTeam());
      }
      boolean coverMayHaveChanged = before == null
          ? a.getStatus() != AgentStatus.AVAILABLE
          : before.status() != seen.status() || !Objects.equals(before.deputyId(), seen.deputyId());
      if (coverMayHaveChanged) {
        coverChanged(a, now);
      }
      snapshots.put(id, seen);
      snapshotStore.put(id, seen);
    }
    for (String t : drainTeams) {
      drain(t, now);
    }
  }

  private void coverChanged(Agent a, long now) {
    List<LoadBook.HeldCase> held = loads.cases(a.getAgentId());
    if (held.isEmpty()) {
      return;
    }
    String covering = agents.coveringFor(a.getAgentId());
    log.info("event=covering-changed agentId={} status={} coveringAgentId={} cases={}",
        a.getAgentId(), a.getStatus(), covering, held.size());
    // in case-id order, as the previous release answered
    Map<String, LoadBook.HeldCase> byCase = new TreeMap<>();
    held.forEach(h -> byCase.put(h.caseId(), h));
    byCase.values().forEach(h -> answer(Assignment.Type.COVERING, h.caseId(), h.clientId(),
        h.team(), a.getAgentId(), covering, false, now));
  }

  private void answer(Assignment.Type type, String caseId, String clientId, String team,
      String agentId, String covering, boolean over, long at) {
    Assignment a = new Assignment();
    a.type = type;
    a.caseId = caseId;
    a.clientId = clientId;
    a.team = team;
    a.agentId = agentId;
    a.coveringAgentId = covering;
    a.overCapacity = over;
    a.at = at;
    // The answer keeps its event time in the value; the record is never stamped in the future.
    context.forward(new Record<>(clientId, a,
        EventTimeBounds.outputTimestamp(at, context.currentSystemTimeMs())));
  }
}
