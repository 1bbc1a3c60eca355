package com.complaintflow.processor.cases;

import com.complaintflow.processor.owners.Assignment;
import com.complaintflow.schemas.avro.CaseAction;

/** What reaches a client's case task: a complaint, a case action or a dispatcher's answer. */
public sealed interface ClientInput {
  record NewComplaint(ComplaintFacts facts) implements ClientInput {}

  /** action is null for an empty (tombstone) record on case-actions. */
  record Action(String caseId, CaseAction action) implements ClientInput {}

  record Dispatch(Assignment assignment) implements ClientInput {}
}
