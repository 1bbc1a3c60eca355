package com.complaintflow.bench.scenario;

import com.complaintflow.processor.ComplaintFlowTopology;
import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.bench.stats.ScenarioResult;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Breach detection delay at scale: many open cases whose first-response deadlines fall due during
 * the run; for every SLA_BREACH alert, the delay from its {@code dueAt} to the broker's append
 * time of the alert (the alerts topic set to LogAppendTime), p50/p99/max; plus the cost of one
 * wall-clock punctuation with nothing due while the cases are open (Kafka Streams'
 * punctuate-latency metric over a quiet period).
 *
 * <p>Runs only when the processor's topology writes to the alerts topic; until the SLA clocks are
 * part of the topology it reports SKIPPED and says so.
 */
public final class BreachDelayScenario implements Scenario {
  public static final String NAME = "breach-delay";

  @Override
  public List<String> names() {
    return List.of(NAME);
  }

  @Override
  public List<ScenarioResult> run(BenchContext ctx, List<String> selected) {
    TopicCatalog catalog = ctx.stack().catalog();
    String presence = slaTopologyPresence(catalog);
    if (presence != null) {
      return List.of(ScenarioResult.skipped(NAME, presence));
    }
    return List.of(ScenarioResult.skipped(NAME, "SLA topology present (the topology writes to "
        + catalog.alerts().name() + "), but this scenario's load phase is not wired to its SLA"
        + " configuration yet"));
  }

  /** Null when the SLA topology is present, else why the scenario cannot run. */
  static String slaTopologyPresence(TopicCatalog catalog) {
    TopologyDescription description;
    try {
      description = ComplaintFlowTopology.build(new ProcessorConfig(Map.of()), catalog).describe();
    } catch (RuntimeException e) {
      return "SLA topology not checkable: building the topology with default settings failed: " + e.getMessage();
    }
    String alerts = catalog.alerts().name();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Sink sink && alerts.equals(sink.topic())) {
          return null;
        }
      }
    }
    return "SLA topology not present: the processor's topology writes nothing to '" + alerts
        + "' (SLA clocks, deadline index and alert emission are not in stream-processor yet)";
  }
}
