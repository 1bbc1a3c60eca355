package com.complaintflow.schemas.topics;

import java.util.Locale;

/**
 * Every topic of the pipeline with its default name. A deployment may rename any of them with
 * the config key {@link #configKey()} (e.g. {@code topic.complaints=acme.complaints}).
 */
public enum TopicName {
  INTAKE_WEB("complaints.intake.web", false),
  INTAKE_PHONE("complaints.intake.phone", false),
  COMPLAINTS("complaints", false),
  COMPLAINTS_REJECTED("complaints.rejected", false),
  CLIENTS("clients", true),
  AGENTS("agents", true),
  CASE_ACTIONS("case-actions", false),
  CASE_ACTIONS_REJECTED("case-actions.rejected", false),
  CASES("cases", false),
  ALERTS("alerts", false),
  ALERTS_DEAD("alerts.dead", false),
  CASES_RESOLVED("cases.resolved", false);

  private final String defaultName;
  private final boolean compacted;

  TopicName(String defaultName, boolean compacted) {
    this.defaultName = defaultName;
    this.compacted = compacted;
  }

  public String defaultName() {
    return defaultName;
  }

  /** Compacted topics hold the latest value per key (tables fed by the CRM and workforce system). */
  public boolean compacted() {
    return compacted;
  }

  /** The configuration key that renames this topic, e.g. {@code topic.cases.resolved}. */
  public String configKey() {
    return "topic." + name().toLowerCase(Locale.ROOT).replace('_', '.');
  }
}
