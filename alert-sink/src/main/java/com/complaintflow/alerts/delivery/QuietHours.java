package com.complaintflow.alerts.delivery;

import com.complaintflow.schemas.avro.Alert;
import java.time.Instant;

/** When an alert may be delivered: now, or at its team's next business-hours opening. */
public interface QuietHours {
  Instant releaseAt(Alert alert, Instant now);

  QuietHours NEVER = (alert, now) -> now;
}
