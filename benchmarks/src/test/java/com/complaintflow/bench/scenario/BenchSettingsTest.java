package com.complaintflow.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchSettingsTest {

  @Test
  void fullModeRunsAWarmUpAndThreeMeasuredRepetitionsEverywhere() {
    BenchSettings s = BenchSettings.of(false, null);
    assertEquals(1_000_000, s.records());
    assertEquals(300_000, s.clients());
    assertEquals(1, s.warmups());
    assertEquals(3, s.repetitions());
    assertEquals(1, s.processorWarmups());
    assertEquals(3, s.processorRepetitions());
    assertEquals(1, s.emailWarmups());
    assertEquals(3, s.emailRepetitions());
    assertEquals(1_000, s.emails());
    assertEquals(20_000, s.breachCases());
    assertEquals(80, s.breachWindowSeconds());
    assertNull(s.reducedRepetitions());
  }

  @Test
  void quickModeSaysWhatItLeavesOut() {
    BenchSettings s = BenchSettings.of(true, null);
    assertTrue(s.processorRepetitions() < 3 || s.emailRepetitions() < 3);
    assertNotNull(s.reducedRepetitions());
    assertTrue(s.reducedRepetitions().contains("quick mode"), s.reducedRepetitions());
    assertEquals(s.reducedRepetitions(), BenchSettings.of(true, null).reducedRepetitions());
  }

  @Test
  void overridesWinAndBreachCasesFollowTheRecords() {
    BenchSettings s = BenchSettings.of(false, 20_000L, null, 2_000, 10);
    assertEquals(6_000, s.clients());
    assertEquals(20_000, s.breachCases());
    assertEquals(2_000, s.emails());
    assertEquals(10, s.httpSeconds());
    assertEquals(5_000, BenchSettings.of(false, 20_000L, 5_000, null, null).breachCases());
    assertEquals(60, BenchSettings.of(false, 20_000L, 5_000, null, null).breachWindowSeconds());
    assertEquals(3_000, BenchSettings.of(false, 3_000L, null, null, null).breachCases());
  }
}
