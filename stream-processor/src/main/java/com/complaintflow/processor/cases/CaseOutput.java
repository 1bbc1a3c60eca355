package com.complaintflow.processor.cases;

import com.complaintflow.processor.owners.TeamCommand;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.avro.ResolvedCase;

/** What a case task emits; split by kind onto cases, cases.resolved, team commands, rejects and alerts. */
public sealed interface CaseOutput {
  record Event(CaseEvent event) implements CaseOutput {}

  record Resolved(ResolvedCase resolved) implements CaseOutput {}

  record Command(TeamCommand command) implements CaseOutput {}

  record Reject(RejectedInput reject) implements CaseOutput {}

  record AlertOut(Alert alert) implements CaseOutput {}
}
