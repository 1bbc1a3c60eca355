package com.complaintflow.bench.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.complaintflow.bench.data.DataSet;
import com.complaintflow.bench.scenario.BenchSettings;
import com.complaintflow.bench.stats.ScenarioResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenario's bookkeeping on quick sizes (no figure is checked: timings are not asserted). */
class ClassificationScenarioTest {
  @Test
  void bothSidesAgreeOnTheDataSetAndEveryMeasuredRepetitionIsReported() {
    BenchSettings settings = BenchSettings.of(true, 500L);
    DataSet data = new DataSet(settings.clients(), 30, 42L, Instant.parse("2026-11-24T12:00:00Z"));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ScenarioResult result = ClassificationScenario.measure(data, settings,
        new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertFalse(result.isFailed(), () -> String.valueOf(result.failures()));
    assertEquals(ClassificationScenario.MIN_TEXTS, result.parameters().get("texts"));
    assertEquals(List.of(settings.repetitions(), settings.repetitions()),
        result.figures().stream().map(f -> f.subject().size()).toList());
    assertEquals(settings.repetitions(), result.figures().get(0).baseline().size());
  }
}
