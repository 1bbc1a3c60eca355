package com.complaintflow.processor.sla;

import com.complaintflow.schemas.avro.SlaTarget;
import java.time.Duration;

/** The contractual targets of a policy, in business time; null = no such target. */
public record SlaTargets(Duration firstResponse, Duration nextResponse, Duration resolution) {

  public Duration of(SlaTarget target) {
    return switch (target) {
      case FIRST_RESPONSE -> firstResponse;
      case NEXT_RESPONSE -> nextResponse;
      case RESOLUTION -> resolution;
      default -> null;
    };
  }

  /** Fills targets this one lacks from {@code fallback}. */
  SlaTargets orElse(SlaTargets fallback) {
    return new SlaTargets(
        firstResponse != null ? firstResponse : fallback.firstResponse,
        nextResponse != null ? nextResponse : fallback.nextResponse,
        resolution != null ? resolution : fallback.resolution);
  }
}
