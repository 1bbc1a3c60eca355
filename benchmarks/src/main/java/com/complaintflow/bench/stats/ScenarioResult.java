package com.complaintflow.bench.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one scenario produced: its figures, or why it was skipped, plus free-form notes. */
public final class ScenarioResult {
  private final String scenario;
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private String skipped;

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

  public String scenario() { return scenario; }
  public List<Figure> figures() { return figures; }
  public List<String> notes() { return notes; }
  public Map<String, Object> parameters() { return parameters; }
  public String skippedReason() { return skipped; }
  public boolean isSkipped() { return skipped != null; }
}
