package com.complaintflow.processor.cases;

import com.complaintflow.processor.sla.SlaSettings.RepeatSettings;
import com.complaintflow.schemas.avro.CallDetails;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Repeated complaints: a client's earlier cases within the look-back, and abandoned calls within
 * their window. The history lives in {@link ClientState} and is pruned by time whenever it is
 * touched, so its size is bounded by what one client does within the look-back.
 */
final class RepeatDetector {
  private static final Set<String> UNANSWERED = Set.of("NO_ANSWER", "BUSY", "ABANDONED", "FAILED");

  /** What a new case found in the client's recent history. */
  record Finding(int caseCount, List<String> earlierCaseNumbers, boolean sameCategory) {
    boolean repeat() {
      return caseCount >= 2;
    }
  }

  private final RepeatSettings settings;

  RepeatDetector(RepeatSettings settings) {
    this.settings = settings;
  }

  RepeatSettings settings() {
    return settings;
  }

  /**
   * How the new case (already in the client's case list) relates to the client's earlier cases
   * opened within the look-back (the list keeps the client's last cases, see
   * {@code client.history.max.cases}).
   */
  Finding newCase(ClientState client, CaseState c, long at) {
    long from = at - settings.lookBack().toMillis();
    List<ClientState.CaseRef> earlier = client.cases.stream()
        .filter(r -> r.openedAt >= from && !r.caseId.equals(c.caseId)).toList();
    boolean sameCategory = earlier.stream().anyMatch(r -> r.category.equals(c.category));
    return new Finding(earlier.size() + 1, earlier.stream().map(r -> r.caseNumber).toList(), sameCategory);
  }

  /**
   * Records an abandoned call; true when it completes a burst (the configured count within the
   * window). The burst is then forgotten, so the next burst alerts again.
   */
  boolean abandonedCall(ClientState client, long at) {
    long from = at - settings.abandonedWindow().toMillis();
    client.abandonedCalls.removeIf(t -> t < from);
    client.abandonedCalls.add(at);
    if (client.abandonedCalls.size() >= settings.abandonedCalls()) {
      client.abandonedCalls.clear();
      return true;
    }
    return false;
  }

  /**
   * A phone contact that carries nothing to work on: no notes or transcript, and either an
   * unanswered disposition or no text at all. It counts as a contact, not as a complaint.
   */
  static boolean isAbandonedCall(Complaint complaint) {
    CallDetails call = complaint.getCall();
    if (complaint.getChannel() != Channel.PHONE || call == null || call.getHasNotes()) {
      return false;
    }
    String disposition = call.getDisposition() == null ? "" : call.getDisposition().toUpperCase(Locale.ROOT);
    return UNANSWERED.contains(disposition) || complaint.getBody() == null || complaint.getBody().isBlank();
  }
}
