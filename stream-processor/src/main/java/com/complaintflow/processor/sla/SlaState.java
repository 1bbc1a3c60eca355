package com.complaintflow.processor.sla;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLA part of a case's state: its clocks, the deadlines it has in the index (so that a
 * recomputation removes exactly those) and the ids of the alerts already sent (so that a
 * restart, rebalance or replay never sends one twice).
 */
public final class SlaState {
  /** Current clock per target name (FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION, REGULATORY_*). */
  public Map<String, ClockState> clocks = new LinkedHashMap<>();
  /** Completed next-response clocks of earlier cycles, for the resolved-case report. */
  public List<ClockState> pastNextResponses = new ArrayList<>();
  public int nextResponseCycles;
  /** Calendar of the case's business-time clocks (policy calendar or the team's). */
  public String calendar;
  /** Since when the case waits in a queue without owner; null when it has one. */
  public Long queuedSince;
  /** Deadline point id -> due millis: exactly the entries this case has in the deadline index. */
  public Map<String, Long> scheduled = new LinkedHashMap<>();
  /** Ids of alerts already emitted for this case. */
  public List<String> alertIds = new ArrayList<>();
}
