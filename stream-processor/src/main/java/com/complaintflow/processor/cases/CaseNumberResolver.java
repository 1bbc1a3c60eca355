package com.complaintflow.processor.cases;

import com.complaintflow.schemas.avro.CaseAction;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * In the case task, before the case manager: an action that {@link CaseActionRouter} addressed by
 * case number gets the case id from the task's {@link CaseNumberIndex} (and its client id as key).
 * A number the task does not hold goes on with no case id and is rejected by the case manager as
 * unknown-case, like an unknown case id. Actions addressed by case id pass unchanged.
 */
public final class CaseNumberResolver implements Processor<String, CaseAction, String, ClientInput> {
  private final String indexStore;
  private final String caseStore;
  private ProcessorContext<String, ClientInput> context;
  private CaseNumberIndex index;

  public CaseNumberResolver(String indexStore, String caseStore) {
    this.indexStore = indexStore;
    this.caseStore = caseStore;
  }

  @Override
  public void init(ProcessorContext<String, ClientInput> context) {
    this.context = context;
    KeyValueStore<String, String> numbers = context.getStateStore(indexStore);
    KeyValueStore<String, ?> cases = context.getStateStore(caseStore);
    this.index = new CaseNumberIndex(numbers, cases);
    index.taskStarted();
  }

  @Override
  public void process(Record<String, CaseAction> record) {
    CaseAction action = record.value();
    String number = CaseActionRouter.addressedNumber(action);
    if (number == null) {
      context.forward(record.withValue(new ClientInput.Action(action == null ? null : action.getCaseId(), action)));
      return;
    }
    String caseId = index.caseId(number);
    if (caseId == null) {
      // rejected downstream as unknown-case, keyed by the number it named
      context.forward(record.withValue(new ClientInput.Action(number, action)));
      return;
    }
    CaseAction resolved = CaseAction.newBuilder(action).setCaseId(caseId).build();
    context.forward(record.withKey(CaseIds.clientIdOf(caseId)).withValue(new ClientInput.Action(caseId, resolved)));
  }
}
