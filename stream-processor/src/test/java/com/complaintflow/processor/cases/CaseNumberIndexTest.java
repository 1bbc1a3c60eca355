package com.complaintflow.processor.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
    int atStart = walks.get();
    numbers.opened("CF-1000", "C-1/CF-1000");
    cases.put("C-1/CF-1000", "case");
    assertEquals("C-1/CF-1000", numbers.caseId("CF-1000"));
    assertNull(numbers.caseId("CF-2000"));
    assertNull(numbers.caseId("CF-3000"));
    assertEquals(atStart, walks.get(), "no walk of the case store");
  }

  @Test
  void casesOfThePreviousReleaseAreEnteredByOneWalkOnTheFirstMiss() {
    // restored before the task starts: two cases without index entries
    cases.put("C-1/CF-1000", "case");
    cases.put("P-0123456789abcdef/CF-2000", "case");
    CaseNumberIndex numbers = new CaseNumberIndex(index, cases);
    numbers.taskStarted();
    assertNull(index.get(CaseNumberIndex.BACKFILLED_KEY), "a task with cases is not marked at start");
    numbers.opened("CF-3000", "C-3/CF-3000");
    cases.put("C-3/CF-3000", "case");
    int before = walks.get();
    assertEquals("C-3/CF-3000", numbers.caseId("CF-3000"));
    assertEquals(before, walks.get(), "a hit does not walk");

    assertEquals("P-0123456789abcdef/CF-2000", numbers.caseId("CF-2000"));
    assertEquals(before + 1, walks.get(), "the first miss walks once");
    assertEquals("C-1/CF-1000", numbers.caseId("CF-1000"));
    assertNull(numbers.caseId("CF-4000"));
    assertEquals(before + 1, walks.get(), "never again");
    assertEquals("1", index.get(CaseNumberIndex.BACKFILLED_KEY));
    assertEquals("P-0123456789abcdef", index.get("CF-2000"), "the entry holds the client id");
  }

  @Test
  void aForgottenCaseIsNotFound() {
    CaseNumberIndex numbers = new CaseNumberIndex(index, cases);
    numbers.taskStarted();
    numbers.opened("CF-1000", "C-1/CF-1000");
    numbers.forgotten("CF-1000");
    assertNull(numbers.caseId("CF-1000"));
  }

  /** A case store that counts its full walks. */
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
      return wrapped().range(from, to);
    }

    @Override
    public long approximateNumEntries() {
      return wrapped().approximateNumEntries();
    }
  }
}
