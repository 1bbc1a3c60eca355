package com.complaintflow.processor.sla;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SLA part of a case's state: its clocks, the moment it has in the deadline index (so that a
 * reschedule writes only when that moment moves, and a stale index entry is recognised) and a
 * mark for every alert point already handled (sent, or skipped because its deadline had passed),
 * so that a restart, rebalance or replay never sends one twice.
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
  /** The time of the case's entry in the deadline index; null when it has none. */
  public Long indexedAt;
  /**
   * Alert points already handled: the first 64 bits of the alert's id (a name-based UUID of case,
   * kind, target, level, label and cycle), so a mark stands for exactly one point of the case.
   */
  public List<Long> marks = new ArrayList<>();

  /**
   * The previous release's per-point index entries (point id -> due millis). Read from its state
   * so that those entries can be deleted; emptied at the case's next reschedule, never refilled.
   */
  public Map<String, Long> scheduled = new LinkedHashMap<>();
  /** The previous release's full alert ids: its JSON is read into here and turned into marks. */
  public List<String> alertIds = new ArrayList<>();

  /** The mark of an alert id. */
  public static long mark(String alertId) {
    return UUID.fromString(alertId).getMostSignificantBits();
  }

  public boolean marked(String alertId) {
    return marks.contains(mark(alertId));
  }

  /** Marks the alert point; false when it was marked already. */
  public boolean markIfNew(String alertId) {
    if (marked(alertId)) {
      return false;
    }
    marks.add(mark(alertId));
    return true;
  }
}
