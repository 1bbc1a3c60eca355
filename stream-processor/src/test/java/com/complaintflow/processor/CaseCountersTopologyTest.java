package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.complaintflow.schemas.avro.CaseActionType;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** The case task counts what it does in Kafka Streams metrics instead of an INFO line per event. */
class CaseCountersTopologyTest {

  @Test
  void openedAssignedActedAndAlertedAreCounted() throws Exception {
    Map<String, Object> values = new HashMap<>(SlaTopologyTest.BASE);
    try (TopologyFixture f = new TopologyFixture(values, null, null, TopologyFixture.T0, UnaryOperator.identity())) {
      SlaTopologyTest.agent(f, "ag-1", "service");
      String id = SlaTopologyTest.open(f, "x@example.com", "оператор нагрубил, подам в суд");
      SlaTopologyTest.act(f, id, CaseActionType.RESOLVED);
      SlaTopologyTest.act(f, id, CaseActionType.RESOLVED); // refused: already resolved
      assertEquals(1.0, total(f, "case-opened"));
      assertEquals(1.0, total(f, "case-assigned"));
      assertEquals(1.0, total(f, "action-resolved"));
      assertEquals(1.0, total(f, "action-rejected"));
      assertEquals(1.0, total(f, "alert-legal-threat"));
    }
  }

  private static double total(TopologyFixture f, String event) {
    double sum = 0;
    boolean found = false;
    for (Map.Entry<MetricName, ? extends Metric> e : f.driver.metrics().entrySet()) {
      MetricName n = e.getKey();
      if (n.group().equals("stream-complaintflow-cases-metrics") && n.name().equals(event + "-total")) {
        sum += (Double) e.getValue().metricValue();
        found = true;
      }
    }
    return found ? sum : Double.NaN;
  }
}
