package com.complaintflow.bench.scenario;

import com.complaintflow.bench.stats.ScenarioResult;
import java.util.List;

/** A named benchmark; one may yield several results (the processor runs feed three). */
public interface Scenario {
  /** The names this scenario answers to on the command line. */
  List<String> names();

  /** Runs for the selected names (a subset of {@link #names()}) and returns one result per name. */
  List<ScenarioResult> run(BenchContext context, List<String> selected) throws Exception;
}
