package com.complaintflow.reconcile;

import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseEventType;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.DeadAlert;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Compares what came in with what the pipeline made of it, for complaints received in a time
 * range: every raw intake record became a complaint or a reject; every complaint is in exactly one
 * case; every case's changelog starts with OPENED and has no gaps or repeats; no alert id appears
 * twice; nothing lies in the dead-letter topic. Case events and alerts are read from {@code from}
 * to the present, since the pipeline's reactions to the range's inputs come later than the inputs.
 */
public final class Reconciler {
  private final TopicCatalog catalog;
  private final RecordSource snapshot;
  private final Clock clock;

  /**
   * @param clientProps Kafka client settings (bootstrap servers, security) without a group id
   * @param serdeConfig the serde and topic-name configuration ({@code schema.registry.url}, {@code topic.*})
   */
  public Reconciler(Map<String, Object> clientProps, Map<String, ?> serdeConfig) {
    this(new TopicCatalog(serdeConfig), new TopicSnapshot(clientProps), Clock.systemUTC());
  }

  Reconciler(TopicCatalog catalog, RecordSource source, Clock clock) {
    this.catalog = catalog;
    this.snapshot = source;
    this.clock = clock;
  }

  public ReconcileReport reconcile(Instant from, Instant to) {
    ReconcileReport report = new ReconcileReport(from, to);
    Instant now = clock.instant();
    Instant reactionsUntil = now.isAfter(to) ? now : to;

    List<Complaint> complaints = decode(report, catalog.complaints().name(),
        catalog.complaints().valueSerde().deserializer(), from, to);
    List<RejectedInput> rejects = decode(report, catalog.complaintsRejected().name(),
        catalog.complaintsRejected().valueSerde().deserializer(), from, to);
    List<CaseEvent> events = decode(report, catalog.cases().name(),
        catalog.cases().valueSerde().deserializer(), from, reactionsUntil);
    List<Alert> alerts = decode(report, catalog.alerts().name(),
        catalog.alerts().valueSerde().deserializer(), from, reactionsUntil);
    List<DeadAlert> dead = decode(report, catalog.alertsDead().name(),
        catalog.alertsDead().valueSerde().deserializer(), from, reactionsUntil);
    List<RejectedInput> actionRejects = decode(report, catalog.caseActionsRejected().name(),
        catalog.caseActionsRejected().valueSerde().deserializer(), from, reactionsUntil);

    report.count("complaint-records", complaints.size());
    Set<String> complaintIds = new HashSet<>();
    complaints.forEach(c -> complaintIds.add(c.getComplaintId()));
    report.count("complaints", complaintIds.size());
    report.count("rejects", rejects.size());
    rejects.forEach(r -> report.countReason("reject." + r.getReason()));
    actionRejects.forEach(r -> report.countReason("action-reject." + r.getReason()));

    checkRawInputs(report, complaints, rejects, from, to);
    checkCases(report, complaintIds, events);
    checkAlerts(report, alerts, dead);
    return report;
  }

  /** Every record of a raw intake topic became a complaint (web: its coordinates) or a reject (its offset). */
  private void checkRawInputs(ReconcileReport report, List<Complaint> complaints, List<RejectedInput> rejects,
      Instant from, Instant to) {
    for (String topic : List.of(catalog.intakeWeb().name(), catalog.intakePhone().name())) {
      List<ConsumerRecord<byte[], byte[]>> raw = snapshot.read(topic, from, to);
      report.count("raw." + topic, raw.size());
      if (raw.isEmpty()) {
        continue;
      }
      String system = "kafka:" + topic;
      Set<String> done = new HashSet<>();
      long phoneComplaints = 0;
      Set<String> seenIds = new HashSet<>();
      for (Complaint c : complaints) {
        if (system.equals(c.getSourceSystem())) {
          String coordinates = c.getAttributes().get("kafka.source");
          if (coordinates != null) {
            done.add(coordinates);
          } else if (seenIds.add(c.getComplaintId())) {
            phoneComplaints++;
          }
        }
      }
      for (RejectedInput r : rejects) {
        if (topic.equals(r.getTopic()) && r.getPartition() != null && r.getOffset() != null) {
          done.add(topic + "-" + r.getPartition() + "@" + r.getOffset());
        }
      }
      long unaccounted = 0;
      for (ConsumerRecord<byte[], byte[]> r : raw) {
        if (!done.contains(r.topic() + "-" + r.partition() + "@" + r.offset())) {
          unaccounted++;
        }
      }
      // call records carry no coordinates: each distinct call id is one complaint, matched by count
      unaccounted -= Math.min(unaccounted, phoneComplaints);
      if (unaccounted > 0) {
        report.problem("raw-input-unaccounted", topic + ": " + unaccounted + " record(s) became neither a complaint"
            + " nor a reject (yet)");
      }
    }
  }

