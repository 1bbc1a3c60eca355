package com.complaintflow.bench.scenario;

import com.complaintflow.bench.stats.ScenarioResult;
import java.util.List;

/**
 * Intake: HTTP web complaints per second and p50/p99 at a fixed concurrency, from a load generator
 * in its own JVM, against {@code POST /api/v1/complaints} of the intake in its own JVM; baseline:
 * the same generator against an endpoint of the same server that answers 202 without producing.
 * E-mail: messages per second fetched, parsed and produced from a GreenMail mailbox.
 *
 * <p>Not measured yet: it needs the intake-connector built (its jar on this module's runtime
 * classpath) and a no-op endpoint for the baseline; until then it reports SKIPPED with the reason.
 */
public final class IntakeScenario implements Scenario {
  public static final String NAME = "intake";
  static final String INTAKE_SERVICE = "com.complaintflow.intake.IntakeService";

  @Override
  public List<String> names() {
    return List.of(NAME);
  }

  @Override
  public List<ScenarioResult> run(BenchContext ctx, List<String> selected) {
    if (!onClasspath(INTAKE_SERVICE)) {
      return List.of(ScenarioResult.skipped(NAME, "intake-connector is not built: " + INTAKE_SERVICE
          + " is not on the classpath (install the module, then rebuild benchmarks)"));
    }
    return List.of(ScenarioResult.skipped(NAME, "needs a no-op endpoint on the intake's HTTP server for the"
        + " baseline (e.g. POST /api/v1/bench/noop behind a config flag, answering 202 without producing);"
        + " the load generator and the e-mail run are not part of this version"));
  }

  static boolean onClasspath(String className) {
    try {
      Class.forName(className, false, IntakeScenario.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
