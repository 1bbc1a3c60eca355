package com.complaintflow.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.AlertKind;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseEventType;
import com.complaintflow.schemas.avro.CaseStatus;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ContactPoints;
import com.complaintflow.schemas.avro.Severity;
import com.complaintflow.schemas.registry.InMemorySchemaRegistry;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reconciliation rules on a fixed set of records (no Kafka): each kind of gap is reported, a clean set is OK. */
class ReconcilerTest {
  private static final String SCOPE = "reconciler-test";
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private final TopicCatalog catalog = new TopicCatalog(Map.of("schema.registry.url", "mock://" + SCOPE));
  private final Map<String, List<ConsumerRecord<byte[], byte[]>>> topics = new HashMap<>();

  @AfterEach
  void dropRegistry() {
    InMemorySchemaRegistry.dropScope(SCOPE);
  }

  @Test
  void aCompleteSetIsAccountedFor() {
    complaint("k1");
    caseEvent("e1", "case-1", 1, CaseEventType.OPENED, "k1");
    caseEvent("e2", "case-1", 2, CaseEventType.ASSIGNED, null);
    alert("a1", "case-1");

    ReconcileReport report = reconcile();

    assertTrue(report.ok(), report.toString());
    assertEquals(1, report.count("complaints"));
    assertEquals(1, report.count("cases"));
    assertEquals(1, report.count("alerts"));
  }

  @Test
  void aComplaintWithoutCaseADuplicateAlertAndASequenceGapAreEachReported() {
    complaint("k1");
    complaint("k-orphan");
    caseEvent("e1", "case-1", 1, CaseEventType.OPENED, "k1");
    caseEvent("e2", "case-1", 2, CaseEventType.ASSIGNED, null);
    caseEvent("e4", "case-1", 4, CaseEventType.RESPONDED, null);
    alert("a1", "case-1");
    alert("a1", "case-1");
    alert("a2", "case-1");

    ReconcileReport report = reconcile();

    assertFalse(report.ok());
    assertEquals(List.of(new ReconcileReport.Problem("complaint-without-case", "k-orphan")),
        report.problems("complaint-without-case"));
    assertEquals(List.of(new ReconcileReport.Problem("duplicate-alert", "a1")), report.problems("duplicate-alert"));
    assertEquals(1, report.problems("case-event-gap").size(), report.toString());
    assertTrue(report.problems("case-event-gap").get(0).detail().startsWith("case-1: sequences 1..4 with 1 missing"),
        report.toString());
    assertEquals(3, report.problems().size(), report.toString());
    assertEquals(2, report.count("alerts"), "distinct alert ids");

    StringWriter text = new StringWriter();
    report.print(new PrintWriter(text), 50);
    assertTrue(text.toString().contains("problems duplicate-alert=1"), text.toString());
    assertTrue(text.toString().contains("result=PROBLEMS 3"), text.toString());
  }

  @Test
  void aComplaintInTwoCasesARepeatedEventAndACaseWithoutOpenedAreReported() {
    complaint("k1");
    caseEvent("e1", "case-1", 1, CaseEventType.OPENED, "k1");
    caseEvent("e1", "case-1", 1, CaseEventType.OPENED, "k1");
    caseEvent("e9", "case-2", 1, CaseEventType.FOLLOW_UP, "k1");

    ReconcileReport report = reconcile();

    assertEquals(1, report.problems("complaint-in-several-cases").size(), report.toString());
    assertEquals(1, report.problems("duplicate-case-event").size(), report.toString());
    assertEquals(1, report.problems("case-without-opened").size(), report.toString());
  }

  private ReconcileReport reconcile() {
    RecordSource source = (topic, from, to) -> topics.getOrDefault(topic, List.of());
    return new Reconciler(catalog, source, Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC))
        .reconcile(T0.minusSeconds(60), T0.plusSeconds(60));
  }

  private void complaint(String id) {
    add(catalog.complaints().name(), catalog.complaints().valueSerde().serializer(),
        Complaint.newBuilder().setComplaintId(id).setChannel(Channel.WEB).setSourceSystem("test").setSourceId(id)
            .setReceivedAt(T0).setClientKey("client-1").setContact(ContactPoints.newBuilder().build())
            .setSubject("s").setBody("b").build());
  }

  private void caseEvent(String eventId, String caseId, long sequence, CaseEventType type, String complaintId) {
    add(catalog.cases().name(), catalog.cases().valueSerde().serializer(),
        CaseEvent.newBuilder().setEventId(eventId).setCaseId(caseId).setCaseNumber(caseId).setType(type).setAt(T0)
            .setSequence(sequence).setStatus(CaseStatus.OPEN).setClientId("client-1").setComplaintId(complaintId)
            .build());
  }

  private void alert(String alertId, String caseId) {
    add(catalog.alerts().name(), catalog.alerts().valueSerde().serializer(),
        Alert.newBuilder().setAlertId(alertId).setKind(AlertKind.SLA_BREACH).setSeverity(Severity.HIGH)
            .setCaseId(caseId).setCaseNumber(caseId).setClientId("client-1").setSummary("late").setCreatedAt(T0)
            .build());
  }

  private <T> void add(String topic, Serializer<T> serializer, T value) {
    List<ConsumerRecord<byte[], byte[]>> records = topics.computeIfAbsent(topic, t -> new ArrayList<>());
    records.add(new ConsumerRecord<>(topic, 0, records.size(), null, serializer.serialize(topic, value)));
  }
}
