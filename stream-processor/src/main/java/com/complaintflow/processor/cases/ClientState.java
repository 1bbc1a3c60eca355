package com.complaintflow.processor.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client's history as the case task keeps it: the owner (single contact), the recent cases
 * (for threading, owner affinity and repeat detection) and the email message ids of those cases.
 */
public final class ClientState {
  public String clientId;
  public String ownerId;
  public String ownerTeam;
  /** When the client's last case stopped being open (resolved or closed). */
  public Long lastCaseEndedAt;
  /** The case awaiting the client's first owner; later cases wait for it. */
  public String pendingCaseId;
  public List<String> waitingCaseIds = new ArrayList<>();
  /** Oldest first. */
  public List<CaseRef> cases = new ArrayList<>();
  /** Email Message-ID -> case id, for replies (In-Reply-To / References). */
  public Map<String, String> messageIndex = new LinkedHashMap<>();

  /**
   * Cases opened within the repeat look-back (case number, category, opened at), oldest first;
   * pruned by time on every new case, so it never outgrows the look-back.
   */
  public List<RepeatEntry> recentCases = new ArrayList<>();
  /** Times of abandoned calls within the abandoned-calls window, oldest first. */
  public List<Long> abandonedCalls = new ArrayList<>();

  /** A case counted by repeat detection. */
  public static final class RepeatEntry {
    public String caseNumber;
    public String category;
    public long openedAt;
  }

  /** A case in the client's history. */
  public static final class CaseRef {
    public String caseId;
    public String caseNumber;
    public String category;
    public long openedAt;
    public Long endedAt;
    public boolean open = true;
  }

  public boolean hasOpenCase() {
    return cases.stream().anyMatch(c -> c.open);
  }

  public CaseRef ref(String caseId) {
    return cases.stream().filter(c -> c.caseId.equals(caseId)).findFirst().orElse(null);
  }
}
