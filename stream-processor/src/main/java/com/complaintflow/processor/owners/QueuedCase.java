package com.complaintflow.processor.owners;

/** A case waiting in its team's queue for an agent with capacity. */
public final class QueuedCase {
  public String caseId;
  public String clientId;
  public String category;
  public String language;
  public long queuedAt;
}
