package com.complaintflow.processor.cases;

import com.complaintflow.processor.sla.SlaState;
import com.complaintflow.schemas.avro.CaseStatus;
import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Priority;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the processor knows about one case: the single place for per-case state (SLA
 * deadlines belong here too). Stored in the client task's case store, keyed by case id, in the
 * format of {@link CaseStateSerde}.
 */
public final class CaseState {
  public String caseId;
  public String caseNumber;
  public String clientId;
  public boolean provisionalClient;
  public ClientTier tier = ClientTier.UNKNOWN;
  public Category category = Category.OTHER;
  public Priority priority = Priority.NORMAL;
  public boolean legal;
  public String language;
  /** Team the routing rules chose. */
  public String routedTeam;
  /** Team whose load the case counts in (the owner's team), or the routed team while queued. */
  public String team;
  public String ownerId;
  public String coveringAgentId;
  public boolean affinityOverCapacity;
  public CaseStatus status;
  /** A routing or affinity request is out and its answer not yet in. */
  public boolean awaitingAssignment;
  /** Held back until the client's first pending case has an owner (single-contact rule). */
  public boolean waitingForClientOwner;
  public long sequence;
  public long openedAt;
  public Long firstResponseAt;
  public Long lastResponseAt;
  public Long pendingSince;
  public Long resolvedAt;
  public Long closedAt;
  public List<String> channels = new ArrayList<>();
  public int complaintCount;
  public int followUpCount;
  public int reopenCount;
  public boolean repeat;
  public ResolutionData resolution;
  public Integer satisfaction;
  public String satisfactionComment;
  /** Recently applied action ids, so that a re-sent action is refused instead of applied twice. */
  public List<String> recentActionIds = new ArrayList<>();
  /** SLA clocks, the case's deadline-index entries and the alerts already sent. */
  public SlaState sla = new SlaState();

  public boolean isFinished() {
    return status == CaseStatus.RESOLVED || status == CaseStatus.CLOSED;
  }
}
