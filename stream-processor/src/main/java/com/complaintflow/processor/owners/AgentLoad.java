package com.complaintflow.processor.owners;

import java.util.TreeMap;

/**
 * The previous release's load document: every case an agent held (case id -> client id), stored
 * under the agent id. Read only, to convert it into per-case {@link LoadEntry} values on upgrade.
 */
public final class AgentLoad implements LoadValue {
  public String agentId;
  public String team;
  public TreeMap<String, String> cases = new TreeMap<>();

  public int size() {
    return cases.size();
  }
}
