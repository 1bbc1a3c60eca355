package com.complaintflow.processor.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Priority;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SlaPoliciesTest {
  static Map<String, Object> config() {
    Map<String, Object> c = new HashMap<>();
    c.put("sla.policy.default.first-response", "4h");
    c.put("sla.policy.default.next-response", "8h");
    c.put("sla.policy.default.resolution", "40h");
    c.put("sla.policy.key.tier", "A");
    c.put("sla.policy.key.first-response", "1h");
    c.put("sla.policy.key-billing.tier", "A");
    c.put("sla.policy.key-billing.category", "BILLING");
    c.put("sla.policy.key-billing.first-response", "30m");
    c.put("sla.policy.urgent.priority", "URGENT");
    c.put("sla.policy.urgent.first-response", "PT2H");
    c.put("sla.policy.urgent.calendar", "24x7");
    c.put("sla.warnings", "50%,75%,15m");
    c.put("sla.escalation.2.after-breach", "50%");
    c.put("sla.escalation.2.recipients", "head@example.com");
    return c;
  }

  @Test
  void mostSpecificPolicyWinsAndMissingTargetsComeFromDefault() {
    SlaPolicies policies = SlaPolicies.fromConfig(config());
    SlaPolicy keyBilling = policies.select(ClientTier.A, Priority.NORMAL, Category.BILLING);
    assertEquals("key-billing", keyBilling.name());
    assertEquals(Duration.ofMinutes(30), keyBilling.targets().firstResponse());
    assertEquals(Duration.ofHours(40), keyBilling.targets().resolution());
    assertEquals("key", policies.select(ClientTier.A, Priority.NORMAL, Category.DELIVERY).name());
    assertEquals("default", policies.select(ClientTier.C, Priority.LOW, Category.OTHER).name());
    SlaPolicy urgent = policies.select(ClientTier.B, Priority.URGENT, Category.OTHER);
    assertEquals("24x7", urgent.calendar());
  }

  @Test
  void equallySpecificPoliciesAreOrderedByOrderThenName() {
    Map<String, Object> c = config();
    c.put("sla.policy.urgent.order", "1"); // beats "key" for an urgent A-client
    SlaPolicies policies = SlaPolicies.fromConfig(c);
    assertEquals("urgent", policies.select(ClientTier.A, Priority.URGENT, Category.OTHER).name());
  }

  @Test
  void warningsAndEscalationsAreParsed() {
    SlaPolicies policies = SlaPolicies.fromConfig(config());
    assertEquals(List.of(new WarningPoint(50, null), new WarningPoint(75, null),
        new WarningPoint(null, Duration.ofMinutes(15))), policies.warnings());
    assertEquals(2, policies.escalations().size());
    assertEquals(List.of("team-supervisors"), policies.escalations().get(0).recipients());
    assertEquals(50, policies.escalations().get(1).afterBreachPercent());
    assertTrue(!policies.regulatory().enabled());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    Map<String, Object> c = new HashMap<>();
    c.put("sla.policy.vip.tier", "Z");
    c.put("sla.policy.vip.first-response", "soon");
    c.put("sla.warnings", "150%");
    c.put("sla.escalation.2.recipients", "x@example.com");
    ConfigException e = assertThrows(ConfigException.class, () -> SlaPolicies.fromConfig(c));
    String m = e.getMessage();
    assertTrue(m.contains("sla.policy.default"), m);
    assertTrue(m.contains("sla.policy.vip.tier"), m);
    assertTrue(m.contains("sla.policy.vip.first-response"), m);
    assertTrue(m.contains("sla.warnings"), m);
    assertTrue(m.contains("sla.escalation.2.after-breach"), m);
  }

  @Test
  void regulatoryClockCountsCalendarDays() {
    Map<String, Object> c = config();
    c.put("sla.regulatory.enabled", "true");
    RegulatoryClock clock = SlaPolicies.fromConfig(c).regulatory();
    java.time.Instant opened = java.time.Instant.parse("2026-11-20T10:00:00Z");
    assertEquals(java.time.Instant.parse("2026-12-05T10:00:00Z"), clock.responseDue(opened));
    assertEquals(java.time.Instant.parse("2027-01-19T10:00:00Z"), clock.finalDue(opened));
  }
}
