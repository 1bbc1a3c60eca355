package com.complaintflow.alerts.delivery;

/** Whether a case is resolved or closed now (as the cases topic says). */
public interface ResolvedCases {
  boolean isResolved(String caseId);

  ResolvedCases NONE = caseId -> false;
}
