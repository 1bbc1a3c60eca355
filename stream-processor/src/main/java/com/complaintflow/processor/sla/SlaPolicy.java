package com.complaintflow.processor.sla;

import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Priority;

/**
 * Targets for the complaints that match: each of tier, priority and category is either fixed or
 * (null) any. The most specific matching policy wins.
 *
 * @param calendar name of the business calendar the clocks run on; null = the team's calendar
 */
public record SlaPolicy(
    String name, ClientTier tier, Priority priority, Category category, SlaTargets targets,
    String calendar, int order) {

  public boolean matches(ClientTier t, Priority p, Category c) {
    return (tier == null || tier == t) && (priority == null || priority == p)
        && (category == null || category == c);
  }

  public int specificity() {
    return (tier == null ? 0 : 1) + (priority == null ? 0 : 1) + (category == null ? 0 : 1);
  }
}
