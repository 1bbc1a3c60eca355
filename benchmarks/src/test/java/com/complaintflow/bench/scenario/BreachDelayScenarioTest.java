package com.complaintflow.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.processor.sla.SlaPolicy;
import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Priority;
import com.complaintflow.schemas.avro.SlaTarget;
import com.complaintflow.schemas.topics.TopicCatalog;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BreachDelayScenarioTest {

  @Test
  void theScenariosSlaSettingsAreValidAndGiveEveryCaseTheShortFirstResponseTarget() {
    Map<String, Object> values = new HashMap<>(BreachDelayScenario.slaSettings(List.of("sup@example.com")));
    ProcessorConfig config = new ProcessorConfig(values);
    // every case, whatever its tier, priority (a legal threat makes it URGENT) or category
    for (ClientTier tier : ClientTier.values()) {
      for (Priority priority : Priority.values()) {
        SlaPolicy policy = config.slaSettings().policies().select(tier, priority, Category.DELIVERY);
        assertEquals(BreachDelayScenario.TARGET, policy.targets().of(SlaTarget.FIRST_RESPONSE), policy.name());
        assertEquals(Duration.ofHours(100), policy.targets().of(SlaTarget.RESOLUTION), policy.name());
      }
    }
  }

  @Test
  void theCurrentTopologyHasTheSlaClocks() {
    assertNull(BreachDelayScenario.slaTopologyPresence(new TopicCatalog(Map.of("schema.registry.url", "mock://x"))));
  }
}
