package com.complaintflow.alerts;

import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Priority;
import com.complaintflow.schemas.avro.Severity;
import com.complaintflow.schemas.avro.SlaTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Sample alerts as the stream processor produces them. */
public final class TestAlerts {
  private TestAlerts() {}

  /** SLA breach of the first response, 12 minutes late, for an A-client. */
  public static Alert.Builder breach(String caseNumber, Instant createdAt, String... recipients) {
    return Alert.newBuilder()
        .setAlertId("k-" + caseNumber + "-SLA_BREACH-FIRST_RESPONSE-1")
        .setKind(AlertKind.SLA_BREACH)
        .setSeverity(Severity.HIGH)
        .setCaseId("k-" + caseNumber)
        .setCaseNumber(caseNumber)
        .setTarget(SlaTarget.FIRST_RESPONSE)
        .setLevel(1)
        .setClientId("client-1")
        .setClientTier(ClientTier.A)
        .setCategory(Category.BILLING)
        .setPriority(Priority.HIGH)
        .setTeam("billing")
        .setOwnerId("agent-7")
        .setCoveringAgentId(null)
        .setDueAt(createdAt.minus(Duration.ofMinutes(12)))
        .setLateByMillis(Duration.ofMinutes(12).toMillis())
        .setRecipients(List.of(recipients))
        .setRelatedCaseNumbers(List.of())
        .setSummary("First response to " + caseNumber + " is 12 min late")
        .setCreatedAt(createdAt);
  }
}
