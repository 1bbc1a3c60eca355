package com.complaintflow.processor.sla;

import java.util.ArrayList;
import java.util.List;

/** The value of one deadline-index entry: which alert point of which case is due. */
public final class DeadlineEntry {
  public String caseId;
  public String pointId;
  public String kind;
  public String target;
  public int level;
  public String label;
  public int cycle = 1;
  public long atMillis;
  public Long dueAtMillis;
  public List<String> recipients = new ArrayList<>();
}
