package com.complaintflow.processor.owners;

import java.util.TreeMap;

/** The cases an agent currently holds (case id -> client id), in the agent's team task. */
public final class AgentLoad {
  public String agentId;
  public String team;
  public TreeMap<String, String> cases = new TreeMap<>();

  public int size() {
    return cases.size();
  }
}
