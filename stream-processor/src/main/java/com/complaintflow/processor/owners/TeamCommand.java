package com.complaintflow.processor.owners;

/**
 * A request to a team's dispatcher, keyed by team on the team-commands topic. The dispatcher is
 * the only place where the team's agent loads and queue live.
 */
public final class TeamCommand {
  public enum Type {
    /** Pick an agent of the team (or queue the case). */
    ROUTE,
    /** Assign to the client's current owner, whatever the load (single-contact rule). */
    AFFINITY,
    /** Count the case in the agent's load (manual reassignment, reopen); no answer. */
    FORCE,
    /** The case no longer counts in the agent's load (resolved, reassigned away). */
    RELEASE,
    /** Take the case out of the team's queue. */
    CANCEL
  }

  public Type type;
  public String team;
  public String caseId;
  public String clientId;
  public String agentId;
  public String category;
  public String language;
  public long at;

  public static TeamCommand of(Type type, String team, String caseId, String clientId, long at) {
    TeamCommand c = new TeamCommand();
    c.type = type;
    c.team = team;
    c.caseId = caseId;
    c.clientId = clientId;
    c.at = at;
    return c;
  }
}
