package com.complaintflow.processor.cases;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One client's history as the case task keeps it: the owner (single contact) and the client's
 * cases (for threading by case tag, owner affinity and repeat detection), in the format of
 * {@link ClientStateSerde}. The e-mail message ids of the cases live in their own store (see
 * {@code CaseManager}), written only for e-mail.
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
  /**
   * The previous release's e-mail Message-ID -> case id map, read from its JSON state; moved into
   * the message index store when the client is loaded, never written.
   */
  public Map<String, String> messageIndex = new LinkedHashMap<>();
  /** Times of abandoned calls within the abandoned-calls window, oldest first. */
  public List<Long> abandonedCalls = new ArrayList<>();

  /** A case in the client's history. */
  public static final class CaseRef {
    public String caseId;
    public String caseNumber;
    public com.complaintflow.schemas.avro.Category category;
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
