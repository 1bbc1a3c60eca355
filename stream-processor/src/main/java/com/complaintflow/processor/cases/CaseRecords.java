package com.complaintflow.processor.cases;

import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseEventType;
import com.complaintflow.schemas.avro.CaseStatus;
import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.CompensationType;
import com.complaintflow.schemas.avro.Priority;
import com.complaintflow.schemas.avro.Resolution;
import com.complaintflow.schemas.avro.ResolvedCase;
import com.complaintflow.schemas.avro.SlaResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Builds the wire records (CaseEvent, ResolvedCase) from a case's state. */
public final class CaseRecords {
  private CaseRecords() {}

  /** The next changelog entry of the case; advances its sequence. */
  public static CaseEvent.Builder event(CaseState c, CaseEventType type, long at) {
    c.sequence++;
    return CaseEvent.newBuilder()
        .setEventId(c.caseId + "#" + c.sequence)
        .setCaseId(c.caseId)
        .setCaseNumber(c.caseNumber)
        .setType(type)
        .setAt(Instant.ofEpochMilli(at))
        .setSequence(c.sequence)
        .setStatus(c.status)
        .setClientId(c.clientId)
        .setProvisionalClient(c.provisionalClient)
        .setTier(c.tier)
        .setCategory(c.category)
        .setPriority(c.priority)
        .setLegal(c.legal)
        .setTeam(c.team)
        .setOwnerId(c.ownerId)
        .setCoveringAgentId(c.coveringAgentId)
        .setAffinityOverCapacity(c.affinityOverCapacity)
        .setChannels(channels(c.channels))
        .setComplaintCount(c.complaintCount)
        .setFollowUpCount(c.followUpCount)
        .setReopenCount(c.reopenCount)
        .setRepeat(c.repeat)
        .setResolution(resolution(c.resolution))
        .setSatisfaction(c.satisfaction);
  }

  public static ResolvedCase resolved(CaseState c, List<SlaResult> sla, Boolean regulatoryTimely) {
    return ResolvedCase.newBuilder()
        .setCaseId(c.caseId)
        .setCaseNumber(c.caseNumber)
        .setClientId(c.clientId)
        .setTier(c.tier)
        .setChannels(channels(c.channels))
        .setCategory(c.category)
        .setPriority(c.priority)
        .setLegal(c.legal)
        .setOwnerId(c.ownerId)
        .setTeam(c.team)
        .setOpenedAt(Instant.ofEpochMilli(c.openedAt))
        .setFirstResponseAt(instant(c.firstResponseAt))
        .setResolvedAt(Instant.ofEpochMilli(c.resolvedAt))
        .setClosedAt(instant(c.closedAt))
        .setComplaintCount(c.complaintCount)
        .setFollowUpCount(c.followUpCount)
        .setReopenCount(c.reopenCount)
        .setRepeat(c.repeat)
        .setResolution(resolution(c.resolution))
        .setSatisfaction(c.satisfaction)
        .setSatisfactionComment(c.satisfactionComment)
        .setSla(sla == null || sla.isEmpty() ? null : sla)
        .setRegulatoryTimely(regulatoryTimely)
        .build();
  }

  public static ResolutionData data(Resolution r) {
    if (r == null) {
      return null;
    }
    ResolutionData d = new ResolutionData();
    d.rootCause = r.getRootCause();
    d.summary = r.getSummary();
    d.compensationType = r.getCompensationType().name();
    d.compensationAmount = r.getCompensationAmount() == null ? null
        : r.getCompensationAmount().toPlainString();
    d.currency = r.getCurrency();
    return d;
  }

  static Resolution resolution(ResolutionData d) {
    if (d == null) {
      return null;
    }
    return Resolution.newBuilder()
        .setRootCause(d.rootCause)
        .setSummary(d.summary)
        .setCompensationType(CompensationType.valueOf(d.compensationType))
        .setCompensationAmount(d.compensationAmount == null ? null
            : new BigDecimal(d.compensationAmount).setScale(2))
        .setCurrency(d.currency)
        .build();
  }

  private static List<Channel> channels(List<String> names) {
    return names.stream().map(Channel::valueOf).toList();
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
