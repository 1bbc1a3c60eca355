package com.complaintflow.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.bench.stats.Figure;
import com.complaintflow.bench.stats.Goal;
import com.complaintflow.bench.stats.ScenarioResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {

  @Test
  void rowShowsMedianRangeBaselineRatioAndGoal() {
    Figure f = Figure.paired("records/s", "rec/s", List.of(1500.0, 1200.0, 1800.0), List.of(3000.0, 3000.0, 3000.0))
        .withGoal(Goal.atLeast(0.5, "ratio >= 0.5"), true);
    assertArrayEquals(new String[] {"throughput", "records/s", "rec/s", "1,500", "1,200-1,800", "3", "3,000",
        "0.50", "0.40-0.60", "MET (ratio >= 0.5)"}, ResultTable.row("throughput", f));
  }

  @Test
  void skippedScenariosAreListedWithTheirReason() {
    String table = ResultTable.render(List.of(
        ScenarioResult.skipped("intake", "intake-connector not built"),
        new ScenarioResult("memory").add(Figure.of("heap", "MiB", List.of(300.0, 310.0, 320.0)))));
    assertTrue(table.contains("intake: SKIPPED: intake-connector not built"), table);
    assertTrue(table.contains("310"), table);
  }

  @Test
  void numbersKeepThreeSignificantDigits() {
    assertEquals("12,346", ResultTable.number(12345.6));
    assertEquals("123", ResultTable.number(123.4));
    assertEquals("12.3", ResultTable.number(12.34));
    assertEquals("0.12", ResultTable.number(0.1234));
    assertEquals("n/a", ResultTable.number(Double.NaN));
  }

  @Test
  void jsonKeepsEveryRepetitionAndTheRatio() {
    Figure f = Figure.paired("emails/s", "emails/s", List.of(100.0, 200.0, 300.0), List.of(400.0, 400.0, 400.0));
    Map<String, Object> doc = ResultsJson.document(Instant.EPOCH, Map.of("cores", 2), Map.of("quick", true), "m",
        List.of(new ScenarioResult("alert-delivery").add(f)));
    @SuppressWarnings("unchecked")
    Map<String, Object> scenario = ((List<Map<String, Object>>) doc.get("scenarios")).get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> figure = ((List<Map<String, Object>>) scenario.get("figures")).get(0);
    assertEquals(List.of(100.0, 200.0, 300.0), figure.get("repetitions"));
    assertEquals(0.5, (Double) figure.get("ratioMedian"), 1e-12);
    assertEquals("OK", scenario.get("status"));
  }

  @Test
  void aFailureIsPrintedBesideTheFiguresAndMarksTheJson() {
    ScenarioResult r = new ScenarioResult("breach-delay")
        .add(Figure.of("alert delay p99", "ms", List.of(900.0, 950.0, 990.0)))
        .fail("repetition 2: 3 of 1,000 breach alerts missing");
    String table = ResultTable.render(List.of(r));
    assertTrue(table.contains("950"), table);
    assertTrue(table.contains("breach-delay: FAILED: repetition 2: 3 of 1,000 breach alerts missing"), table);
    @SuppressWarnings("unchecked")
    Map<String, Object> scenario = ((List<Map<String, Object>>) ResultsJson.document(Instant.EPOCH, Map.of(),
        Map.of(), "m", List.of(r)).get("scenarios")).get(0);
    assertEquals("FAILED", scenario.get("status"));
    assertEquals(List.of("repetition 2: 3 of 1,000 breach alerts missing"), scenario.get("failures"));
  }
}
