package com.complaintflow.bench.report;

import com.complaintflow.bench.stats.Figure;
import com.complaintflow.bench.stats.ScenarioResult;
import com.complaintflow.bench.stats.Stats;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One JSON file per run: machine, method, settings and every repetition's value. */
public final class ResultsJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsJson() {}

  public static Map<String, Object> document(Instant started, Map<String, Object> machine,
      Map<String, Object> settings, String method, List<ScenarioResult> results) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("started", started.toString());
    doc.put("machine", machine);
    doc.put("settings", settings);
    doc.put("method", method);
    List<Map<String, Object>> scenarios = new ArrayList<>();
    for (ScenarioResult r : results) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("scenario", r.scenario());
      s.put("status", r.isSkipped() ? "SKIPPED" : r.isFailed() ? "FAILED" : "OK");
      if (r.isSkipped()) {
        s.put("reason", r.skippedReason());
      }
      if (r.isFailed()) {
        s.put("failures", r.failures());
      }
      s.put("parameters", r.parameters());
      List<Map<String, Object>> figures = new ArrayList<>();
      for (Figure f : r.figures()) {
        figures.add(figure(f));
      }
      s.put("figures", figures);
      s.put("notes", r.notes());
      scenarios.add(s);
    }
    doc.put("scenarios", scenarios);
    return doc;
  }

  static Map<String, Object> figure(Figure f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", f.name());
    m.put("unit", f.unit());
    m.put("median", f.median());
    m.put("min", Stats.min(f.subject()));
    m.put("max", Stats.max(f.subject()));
    m.put("repetitions", f.subject());
    if (f.hasBaseline()) {
      m.put("baselineMedian", Stats.median(f.baseline()));
      m.put("baselineRepetitions", f.baseline());
      m.put("ratioMedian", Stats.median(f.ratios()));
      m.put("ratioMin", Stats.min(f.ratios()));
      m.put("ratioMax", Stats.max(f.ratios()));
    }
    if (f.goal() != null) {
      m.put("goal", f.goal().text());
      m.put("goalMet", f.goalMet());
    }
    return m;
  }

  public static Path write(Path dir, Instant started, Map<String, Object> doc) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("bench-" + started.toString().replace(':', '-') + ".json");
    JSON.writeValue(file.toFile(), doc);
    return file;
  }
}
