package com.complaintflow.alerts.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.alerts.MutableClock;
import com.complaintflow.alerts.TestAlerts;
import com.complaintflow.alerts.mail.AlertEmailComposer;
import com.complaintflow.alerts.mail.MessageIds;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.DeadAlert;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

class DeliveryEngineTest {
  private static final TopicPartition TP = new TopicPartition("alerts", 0);
  private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final FakeMailSender sender = new FakeMailSender();
  private final Map<String, OutcomeStore.Outcome> outcomes = new HashMap<>();
  private final List<DeadAlert> dead = new ArrayList<>();
  private final Set<String> resolved = new HashSet<>();
  private QuietHours quietHours = QuietHours.NEVER;
  private Map<String, List<String>> teamLists = Map.of();
  private int stormThreshold = 100;

  private final OutcomeStore store = new OutcomeStore() {
    @Override
    public boolean contains(String key) {
      return outcomes.containsKey(key);
    }

    @Override
    public void record(String key, Outcome outcome) {
      outcomes.put(key, outcome);
    }
  };

  private DeliveryEngine engine() {
    AlertEmailComposer composer = new AlertEmailComposer(sender.session(), "alerts@cf.test",
        new MessageIds("complaintflow"), team -> ZoneOffset.UTC);
    return new DeliveryEngine(clock, sender, composer, store, dead::add, resolved::contains, quietHours,
        new StormControl(stormThreshold, Duration.ofMinutes(1)),
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.0, () -> 0.5),
        new DeliveryEngine.Settings(teamLists, Duration.ofMinutes(1), 500, Duration.ofHours(1)), new SinkStats());
  }

  private static Alert alert(String number, String... recipients) {
    return TestAlerts.breach(number, T0, recipients).build();
  }

  private static long committed(DeliveryEngine engine) {
    return engine.committable().get(TP).offset();
  }

  @Test
  void sendsOneEmailPerRecipientIncludingTheTeamListAndCommitsAfterwards() throws Exception {
    teamLists = Map.of("billing", List.of("Lead@cf.test", "sup@cf.test"));
    DeliveryEngine engine = engine();
    engine.accept(alert("CF-1", "sup@cf.test", "head@cf.test"), TP, 0);
    assertEquals(0, committed(engine), "nothing committed before delivery");
    engine.runDue();
    assertEquals(List.of("sup@cf.test", "head@cf.test", "Lead@cf.test"),
        sender.sent.stream().map(FakeMailSender.Sent::recipient).toList());
    assertEquals(3, sender.sent.get(0).message().getAllRecipients().length, "To shows every recipient");
    assertEquals(1, committed(engine));
  }

  @Test
  void aReplayAfterRestartSendsNothingTwice() {
    DeliveryEngine first = engine();
    first.accept(alert("CF-1", "sup@cf.test"), TP, 0);
    first.runDue();
    DeliveryEngine second = engine();
    second.accept(alert("CF-1", "sup@cf.test"), TP, 0);
    second.accept(alert("CF-2", "sup@cf.test"), TP, 1);
    second.runDue();
    assertEquals(2, sender.sent.size());
    assertEquals(2, committed(second));
  }

  @Test
  void heldAlertGoesAtReleaseTimeAndKeepsItsOffsetOpenUntilThen() {
    Instant opening = T0.plus(Duration.ofHours(47));
    quietHours = (a, now) -> now.isBefore(opening) ? opening : now;
    DeliveryEngine engine = engine();
    engine.accept(alert("CF-1", "sup@cf.test"), TP, 0);
    engine.accept(alert("CF-2", "sup@cf.test"), TP, 1);
    engine.runDue();
    assertEquals(0, sender.sent.size());
    assertEquals(0, committed(engine));
    assertEquals(opening, engine.nextDue());
    clock.set(opening.minusMillis(1));
    engine.runDue();
    assertEquals(0, sender.sent.size());
    clock.set(opening);
    engine.runDue();
    assertEquals(2, sender.sent.size());
    assertEquals(2, committed(engine));
  }

  @Test
  void heldAlertOfACaseResolvedMeanwhileIsDropped() {
    Instant opening = T0.plus(Duration.ofHours(10));
    quietHours = (a, now) -> now.isBefore(opening) ? opening : now;
    DeliveryEngine engine = engine();
    engine.accept(alert("CF-1", "sup@cf.test"), TP, 0);
    resolved.add("k-CF-1");
    clock.set(opening);
    engine.runDue();
    assertEquals(0, sender.sent.size());
    assertEquals(1, committed(engine), "a dropped alert is settled");
  }

  @Test
  void transientFailuresRetryWithBackoffWithoutBlockingOthers() throws Exception {
    DeliveryEngine engine = engine();
    sender.failures.add(new SMTPAddressFailedException(new InternetAddress("a@cf.test"), "RCPT", 451, "try later"));
    engine.accept(alert("CF-1", "a@cf.test"), TP, 0);
    engine.accept(alert("CF-2", "b@cf.test"), TP, 1);
    engine.runDue();
    assertEquals(List.of("b@cf.test"), sender.sent.stream().map(FakeMailSender.Sent::recipient).toList());
    assertEquals(0, committed(engine), "CF-1 still open");
    assertEquals(T0.plusSeconds(1), engine.nextDue());
    clock.advance(Duration.ofSeconds(1));
    engine.runDue();
    assertEquals(2, sender.sent.size());
    assertEquals(2, committed(engine));
    assertTrue(dead.isEmpty());
  }

  @Test
  void unreachableServerBacksOffExponentiallyAndLosesNothing() {
    DeliveryEngine engine = engine();
    for (int i = 0; i < 3; i++) {
      sender.failures.add(new jakarta.mail.MessagingException("could not connect", new java.net.ConnectException("refused")));
    }
    engine.accept(alert("CF-1", "a@cf.test"), TP, 0);
    engine.accept(alert("CF-2", "a@cf.test"), TP, 1);
    engine.runDue();
    assertEquals(1, sender.calls, "the round stops at a connection failure");
    while (sender.sent.size() < 2) {
      clock.set(engine.nextDue());
      engine.runDue();
    }
    assertEquals(5, sender.calls, "three failures, then both alerts");
    // CF-1 failed at T0 (wait 1 s) and T0+1s (wait 2 s); CF-2 once at T0 (wait 1 s, then 2 s)
    assertEquals(T0.plusSeconds(3), clock.instant());
    assertTrue(dead.isEmpty());
    assertEquals(2, committed(engine));
  }

  @Test
  void permanentFailureDeadLettersThatRecipientOnly() throws Exception {
    DeliveryEngine engine = engine();
    sender.failures.add(new SMTPAddressFailedException(new InternetAddress("gone@cf.test"), "RCPT", 550, "no such user"));
    engine.accept(alert("CF-1", "gone@cf.test", "sup@cf.test", "not an address"), TP, 0);
    engine.runDue();
    assertEquals(List.of("sup@cf.test"), sender.sent.stream().map(FakeMailSender.Sent::recipient).toList());
    assertEquals(List.of("smtp-permanent-failure", "invalid-address"), dead.stream().map(DeadAlert::getReason).toList());
    assertEquals(List.of("gone@cf.test"), dead.get(0).getFailedRecipients());
    assertEquals(1, committed(engine));
    assertEquals(OutcomeStore.Outcome.DEAD, outcomes.get(OutcomeStore.key(dead.get(0).getAlert().getAlertId(), "gone@cf.test")));
  }

  @Test
  void alertWithoutRecipientsIsDeadLettered() {
    DeliveryEngine engine = engine();
    engine.accept(alert("CF-1"), TP, 0);
    assertEquals("no-recipients", dead.get(0).getReason());
    assertEquals(1, committed(engine));
  }

  @Test
  void aStormBecomesADigestListingEveryAlert() throws Exception {
    stormThreshold = 3;
    DeliveryEngine engine = engine();
    for (int i = 0; i < 50; i++) {
      engine.accept(alert("CF-" + i, "sup@cf.test"), TP, i);
    }
    engine.runDue();
    assertEquals(3, sender.sent.size());
    assertEquals(3, committed(engine), "digested alerts stay open until the digest is out");
    clock.advance(Duration.ofMinutes(1));
    engine.runDue();
    assertEquals(4, sender.sent.size());
    jakarta.mail.internet.MimeMessage written = new jakarta.mail.internet.MimeMessage(sender.session(),
        toStream(sender.sent.get(3).message()));
    String digest = (String) ((jakarta.mail.Multipart) written.getContent()).getBodyPart(0).getContent();
    for (int i = 3; i < 50; i++) {
      assertTrue(digest.contains("k-CF-" + i + "-SLA_BREACH"), "digest lists CF-" + i);
    }
    assertEquals(50, committed(engine));
    assertEquals(50, outcomes.size());
  }

  private static java.io.InputStream toStream(jakarta.mail.internet.MimeMessage m) throws Exception {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    m.writeTo(raw);
    return new java.io.ByteArrayInputStream(raw.toByteArray());
  }

  @Test
  void forgottenPartitionsLeaveNoWorkBehind() throws MessagingException {
    quietHours = (a, now) -> now.plusSeconds(60);
    DeliveryEngine engine = engine();
    engine.accept(alert("CF-1", "sup@cf.test"), TP, 0);
    engine.forget(List.of(TP));
    clock.advance(Duration.ofMinutes(5));
    engine.runDue();
    assertEquals(0, sender.calls);
    assertEquals(0, engine.pendingDeliveries());
  }
}
