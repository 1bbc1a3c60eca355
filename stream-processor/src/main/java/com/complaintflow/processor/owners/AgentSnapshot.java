package com.complaintflow.processor.owners;

/** How a dispatcher last saw an agent, to notice who came online, left or changed capacity. */
public final class AgentSnapshot {
  public String agentId;
  public String team;
  public String status;
  public int capacity;
  public String deputyId;
}
