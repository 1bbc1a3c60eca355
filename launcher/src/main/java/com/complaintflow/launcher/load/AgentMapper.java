package com.complaintflow.launcher.load;

import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.Category;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A staff-list row to an {@link Agent}, keyed by agent id. Columns (any case, '_' or '-' ignored):
 * agentId (or id, required), name, team (required), skills (category names such as BILLING,
 * DELIVERY; empty = any), languages (ru, en, bg; empty = any), capacity (open cases, default 10),
 * status (AVAILABLE, AWAY, OFFLINE, INACTIVE; blank = AVAILABLE, so a loaded staff list can take
 * cases at once), deputyId (or deputy), email.
 */
public final class AgentMapper implements RecordMapper<Agent> {
  static final int DEFAULT_CAPACITY = 10;

  private final Clock clock;

  public AgentMapper(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String noun() {
    return "agent";
  }

  @Override
  public Outcome<Agent> map(Row row) {
    FieldRules rules = new FieldRules("ZZ");
    String agentId = rules.required(row.text("agentId", "id"), "agentId");
    String team = rules.required(row.text("team"), "team");
    List<String> skills = new ArrayList<>();
    for (String skill : row.list("skills", "skill")) {
      Category category = rules.symbol(skill, Category.class, null, "skills", "invalid-skill");
      if (category != null && !skills.contains(category.name())) {
        skills.add(category.name());
      }
    }
    List<String> languages = rules.languages(row.list("languages", "language"), "languages");
    Integer capacity = rules.nonNegativeInt(row.text("capacity"), DEFAULT_CAPACITY, "capacity", "invalid-capacity");
    AgentStatus status = rules.symbol(row.text("status"), AgentStatus.class, AgentStatus.AVAILABLE,
        "status", "invalid-status");
    String email = rules.email(row.text("email"), "email");
    if (!rules.problems().isEmpty()) {
      return Outcome.failed(rules.problems());
    }
    Agent agent = Agent.newBuilder()
        .setAgentId(agentId)
        .setName(row.text("name"))
        .setTeam(team)
        .setSkills(skills)
        .setLanguages(languages)
        .setCapacity(capacity)
        .setStatus(status)
        .setDeputyId(row.text("deputyId", "deputy"))
        .setEmail(email)
        .setUpdatedAt(clock.instant())
        .build();
    return Outcome.ok(new Mapped<>(row.line(), agentId, agent));
  }
}
