package com.complaintflow.intake.http;

import com.complaintflow.intake.health.HealthCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** GET /health: 200 when every probe is up (Kafka, registry, each mailbox), else 503; JSON either way. */
public final class HealthHandler implements RouteHandler {
  private final Supplier<List<HealthCheck>> checks;

  public HealthHandler(Supplier<List<HealthCheck>> checks) {
    this.checks = checks;
  }

  @Override
  public ApiResponse handle(ApiRequest request) {
    Map<String, Object> components = new LinkedHashMap<>();
    boolean allUp = true;
    for (HealthCheck check : checks.get()) {
      HealthCheck.Result r = check.check();
      allUp &= r.up();
      components.put(check.name(), Map.of("status", r.up() ? "UP" : "DOWN", "detail", r.detail()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", allUp ? "UP" : "DOWN");
    body.put("components", components);
    return ApiResponse.json(allUp ? 200 : 503, body);
  }
}
