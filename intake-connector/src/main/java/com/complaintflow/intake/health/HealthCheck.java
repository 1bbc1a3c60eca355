package com.complaintflow.intake.health;

/** One readiness probe behind /health. */
public interface HealthCheck {
  record Result(boolean up, String detail) {}

  String name();

  Result check();
}