  private void checkCases(ReconcileReport report, Set<String> complaintIds, List<CaseEvent> events) {
    Map<String, Set<String>> casesOfComplaint = new HashMap<>();
    Map<String, List<CaseEvent>> byCase = new HashMap<>();
    Set<String> eventIds = new HashSet<>();
    for (CaseEvent e : events) {
      if (!eventIds.add(e.getEventId())) {
        report.problem("duplicate-case-event", e.getEventId() + " (" + e.getType() + ")");
      }
      byCase.computeIfAbsent(e.getCaseId(), k -> new ArrayList<>()).add(e);
      if (e.getComplaintId() != null
          && (e.getType() == CaseEventType.OPENED || e.getType() == CaseEventType.FOLLOW_UP)) {
        casesOfComplaint.computeIfAbsent(e.getComplaintId(), k -> new HashSet<>()).add(e.getCaseId());
      }
    }
    report.count("cases", byCase.size());
    report.count("case-events", events.size());
    for (String id : complaintIds) {
      Set<String> cases = casesOfComplaint.get(id);
      if (cases == null) {
        report.problem("complaint-without-case", id);
      } else if (cases.size() > 1) {
        report.problem("complaint-in-several-cases", id + " in " + new TreeSet<>(cases));
      }
    }
    for (Map.Entry<String, List<CaseEvent>> c : byCase.entrySet()) {
      Set<Long> seqs = new HashSet<>();
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      CaseEvent first = null;
      for (CaseEvent e : c.getValue()) {
        seqs.add(e.getSequence());
        if (e.getSequence() < min) {
          min = e.getSequence();
          first = e;
        }
        max = Math.max(max, e.getSequence());
      }
      if (min == 1 && first.getType() != CaseEventType.OPENED) {
        report.problem("case-without-opened", c.getKey() + " starts with " + first.getType());
      }
      if (seqs.size() != max - min + 1) {
        report.problem("case-event-gap", c.getKey() + ": sequences " + min + ".." + max + " with "
            + (max - min + 1 - seqs.size()) + " missing");
      }
    }
  }

  private static void checkAlerts(ReconcileReport report, List<Alert> alerts, List<DeadAlert> dead) {
    Set<String> ids = new HashSet<>();
    for (Alert a : alerts) {
      if (!ids.add(a.getAlertId())) {
        report.problem("duplicate-alert", a.getAlertId());
      }
    }
    report.count("alerts", ids.size());
    report.count("dead-alerts", dead.size());
    for (DeadAlert d : dead) {
      report.problem("dead-alert", d.getAlert().getAlertId() + " reason=" + d.getReason());
    }
  }

  private <T> List<T> decode(ReconcileReport report, String topic, Deserializer<T> deserializer, Instant from, Instant to) {
    List<T> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : snapshot.read(topic, from, to)) {
      try {
        T value = deserializer.deserialize(r.topic(), r.value());
        if (value != null) {
          out.add(value);
        }
      } catch (RuntimeException e) {
        report.problem("undecodable-record", r.topic() + "-" + r.partition() + "@" + r.offset() + ": " + e.getMessage());
      }
    }
    deserializer.close();
    return out;
  }
}
