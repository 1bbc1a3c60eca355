package com.complaintflow.processor.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.processor.owners.AgentDirectory;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

/**
 * The SLA computation on a case's state alone, without a test driver or a store: it tells the
 * next moment the deadline index must hold and which alerts are due, and handles each alert
 * point once.
 */
class SlaTrackerTest {
  /** A Monday 09:00 UTC: every moment below lies within the default calendar's working hours. */
  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

  private static SlaTracker tracker() {
    Map<String, Object> values = new HashMap<>();
    values.put(ProcessorConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://sla-tracker-test");
    values.put(ProcessorConfig.APPLICATION_ID_CONFIG, "sla-tracker-test");
    values.put("sla.policy.default.first-response", "4h");
    values.put("sla.policy.default.resolution", "16h");
    values.put("sla.warnings", "50%");
    values.put("sla.escalation.2.after-breach", "50%");
    values.put("sla.escalation.2.recipients", "head@example.com");
    values.put("sla.unassigned.after", "30d");
    ProcessorConfig config = new ProcessorConfig(values);
    return new SlaTracker(config.slaSettings(), new AlertFactory(config.slaSettings(),
        new AgentDirectory(new NoAgents())));
  }

  private static CaseState openCase(SlaTracker sla) {
    CaseState c = new CaseState();
    c.clientId = "C-1";
    c.caseNumber = "CF-1000";
    c.caseId = "C-1/CF-1000";
    c.status = com.complaintflow.schemas.avro.CaseStatus.OPEN;
    c.team = "service";
    c.ownerId = "ag-1";
    c.openedAt = T.toEpochMilli();
    sla.opened(c, c.openedAt);
    sla.ownerChanged(c, c.openedAt);
    return c;
  }

  private static List<String> kinds(List<Alert> alerts) {
    return alerts.stream().map(a -> a.getKind() + " " + a.getTarget() + " " + a.getLevel()).toList();
  }

  private static long at(Duration d) {
    return T.plus(d).toEpochMilli();
  }

  @Test
  void nextMomentAndDueAlertsFollowTheClocks() {
    SlaTracker sla = tracker();
    CaseState c = openCase(sla);
    assertEquals(at(Duration.ofHours(2)), sla.nextMoment(c)); // 50 % of the first response
    assertEquals(List.of(), sla.due(c, at(Duration.ofMinutes(119))));
    assertEquals(List.of("SLA_WARNING FIRST_RESPONSE 0"), kinds(sla.due(c, at(Duration.ofHours(2)))));
    assertEquals(at(Duration.ofHours(4)), sla.nextMoment(c));
    // handled once: asking again at the same time gives nothing
    assertEquals(List.of(), sla.due(c, at(Duration.ofHours(2))));
    // the first response completes its clock: the next moment is the resolution's warning (8 h)
    sla.responded(c, at(Duration.ofHours(3)));
    assertEquals(at(Duration.ofHours(8)), sla.nextMoment(c));
    c.status = com.complaintflow.schemas.avro.CaseStatus.RESOLVED;
    sla.resolved(c, at(Duration.ofHours(5)));
    assertNull(sla.nextMoment(c));
  }

  @Test
  void afterDowntimeTheBreachSpeaksForTheWarningWhichStaysHandled() {
    SlaTracker sla = tracker();
    CaseState c = openCase(sla);
    assertEquals(List.of("SLA_BREACH FIRST_RESPONSE 1"), kinds(sla.due(c, at(Duration.ofHours(5)))));
    assertEquals(at(Duration.ofHours(6)), sla.nextMoment(c)); // level 2, not the skipped warning
    assertEquals(List.of("SLA_ESCALATION FIRST_RESPONSE 2"), kinds(sla.due(c, at(Duration.ofHours(6)))));
    assertEquals(at(Duration.ofHours(8)), sla.nextMoment(c));
  }

  @Test
  void marksSurviveTheStateFormat() {
    SlaTracker sla = tracker();
    CaseState c = openCase(sla);
    sla.due(c, at(Duration.ofHours(2)));
    CaseStateSerde serde = new CaseStateSerde();
    CaseState back = serde.decode(serde.encode(c));
    assertEquals(List.of(), sla.due(back, at(Duration.ofHours(2))));
    assertEquals(sla.nextMoment(c), sla.nextMoment(back));
  }

  /** An empty agents table. */
  private static final class NoAgents implements ReadOnlyKeyValueStore<String, ValueAndTimestamp<Agent>> {
    @Override
    public ValueAndTimestamp<Agent> get(String key) {
      return null;
    }

    @Override
    public KeyValueIterator<String, ValueAndTimestamp<Agent>> range(String from, String to) {
      return empty();
    }

    @Override
    public KeyValueIterator<String, ValueAndTimestamp<Agent>> all() {
      return empty();
    }

    @Override
    public long approximateNumEntries() {
      return 0;
    }

    private static KeyValueIterator<String, ValueAndTimestamp<Agent>> empty() {
      return new KeyValueIterator<>() {
        @Override
        public void close() {}

        @Override
        public String peekNextKey() {
          throw new java.util.NoSuchElementException();
        }

        @Override
        public boolean hasNext() {
          return false;
        }

        @Override
        public KeyValue<String, ValueAndTimestamp<Agent>> next() {
          throw new java.util.NoSuchElementException();
        }
      };
    }
  }
}
