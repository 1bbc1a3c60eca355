package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Complaint;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Identity, classification, case opening and threading, through the whole topology. */
class CasesTopologyTest {
  private TopologyFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new TopologyFixture();
  }

  @AfterEach
  void stop() throws Exception {
    f.close();
  }

  /** type status owner team: the fields that matter per event, for exact sequence assertions. */
  static List<String> summary(List<CaseEvent> events) {
    return events.stream().map(e -> e.getType() + " " + e.getStatus() + " owner=" + e.getOwnerId()
        + " team=" + e.getTeam() + " seq=" + e.getSequence()).collect(Collectors.toList());
  }

  @Test
  void aClientIsRecognisedAcrossChannels() {
    f.client("C-1", ClientTier.B, List.of("Ivan@Example.com"), List.of("+7 495 123-45-67"), "ru");
    f.agent("ag-1", "quality", 5, AgentStatus.AVAILABLE, null);
    f.send(f.complaint(Channel.WEB, "ivan@example.com", null, "Брак", "Товар пришел с браком").build());
    f.send(f.complaint(Channel.PHONE, null, "+74951234567", null, "звонок: снова брак").build());

    List<CaseEvent> events = f.events();
    List<CaseEvent> opened = events.stream().filter(e -> e.getType().name().equals("OPENED")).toList();
    assertEquals(2, opened.size());
    assertEquals("C-1", opened.get(0).getClientId());
    assertEquals("C-1", opened.get(1).getClientId());
    assertFalse(opened.get(0).getProvisionalClient());
    assertEquals(ClientTier.B, opened.get(1).getTier());
    assertTrue(opened.get(0).getCaseId().startsWith("C-1/CF-"));
    // same client, second case: same owner by affinity
    assertEquals(List.of(
        "OPENED QUEUED owner=null team=quality seq=1",
        "ASSIGNED OPEN owner=ag-1 team=quality seq=2",
        "OPENED QUEUED owner=null team=quality seq=1",
        "ASSIGNED OPEN owner=ag-1 team=quality seq=2"), summary(events));
  }

  @Test
  void unknownContactGetsProvisionalIdUntilTheCrmLinksIt() {
    f.send(f.complaint(Channel.WEB, "new@example.org", null, null, "doставка задерживается").build());
    CaseEvent first = f.events().get(0);
    assertTrue(first.getProvisionalClient());
    assertTrue(first.getClientId().startsWith("P-"));
    assertEquals(ClientTier.UNKNOWN, first.getTier());

    f.send(f.complaint(Channel.WEB, "new@example.org", null, null, "ещё раз").build());
    assertEquals(first.getClientId(), f.events().get(0).getClientId(), "same provisional id again");

    f.client("C-9", ClientTier.C, List.of("new@example.org"), List.of(), "ru");
    f.send(f.complaint(Channel.WEB, "NEW@example.org", null, null, "и снова").build());
    CaseEvent linked = f.events().get(0);
    assertEquals("C-9", linked.getClientId());
    assertFalse(linked.getProvisionalClient());
  }

  @Test
  void aReplayedComplaintChangesNothing() {
    Complaint c = f.complaint(Channel.WEB, "a@example.com", null, null, "счет выставлен дважды").build();
    f.send(c);
    int first = f.events().size();
    f.send(c);
    assertTrue(first > 0);
    assertTrue(f.cases.isEmpty());
  }

  @Test
  void classificationSetsCategoryPriorityAndLegal() {
    f.client("C-A", ClientTier.A, List.of("vip@example.com"), List.of(), "en");
    f.send(f.complaint(Channel.WEB, "x@example.com", null, "Поломка", "Телевизор с браком, не работает").build());
    CaseEvent quality = f.events().get(0);
    assertEquals("PRODUCT_QUALITY", quality.getCategory().name());
    assertEquals("NORMAL", quality.getPriority().name());
    assertFalse(quality.getLegal());

    f.send(f.complaint(Channel.WEB, "y@example.bg", null, null,
        "Ще подам сигнал в КЗП и ще ви съдя, доставката закъсня").build());
    CaseEvent legal = f.events().get(0);
    assertEquals("DELIVERY", legal.getCategory().name());
    assertEquals("URGENT", legal.getPriority().name());
    assertTrue(legal.getLegal());

    f.send(f.complaint(Channel.EMAIL, "vip@example.com", null, "Invoice", "I was charged twice on my invoice").build());
    CaseEvent vip = f.events().get(0);
    assertEquals("BILLING", vip.getCategory().name());
    assertEquals("HIGH", vip.getPriority().name(), "A-status raises NORMAL to HIGH");
    assertEquals("billing", vip.getTeam());
  }

  @Test
  void anEmailReplyJoinsItsCaseAndATaggedSubjectToo() {
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, null);
    f.send(f.email("o@example.com", "Хамство оператора", "оператор нагрубил", "<m1@mail>", null, null));
    CaseEvent opened = f.events().get(0);
    f.send(f.email("o@example.com", "Re: Хамство оператора", "добавлю", "<m2@mail>", "<m1@mail>", null));
    f.send(f.complaint(Channel.WEB, "o@example.com", null, "[" + opened.getCaseNumber() + "] ещё", "текст")
        .setThread(com.complaintflow.schemas.avro.ThreadRefs.newBuilder()
            .setCaseTag(opened.getCaseNumber()).build()).build());
    List<CaseEvent> events = f.events();
    assertEquals(List.of("FOLLOW_UP OPEN owner=ag-1 team=service seq=3",
        "FOLLOW_UP OPEN owner=ag-1 team=service seq=4"), summary(events));
    assertEquals(opened.getCaseId(), events.get(1).getCaseId());
    assertEquals(3, events.get(1).getComplaintCount());
    assertEquals(2, events.get(1).getFollowUpCount());
    assertEquals(List.of(Channel.EMAIL, Channel.WEB), events.get(1).getChannels());
  }

  @Test
  void aFollowUpWhileWaitingOnTheCustomerResumesTheCase() {
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, null);
    f.send(f.email("o@example.com", "вопрос", "текст", "<m1@mail>", null, null));
    String caseId = f.events().get(0).getCaseId();
    f.act(f.action(caseId, com.complaintflow.schemas.avro.CaseActionType.PENDING_CUSTOMER, "ag-1").build());
    f.events();
    f.send(f.email("o@example.com", "Re: вопрос", "ответ клиента", "<m2@mail>", "<m1@mail>", null));
    assertEquals(List.of("FOLLOW_UP PENDING_CUSTOMER owner=ag-1 team=service seq=4",
        "RESUMED OPEN owner=ag-1 team=service seq=5"), summary(f.events()));
  }

  @Test
  void caseNumbersAreUniqueAndReadable() {
    for (int i = 0; i < 5; i++) {
      f.send(f.complaint(Channel.WEB, "c" + i + "@example.com", null, null, "текст").build());
    }
    List<String> numbers = f.events().stream().filter(e -> e.getType().name().equals("OPENED"))
        .map(CaseEvent::getCaseNumber).toList();
    assertEquals(5, numbers.stream().distinct().count());
    numbers.forEach(n -> assertTrue(n.matches("CF-\\d+"), n));
  }

  @Test
  void aLegalThreatInAFollowUpEscalatesTheCase() {
    f.agent("ag-1", "service", 5, AgentStatus.AVAILABLE, null);
    f.send(f.email("o@example.com", "вопрос", "текст", "<m1@mail>", null, null));
    f.events();
    f.send(f.email("o@example.com", "Re", "обращусь в суд и Роспотребнадзор", "<m2@mail>", "<m1@mail>", null));
    List<CaseEvent> events = f.events();
    CaseEvent changed = events.get(events.size() - 1);
    assertEquals("PRIORITY_CHANGED", changed.getType().name());
    assertEquals("URGENT", changed.getPriority().name());
    assertTrue(changed.getLegal());
    assertNull(changed.getResolution());
  }
}
