package com.complaintflow.processor.cases;

import com.complaintflow.schemas.avro.CaseAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * In the case task, before the case manager: an action that {@link CaseActionRouter} addressed by
 * case number gets the case id from the task's {@link CaseNumberIndex} (and its client id as key).
 * A number the task does not hold goes on with no case id and is rejected by the case manager as
 * unknown-case, like an unknown case id. Actions addressed by case id pass unchanged.
 *
 * <p>After an upgrade, while the index is still being filled with the previous release's cases
 * (a wall-clock punctuation enters {@value #WALK_STEP} cases every {@link #WALK_INTERVAL}), an
 * action by number that misses is held back in the store {@value #PENDING_STORE} (and so is every
 * later action for the same number, to keep their order); each step hands on the held actions
 * whose case it has entered, and the last step hands on the rest, which are then unknown.
 */
public final class CaseNumberResolver implements Processor<String, CaseAction, String, ClientInput> {
  public static final String PENDING_STORE = "case-number-pending";
  static final int WALK_STEP = 5_000;
  static final Duration WALK_INTERVAL = Duration.ofMillis(100);

  private final String indexStore;
  private final String caseStore;
  private final String pendingStore;
  private ProcessorContext<String, ClientInput> context;
  private CaseNumberIndex index;
  private KeyValueStore<String, List<PendingActionsSerde.Pending>> pending;
  private Cancellable walking;

  public CaseNumberResolver(String indexStore, String caseStore, String pendingStore) {
    this.indexStore = indexStore;
    this.caseStore = caseStore;
    this.pendingStore = pendingStore;
  }

  @Override
  public void init(ProcessorContext<String, ClientInput> context) {
    this.context = context;
    KeyValueStore<String, String> numbers = context.getStateStore(indexStore);
    KeyValueStore<String, ?> cases = context.getStateStore(caseStore);
    this.pending = context.getStateStore(pendingStore);
    this.index = new CaseNumberIndex(numbers, cases);
    index.taskStarted();
    if (!index.complete()) {
      startWalking();
    }
  }

  @Override
  public void process(Record<String, CaseAction> record) {
    CaseAction action = record.value();
    String number = CaseActionRouter.addressedNumber(action);
    if (number == null) {
      context.forward(record.withValue(new ClientInput.Action(action == null ? null : action.getCaseId(), action)));
      return;
    }
    if (!index.complete()) {
      List<PendingActionsSerde.Pending> waiting = pending.get(number);
      if (waiting != null || index.caseId(number) == null) {
        List<PendingActionsSerde.Pending> list = waiting == null ? new ArrayList<>() : new ArrayList<>(waiting);
        Headers h = record.headers();
        list.add(new PendingActionsSerde.Pending(record.timestamp(), header(h, CaseActionHandler.TOPIC_HEADER),
            toInt(header(h, CaseActionHandler.PARTITION_HEADER)), toLong(header(h, CaseActionHandler.OFFSET_HEADER)),
            action));
        pending.put(number, list);
        if (walking == null) {
          startWalking();
        }
        return;
      }
    }
    forward(record, number, action);
  }

  private void forward(Record<String, CaseAction> record, String number, CaseAction action) {
    String caseId = index.caseId(number);
    if (caseId == null) {
      // rejected downstream as unknown-case, keyed by the number it named
      context.forward(record.withKey(number).withValue(new ClientInput.Action(number, action)));
      return;
    }
    CaseAction resolved = CaseAction.newBuilder(action).setCaseId(caseId).build();
    context.forward(record.withKey(CaseIds.clientIdOf(caseId)).withValue(new ClientInput.Action(caseId, resolved)));
  }

  private void startWalking() {
    walking = context.schedule(WALK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> step());
  }

  /** One bounded step of the walk; hands on the held actions whose case is now known, or all at the end. */
  private void step() {
    boolean done = index.walk(WALK_STEP);
    List<KeyValue<String, List<PendingActionsSerde.Pending>>> held = new ArrayList<>();
    try (KeyValueIterator<String, List<PendingActionsSerde.Pending>> it = pending.all()) {
      it.forEachRemaining(held::add);
    }
    for (KeyValue<String, List<PendingActionsSerde.Pending>> e : held) {
      if (done || index.caseId(e.key) != null) {
        for (PendingActionsSerde.Pending p : e.value) {
          Headers headers = new RecordHeaders();
          add(headers, CaseActionHandler.TOPIC_HEADER, p.topic());
          add(headers, CaseActionHandler.PARTITION_HEADER, p.partition() == null ? null : p.partition().toString());
          add(headers, CaseActionHandler.OFFSET_HEADER, p.offset() == null ? null : p.offset().toString());
          forward(new Record<>(e.key, p.action(), p.timestamp(), headers), e.key, p.action());
        }
        pending.delete(e.key);
      }
    }
    if (done && walking != null) {
      walking.cancel();
      walking = null;
    }
  }

  private static void add(Headers headers, String name, String value) {
    if (value != null) {
      headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String header(Headers headers, String name) {
    Header h = headers == null ? null : headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static Integer toInt(String s) {
    return s == null ? null : Integer.valueOf(s);
  }

  private static Long toLong(String s) {
    return s == null ? null : Long.valueOf(s);
  }
}
