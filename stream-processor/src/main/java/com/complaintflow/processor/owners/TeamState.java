package com.complaintflow.processor.owners;

/** Per-team bookkeeping of a dispatcher: queue sequence and round-robin position. */
public final class TeamState {
  public String team;
  public long nextQueueSequence;
  public String lastAssignedAgentId;
}
