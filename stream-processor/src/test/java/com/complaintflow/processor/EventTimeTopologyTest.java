package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.RejectedInput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Complaints and actions with impossible times are rejected; output timestamps never lie ahead. */
class EventTimeTopologyTest {
  private static final Instant YEAR_9999 = Instant.parse("9999-12-31T23:59:59Z");
  private TopologyFixture f;

  @AfterEach
  void stop() throws Exception {
    if (f != null) {
      f.close();
    }
  }

  /** As a producer with a sane clock sends it: the record timestamp is now, the field is not. */
  private void sendNow(Complaint c) {
    f.complaints.pipeInput(c.getClientKey(), c, f.now());
  }

  private Complaint complaint(String email, Instant receivedAt) {
    return f.complaint(Channel.WEB, email, null, null, "The kettle leaks.").setReceivedAt(receivedAt).build();
  }

  @Test
  void aComplaintFromTheFarFutureIsRejectedWithItsCoordinatesAndTheNextOneOpensACase() throws Exception {
    f = new TopologyFixture();
    Complaint future = complaint("future@example.com", YEAR_9999);
    sendNow(future);
    Complaint next = complaint("future@example.com", f.now());
    sendNow(next);

    List<RejectedInput> rejects = f.complaintRejects.readValuesToList();
    assertEquals(1, rejects.size(), rejects.toString());
    RejectedInput r = rejects.get(0);
    assertEquals("impossible-timestamp", r.getReason());
    assertEquals(f.catalog.complaints().name(), r.getTopic());
    assertEquals(0, r.getPartition());
    assertEquals(0L, r.getOffset());
    assertEquals(future.getComplaintId(), r.getSourceId());
    assertTrue(r.getDetail().contains("9999-12-31"), r.getDetail());
    assertEquals(f.now(), r.getRejectedAt());

    List<CaseEvent> events = f.events();
    assertTrue(events.stream().noneMatch(e -> future.getComplaintId().equals(e.getComplaintId())), events.toString());
    assertTrue(events.stream().anyMatch(e -> next.getComplaintId().equals(e.getComplaintId())
        && e.getType().name().equals("OPENED")), events.toString());
  }

  @Test
  void aComplaintBeforeTheEarliestPlausibleTimeIsRejected() throws Exception {
    f = new TopologyFixture();
    sendNow(complaint("old@example.com", Instant.parse("1999-12-31T23:59:59Z")));
    sendNow(complaint("epoch@example.com", Instant.EPOCH));
    List<RejectedInput> rejects = f.complaintRejects.readValuesToList();
    assertEquals(List.of("impossible-timestamp", "impossible-timestamp"),
        rejects.stream().map(RejectedInput::getReason).toList());
    assertEquals(List.of(), f.events());
  }

  @Test
  void theFutureSkewAndTheEarliestTimeAreConfigurable() throws Exception {
    f = new TopologyFixture(Map.of("event.time.max.future.ms", Duration.ofMinutes(5).toMillis(),
        "event.time.earliest", "2026-01-01T00:00:00Z"));
    sendNow(complaint("a@example.com", f.now().plus(Duration.ofMinutes(4))));
    sendNow(complaint("b@example.com", f.now().plus(Duration.ofMinutes(6))));
    sendNow(complaint("c@example.com", Instant.parse("2025-12-31T00:00:00Z")));
    assertEquals(2, f.complaintRejects.readValuesToList().size());
    assertEquals(1, f.events().stream().filter(e -> e.getType().name().equals("OPENED")).count());
  }

  @Test
  void outputRecordsAreNeverStampedAheadOfTheProcessingClock() throws Exception {
    f = new TopologyFixture();
    Instant ahead = f.now().plus(Duration.ofHours(2));
    sendNow(complaint("ahead@example.com", ahead));
    TestRecord<String, CaseEvent> opened = f.cases.readRecord();
    assertEquals("OPENED", opened.value().getType().name());
    assertEquals(ahead, opened.value().getAt(), "the event keeps its own time");
    assertEquals(f.now(), opened.getRecordTime(), "the record is stamped with the processing time");

    Instant past = f.now().minus(Duration.ofHours(1));
    sendNow(complaint("past@example.com", past));
    TestRecord<String, CaseEvent> second = f.cases.readRecordsToList().stream()
        .filter(r -> r.value().getType().name().equals("OPENED")).findFirst().orElseThrow();
    assertEquals(past, second.getRecordTime(), "a time in the past stays the record time");
  }

  @Test
  void anActionFromTheFarFutureIsRejectedAndChangesNothing() throws Exception {
    f = new TopologyFixture();
    sendNow(complaint("act@example.com", f.now()));
    CaseEvent opened = f.events().get(0);
    CaseAction action = f.action(opened.getCaseId(), CaseActionType.PENDING_CUSTOMER, "ag-1").setAt(YEAR_9999).build();
    f.actions.pipeInput(action.getCaseId(), action, f.now());

    List<RejectedInput> rejects = f.actionRejects.readValuesToList();
    assertEquals(1, rejects.size(), rejects.toString());
    assertEquals("impossible-timestamp", rejects.get(0).getReason());
    assertEquals(f.catalog.caseActions().name(), rejects.get(0).getTopic());
    assertEquals(0L, rejects.get(0).getOffset());
    assertEquals(action.getActionId(), rejects.get(0).getSourceId());
    assertEquals(List.of(), f.events(), "nothing applied");
  }

  @Test
  void anActionForAnUnknownCaseIsStillReportedAsUnknownWhateverItsTime() throws Exception {
    f = new TopologyFixture();
    CaseAction action = f.action("C-0/CF-0", CaseActionType.CLOSED, "x").setAt(Instant.EPOCH).build();
    f.actions.pipeInput(action.getCaseId(), action, f.now());
    assertEquals("unknown-case", f.actionRejects.readValue().getReason());
  }
}
