package com.complaintflow.processor.owners;

/** A dispatcher's answer about a case, keyed by client id back to the case task. */
public final class Assignment {
  public enum Type { ASSIGNED, QUEUED, COVERING }

  public Type type;
  public String caseId;
  public String clientId;
  public String team;
  public String agentId;
  public String coveringAgentId;
  /** The owner took the case by affinity while at or over capacity. */
  public boolean overCapacity;
  public long at;
}
