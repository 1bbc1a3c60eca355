package com.complaintflow.processor.sla;

import java.time.Instant;
import java.time.ZoneId;

/**
 * A regulator's clock in calendar days beside the contractual business-hours one (e.g. the US
 * CFPB: 15 days to respond, 60 days to a final answer). Its outcome is reported separately.
 */
public record RegulatoryClock(boolean enabled, int responseDays, int finalDays, ZoneId zone) {
  public static final RegulatoryClock OFF = new RegulatoryClock(false, 15, 60, ZoneId.of("UTC"));

  public Instant responseDue(Instant openedAt) {
    return openedAt.atZone(zone).plusDays(responseDays).toInstant();
  }

  public Instant finalDue(Instant openedAt) {
    return openedAt.atZone(zone).plusDays(finalDays).toInstant();
  }
}
