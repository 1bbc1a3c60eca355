package com.complaintflow.processor.cases;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * What the case task did, counted instead of logged line by line: Kafka Streams metrics in the
 * group {@code stream-complaintflow-cases-metrics}, tagged with the task id
 * ({@code complaintflow-cases-id}), one {@code <event>-total} and {@code <event>-rate} per event:
 * {@code case-opened}, {@code follow-up}, {@code case-queued}, {@code case-assigned},
 * {@code abandoned-call}, {@code action-<type>} (e.g. {@code action-resolved}),
 * {@code action-rejected}, {@code alert-<kind>} (e.g. {@code alert-sla-breach}). They are
 * reported wherever the application's Streams metrics go (JMX, metrics reporters).
 */
final class CaseCounters {
  static final String SCOPE = "complaintflow-cases";

  private final StreamsMetrics metrics;
  private final String task;
  private final Map<String, Sensor> sensors = new HashMap<>();

  CaseCounters(StreamsMetrics metrics, String task) {
    this.metrics = metrics;
    this.task = task;
  }

  void count(String event) {
    sensors.computeIfAbsent(event, e -> metrics.addRateTotalSensor(SCOPE, task, e,
        Sensor.RecordingLevel.INFO)).record();
  }

  /** {@code prefix-} and the enum symbol in lower case with dashes. */
  void count(String prefix, Enum<?> value) {
    count(prefix + "-" + value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  void close() {
    sensors.values().forEach(metrics::removeSensor);
    sensors.clear();
  }
}
