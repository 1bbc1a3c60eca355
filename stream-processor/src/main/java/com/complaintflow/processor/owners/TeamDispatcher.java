package com.complaintflow.processor.owners;

import com.complaintflow.processor.rules.RoutingRules;
import com.complaintflow.processor.time.EventTimeBounds;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.StringSerializer;
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
 * release) or an agent comes online (seen by a wall-clock check of the agents table).
 */
public final class TeamDispatcher implements Processor<String, TeamCommand, String, Assignment> {
  private static final Logger log = LoggerFactory.getLogger(TeamDispatcher.class);
  private static final StringSerializer KEYS = new StringSerializer();

  /** Store names and settings. */
  public record Settings(String loadStore, String queueStore, String teamStore,
      String snapshotStore, String agentStore, Duration checkInterval) {}

  private final Settings settings;
  private ProcessorContext<String, Assignment> context;
  private KeyValueStore<String, AgentLoad> loads;
  private KeyValueStore<String, QueuedCase> queue;
  private KeyValueStore<String, TeamState> teams;
  private KeyValueStore<String, AgentSnapshot> snapshots;
  private AgentDirectory agents;

  public TeamDispatcher(Settings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, Assignment> context) {
    this.context = context;
    this.loads = context.getStateStore(settings.loadStore());
    this.queue = context.getStateStore(settings.queueStore());
    this.teams = context.getStateStore(settings.teamStore());
    this.snapshots = context.getStateStore(settings.snapshotStore());
    ReadOnlyKeyValueStore<String, ValueAndTimestamp<Agent>> agentStore =
        context.getStateStore(settings.agentStore());
    this.agents = new AgentDirectory(agentStore);
    context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkAgents);
  }

  @Override
  public void process(Record<String, TeamCommand> record) {
    TeamCommand cmd = record.value();
    if (cmd == null || cmd.team == null) {
      return;
    }
    TeamState team = team(cmd.team);
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
        AgentLoad load = load(cmd.agentId, cmd.team);
        int capacity = agent == null ? 0 : agent.getCapacity();
        boolean over = load.size() >= capacity;
        load.cases.put(cmd.caseId, cmd.clientId);
        loads.put(cmd.agentId, load);
        answer(Assignment.Type.ASSIGNED, cmd.caseId, cmd.clientId, cmd.team, cmd.agentId,
            agents.coveringFor(cmd.agentId), over, cmd.at);
      }
      case FORCE -> {
        AgentLoad load = load(cmd.agentId, cmd.team);
        load.cases.put(cmd.caseId, cmd.clientId);
        loads.put(cmd.agentId, load);
      }
      case RELEASE -> {
        AgentLoad load = loads.get(cmd.agentId);
        if (load != null && load.cases.remove(cmd.caseId) != null) {
          loads.put(cmd.agentId, load);
        }
        drain(team, cmd.at);
      }
      case CANCEL -> {
        QueuedCase q = dequeue(cmd.caseId);
        if (q == null) {
          log.debug("event=cancel-not-queued caseId={}", cmd.caseId);
        }
      }
    }
    teams.put(team.team, team);
  }

  private TeamState team(String name) {
    TeamState t = teams.get(name);
    if (t == null) {
      t = new TeamState();
      t.team = name;
    }
    return t;
  }

  private AgentLoad load(String agentId, String team) {
    AgentLoad load = loads.get(agentId);
    if (load == null) {
      load = new AgentLoad();
      load.agentId = agentId;
    }
    load.team = team;
    return load;
  }

  // ---- queue ---------------------------------------------------------------------------------

  private static String queuePrefix(String team) {
    return "q|" + team + "|";
  }

  private static String caseKey(String caseId) {
    return "c|" + caseId;
  }

  private void enqueue(TeamState team, TeamCommand cmd) {
    if (queue.get(caseKey(cmd.caseId)) != null) {
      return;
    }
    QueuedCase q = new QueuedCase();
    q.caseId = cmd.caseId;
    q.clientId = cmd.clientId;
    q.category = cmd.category;
    q.language = cmd.language;
    q.queuedAt = cmd.at;
    String key = queuePrefix(team.team) + String.format("%019d", team.nextQueueSequence++);
    queue.put(key, q);
    QueuedCase pointer = new QueuedCase();
    pointer.caseId = key;
    queue.put(caseKey(cmd.caseId), pointer);
  }

  private QueuedCase dequeue(String caseId) {
    QueuedCase pointer = queue.get(caseKey(caseId));
    if (pointer == null) {
      return null;
    }
    QueuedCase q = queue.get(pointer.caseId);
    queue.delete(pointer.caseId);
    queue.delete(caseKey(caseId));
    return q;
  }

  /** Assigns a new case to a free matching agent at once; false when nobody can take it. */
  private boolean assignNow(TeamState team, TeamCommand cmd) {
    Map<String, Integer> loadByAgent = new HashMap<>();
    List<Agent> candidates = availableAgents(team, loadByAgent);
    QueuedCase q = new QueuedCase();
    q.caseId = cmd.caseId;
    q.clientId = cmd.clientId;
    q.category = cmd.category;
    q.language = cmd.language;
    Agent chosen = choose(team, q, candidates, loadByAgent);
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
  private void drain(TeamState team, long at) {
    Map<String, Integer> loadByAgent = new HashMap<>();
    List<Agent> candidates = availableAgents(team, loadByAgent);
    int free = 0;
    for (Agent a : candidates) {
      free += Math.max(0, a.getCapacity() - loadByAgent.get(a.getAgentId()));
    }
    if (free == 0) {
      return;
    }
    List<Map.Entry<QueuedCase, Agent>> chosen = new ArrayList<>();
    try (KeyValueIterator<String, QueuedCase> it = queue.prefixScan(queuePrefix(team.team), KEYS)) {
      while (free > 0 && it.hasNext()) {
        QueuedCase q = it.next().value;
        Agent agent = choose(team, q, candidates, loadByAgent);
        if (agent == null) {
          continue;
        }
        loadByAgent.merge(agent.getAgentId(), 1, Integer::sum);
        team.lastAssignedAgentId = agent.getAgentId();
        chosen.add(Map.entry(q, agent));
        free--;
      }
    }
    // store changes after the iterator is closed
    for (Map.Entry<QueuedCase, Agent> pick : chosen) {
      dequeue(pick.getKey().caseId);
      assign(team, pick.getKey(), pick.getValue(), at);
    }
  }

  /** The team's available agents, sorted by id, with their current loads. */
  private List<Agent> availableAgents(TeamState team, Map<String, Integer> loadByAgent) {
    List<Agent> candidates = new ArrayList<>();
    for (Agent a : agents.all()) {
      if (team.team.equals(a.getTeam()) && a.getStatus() == AgentStatus.AVAILABLE) {
        candidates.add(a);
        AgentLoad l = loads.get(a.getAgentId());
        loadByAgent.put(a.getAgentId(), l == null ? 0 : l.size());
      }
    }
    candidates.sort(Comparator.comparing(Agent::getAgentId));
    return candidates;
  }

  private void assign(TeamState team, QueuedCase q, Agent chosen, long at) {
    AgentLoad load = load(chosen.getAgentId(), team.team);
    load.cases.put(q.caseId, q.clientId);
    loads.put(chosen.getAgentId(), load);
    team.lastAssignedAgentId = chosen.getAgentId();
    answer(Assignment.Type.ASSIGNED, q.caseId, q.clientId, team.team, chosen.getAgentId(),
        null, false, at);
  }

  /** Fewest open cases below capacity among matching agents; ties round-robin after the last. */
  private Agent choose(TeamState team, QueuedCase q, List<Agent> candidates, Map<String, Integer> loadByAgent) {
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
      if (team.lastAssignedAgentId == null || a.getAgentId().compareTo(team.lastAssignedAgentId) > 0) {
        return a;
      }
    }
    return eligible.get(0);
  }

  private static boolean matches(Agent a, QueuedCase q) {
    boolean skill = a.getSkills().isEmpty() || q.category == null || a.getSkills().contains(q.category);
    boolean language = a.getLanguages().isEmpty() || q.language == null
        || a.getLanguages().stream().anyMatch(l -> RoutingRules.primaryLanguage(l).equals(q.language));
    return skill && language;
  }

  // ---- agents coming and going ---------------------------------------------------------------

  /**
   * Compares the agents of this task's teams with how they were last seen: who came online or got
   * more capacity (drain the queue), who went away or came back (covering deputy on their cases).
   */
  private void checkAgents(long now) {
    Map<String, TeamState> known = new HashMap<>();
    try (KeyValueIterator<String, TeamState> it = teams.all()) {
      it.forEachRemaining(kv -> known.put(kv.key, kv.value));
    }
    if (known.isEmpty()) {
      return;
    }
    List<String> drainTeams = new ArrayList<>();
    for (Agent a : agents.all()) {
      String id = a.getAgentId();
      AgentSnapshot before = snapshots.get(id);
      boolean ours = known.containsKey(a.getTeam());
      if (!ours) {
        if (before != null) {
          snapshots.delete(id);
        }
        continue;
      }
      AgentSnapshot now0 = snapshot(a);
      if (before != null && sameAs(before, now0)) {
        continue;
      }
      boolean cameOnline = a.getStatus() == AgentStatus.AVAILABLE
          && (before == null || !"AVAILABLE".equals(before.status) || before.capacity < now0.capacity);
      if (cameOnline && !drainTeams.contains(a.getTeam())) {
        drainTeams.add(a.getTeam());
      }
      boolean coverMayHaveChanged = before == null
          ? a.getStatus() != AgentStatus.AVAILABLE
          : !Objects.equals(before.status, now0.status) || !Objects.equals(before.deputyId, now0.deputyId);
      if (coverMayHaveChanged) {
        coverChanged(a, now);
      }
      snapshots.put(id, now0);
    }
    for (String t : drainTeams) {
      TeamState team = known.get(t);
      drain(team, now);
      teams.put(t, team);
    }
  }

  private void coverChanged(Agent a, long now) {
    AgentLoad load = loads.get(a.getAgentId());
    if (load == null) {
      return;
    }
    String covering = agents.coveringFor(a.getAgentId());
    log.info("event=covering-changed agentId={} status={} coveringAgentId={} cases={}",
        a.getAgentId(), a.getStatus(), covering, load.size());
    load.cases.forEach((caseId, clientId) -> answer(Assignment.Type.COVERING, caseId, clientId,
        load.team, a.getAgentId(), covering, false, now));
  }

  private static AgentSnapshot snapshot(Agent a) {
    AgentSnapshot s = new AgentSnapshot();
    s.agentId = a.getAgentId();
    s.team = a.getTeam();
    s.status = a.getStatus().name();
    s.capacity = a.getCapacity();
    s.deputyId = a.getDeputyId();
    return s;
  }

  private static boolean sameAs(AgentSnapshot a, AgentSnapshot b) {
    return Objects.equals(a.team, b.team) && Objects.equals(a.status, b.status)
        && a.capacity == b.capacity && Objects.equals(a.deputyId, b.deputyId);
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
