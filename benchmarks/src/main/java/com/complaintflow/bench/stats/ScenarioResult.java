package com.complaintflow.bench.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario produced: its figures, or why it was skipped, plus free-form notes. A result
 * may carry figures and still be a failure (e.g. an alert that never arrived): the figures are
 * printed, the failure is printed beside them and the run exits with status 1.
 */
public final class ScenarioResult {
  private final String scenario;
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private String skipped;
  private final List<String> failures = new ArrayList<>();

  public ScenarioResult(String scenario) {
    this.scenario = scenario;
  }

  public static ScenarioResult skipped(String scenario, String reason) {
    ScenarioResult r = new ScenarioResult(scenario);
    r.skipped = reason;
    return r;
  }

  public ScenarioResult add(Figure f) {
    figures.add(f);
    return this;
  }

  public ScenarioResult note(String text) {
    notes.add(text);
    return this;
  }

  public ScenarioResult parameter(String key, Object value) {
    parameters.put(key, value);
    return this;
  }

  public void skip(String reason) {
    this.skipped = reason;
  }

  /** Records a correctness failure found while measuring (the figures stay). */
  public ScenarioResult fail(String reason) {
    failures.add(reason);
    return this;
  }

  public List<String> failures() { return failures; }
  public boolean isFailed() { return !failures.isEmpty(); }

  public String scenario() { return scenario; }
  public List<Figure> figures() { return figures; }
  public List<String> notes() { return notes; }
  public Map<String, Object> parameters() { return parameters; }
  public String skippedReason() { return skipped; }
  public boolean isSkipped() { return skipped != null; }
}
