package com.complaintflow.faults;

import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ContactPoints;
import com.complaintflow.schemas.avro.Severity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Valid wire records for the tests. */
final class Records {
  private Records() {}

  static Complaint complaint(String id, String clientEmail, String text) {
    return Complaint.newBuilder().setComplaintId(id).setChannel(Channel.WEB).setSourceSystem("fault-test")
        .setSourceId(id).setReceivedAt(Instant.now()).setClientKey(clientEmail)
        .setContact(ContactPoints.newBuilder().setEmail(clientEmail).build()).setSubject("Complaint " + id)
        .setBody(text).build();
  }

  static Agent agent(String id, String team, int capacity) {
    return Agent.newBuilder().setAgentId(id).setName("Agent " + id).setTeam(team).setCapacity(capacity)
        .setStatus(AgentStatus.AVAILABLE).setUpdatedAt(Instant.now()).build();
  }

  static Alert alert(String id, String caseNumber, List<String> recipients) {
    return Alert.newBuilder().setAlertId(id).setKind(AlertKind.SLA_BREACH).setSeverity(Severity.HIGH)
        .setCaseId("C-" + caseNumber + "/" + caseNumber).setCaseNumber(caseNumber).setClientId("C-" + caseNumber)
        .setRecipients(recipients).setSummary("first response late for case " + caseNumber).setCreatedAt(Instant.now())
        .setTeam("service").build();
  }

  static String uuid() {
    return UUID.randomUUID().toString();
  }
}
