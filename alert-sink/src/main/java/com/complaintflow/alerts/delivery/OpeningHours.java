package com.complaintflow.alerts.delivery;

import java.time.Instant;
import java.time.ZoneId;

/** The part of a business calendar that quiet hours need. */
public interface OpeningHours {
  boolean isOpen(Instant t);

  /** {@code t} itself when open. */
  Instant nextOpening(Instant t);

  ZoneId zone();
}
