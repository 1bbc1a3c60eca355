package com.complaintflow.processor.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When the case-number index walks the case store, and what it finds. */
class CaseNumberIndexTest {
  private KeyValueStore<String, String> index;
  private KeyValueStore<String, String> cases;
  private final AtomicInteger walks = new AtomicInteger();

  @BeforeEach
  void setUp() {
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    index = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("index"), Serdes.String(), Serdes.String())
        .withLoggingDisabled().build();
    index.init(context.getStateStoreContext(), index);
    KeyValueStore<String, String> inner = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("cases"),
        Serdes.String(), Serdes.String()).withLoggingDisabled().build();
    inner.init(context.getStateStoreContext(), inner);
    cases = new CountingStore(inner, walks);
  }

  @Test
  void aTaskStartingWithoutCasesNeverWalks() {
    CaseNumberIndex numbers = new CaseNumberIndex(index, cases);
    numbers.taskStarted();
    assertTrue(numbers.complete());
    int atStart = walks.get();
    numbers.opened("CF-1000", "C-1/CF-1000");
    cases.put("C-1/CF-1000", "case");
    assertEquals("C-1/CF-1000", numbers.caseId("CF-1000"));
    assertNull(numbers.caseId("CF-2000"));
    assertTrue(numbers.walk(10));
    assertEquals(atStart, walks.get(), "no walk of the case store");
  }

  @Test
  void casesOfThePreviousReleaseAreEnteredInBoundedSteps() {
    // restored before the task starts: five cases without index entries
    List<String> old = List.of("C-1/CF-1000", "C-2/CF-2000", "C-4/CF-4000", "C-5/CF-5000", "P-0123456789abcdef/CF-6000");
    old.forEach(id -> cases.put(id, "case"));
    CaseNumberIndex numbers = new CaseNumberIndex(index, cases);
    numbers.taskStarted();
    assertFalse(numbers.complete(), "a task with cases is not marked at start");
    numbers.opened("CF-3000", "C-3/CF-3000");
    cases.put("C-3/CF-3000", "case");
    assertEquals("C-3/CF-3000", numbers.caseId("CF-3000"));
    assertNull(numbers.caseId("CF-1000"), "not entered yet");

    List<Integer> enteredAfterEachStep = new ArrayList<>();
    boolean done = false;
    while (!done) {
      done = numbers.walk(2);
      enteredAfterEachStep.add((int) old.stream().filter(id -> numbers.caseId(id.substring(id.indexOf('/') + 1)) != null).count());
    }
    // 6 cases, 2 per step: CF-1000, CF-2000 | CF-3000 (known), CF-4000 | CF-5000, CF-6000, end
    assertEquals(List.of(2, 3, 5), enteredAfterEachStep);
    assertTrue(numbers.complete());
    assertEquals("P-0123456789abcdef/CF-6000", numbers.caseId("CF-6000"));
    assertEquals("P-0123456789abcdef", index.get("CF-6000"), "the entry holds the client id");
    int walked = walks.get();
    assertNull(numbers.caseId("CF-7000"));
    assertTrue(numbers.walk(2));
    assertEquals(walked, walks.get(), "never again");
  }

  @Test
  void aWalkCutShortByARestartStartsAgainAndCompletes() {
    List.of("C-1/CF-1000", "C-2/CF-2000", "C-3/CF-3000").forEach(id -> cases.put(id, "case"));
    CaseNumberIndex before = new CaseNumberIndex(index, cases);
    before.taskStarted();
    assertFalse(before.walk(2));
    CaseNumberIndex after = new CaseNumberIndex(index, cases);
    after.taskStarted();
    assertFalse(after.complete());
    assertFalse(after.walk(2));
    assertTrue(after.walk(2));
    assertEquals("C-3/CF-3000", after.caseId("CF-3000"));
  }

  @Test
  void aForgottenCaseIsNotFound() {
    CaseNumberIndex numbers = new CaseNumberIndex(index, cases);
    numbers.taskStarted();
    numbers.opened("CF-1000", "C-1/CF-1000");
    numbers.forgotten("CF-1000");
    assertNull(numbers.caseId("CF-1000"));
  }

  /** A case store that counts the iterations over it. */
  private static final class CountingStore extends org.apache.kafka.streams.state.internals.WrappedStateStore<
      KeyValueStore<String, String>, String, String> implements KeyValueStore<String, String> {
    private final AtomicInteger walks;

    CountingStore(KeyValueStore<String, String> inner, AtomicInteger walks) {
      super(inner);
      this.walks = walks;
    }

    @Override
    public KeyValueIterator<String, String> all() {
      walks.incrementAndGet();
      return wrapped().all();
    }

    @Override
    public void put(String key, String value) {
      wrapped().put(key, value);
    }

    @Override
    public String putIfAbsent(String key, String value) {
      return wrapped().putIfAbsent(key, value);
    }

    @Override
    public void putAll(java.util.List<org.apache.kafka.streams.KeyValue<String, String>> entries) {
      wrapped().putAll(entries);
    }

    @Override
    public String delete(String key) {
      return wrapped().delete(key);
    }

    @Override
    public String get(String key) {
      return wrapped().get(key);
    }

    @Override
    public KeyValueIterator<String, String> range(String from, String to) {
      walks.incrementAndGet();
      return wrapped().range(from, to);
    }

    @Override
    public long approximateNumEntries() {
      return wrapped().approximateNumEntries();
    }
  }
}
