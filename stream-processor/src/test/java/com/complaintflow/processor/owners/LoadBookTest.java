package com.complaintflow.processor.owners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.processor.serde.JsonSerde;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-memory load book against a real (in-memory) store with the production codec. */
class LoadBookTest {
  private KeyValueStore<String, LoadValue> store;
  private LoadBook book;

  /**
   * The production codec, except that a previous-release {@link AgentLoad} is written the way
   * that release wrote it (JSON), to stage an upgrade.
   */
  private static Serde<LoadValue> withPreviousWriter() {
    LoadValue.Serde current = new LoadValue.Serde();
    JsonSerde<AgentLoad> json = JsonSerde.of(AgentLoad.class);
    return Serdes.serdeFrom(
        (topic, v) -> v instanceof AgentLoad doc ? json.serializer().serialize(topic, doc)
            : current.serializer().serialize(topic, v),
        current.deserializer());
  }

  @BeforeEach
  void setUp() {
    store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("loads"), Serdes.String(),
        withPreviousWriter()).withLoggingDisabled().build();
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    store.init(context.getStateStoreContext(), store);
    book = new LoadBook(store);
  }

  @Test
  void countsPerAgentAndAddingTheSameCaseTwiceCountsItOnce() {
    assertTrue(book.add("service", "ag-1", "C-1/CF-1", "C-1"));
    assertTrue(book.add("service", "ag-1", "C-2/CF-1", "C-2"));
    assertFalse(book.add("service", "ag-1", "C-1/CF-1", "C-1"));
    // the same case under another team still counts once for the agent
    assertFalse(book.add("billing", "ag-1", "C-1/CF-1", "C-1"));
    assertTrue(book.add("service", "ag-2", "C-1/CF-1", "C-1"));
    assertEquals(2, book.load("ag-1"));
    assertEquals(1, book.load("ag-2"));
    assertEquals(0, book.load("nobody"));
    assertEquals(new LoadEntry("C-1"), store.get("service|ag-1|C-1/CF-1"));
    assertEquals(3, entries().size());
  }

  @Test
  void releaseFindsTheCaseUnderWhicheverTeamItWasCounted() {
    book.add("service", "ag-1", "C-1/CF-1", "C-1");
    book.add("billing", "ag-1", "C-2/CF-1", "C-2");
    assertEquals(2, book.load("ag-1"));
    assertEquals(Set.of("service", "billing"), book.teamsOf("ag-1"));
    assertTrue(book.release("ag-1", "C-2/CF-1"));
    assertFalse(book.release("ag-1", "C-2/CF-1"));
    assertFalse(book.release("ag-2", "C-1/CF-1"));
    assertFalse(book.release(null, "C-1/CF-1"));
    assertEquals(1, book.load("ag-1"));
    assertEquals(Set.of("service"), book.teamsOf("ag-1"));
    assertNull(store.get("billing|ag-1|C-2/CF-1"));
    assertTrue(book.release("ag-1", "C-1/CF-1"));
    assertEquals(0, book.load("ag-1"));
    assertEquals(Set.of(), book.teamsOf("ag-1"));
    assertTrue(entries().isEmpty());
  }

  @Test
  void heldCasesAreReadByPrefixWithoutTheCasesOfSimilarNames() {
    book.add("service", "ag-1", "C-1/CF-1", "C-1");
    book.add("service", "ag-10", "C-2/CF-1", "C-2");
    book.add("service", "ag-1|x", "C-3/CF-1", "C-3");
    book.add("service|x", "ag-1", "C-4/CF-1", "C-4");
    assertEquals(List.of(new LoadBook.HeldCase("service", "C-1/CF-1", "C-1")),
        book.cases("ag-1").stream().filter(h -> h.team().equals("service")).toList());
    assertEquals(2, book.load("ag-1"));
    assertEquals(1, book.load("ag-1|x"));
    assertEquals(List.of(new LoadBook.HeldCase("service", "C-3/CF-1", "C-3")), book.cases("ag-1|x"));
  }

  @Test
  void keysEscapeTheirSeparator() {
    LoadKey key = new LoadKey("a|b", "ag%7C", "C-1/CF-1");
    assertEquals("a%7Cb|ag%257C|C-1/CF-1", key.encode());
    assertEquals(key, LoadKey.parse(key.encode()));
    assertEquals(new LoadKey("t", "a", "c"), LoadKey.parse("t|a|c"));
    assertNull(LoadKey.parse("ag-1"));
    assertNull(LoadKey.parse("a|b"));
    assertNull(LoadKey.parse("a|b|c|d"));
  }

  @Test
  void rebuildRecountsFromTheStore() {
    book.add("service", "ag-1", "C-1/CF-1", "C-1");
    book.add("service", "ag-1", "C-2/CF-1", "C-2");
    book.add("billing", "ag-2", "C-3/CF-1", "C-3");
    LoadBook restarted = new LoadBook(store);
    assertEquals(0, restarted.load("ag-1"));
    restarted.rebuild();
    assertEquals(2, restarted.load("ag-1"));
    assertEquals(1, restarted.load("ag-2"));
    assertTrue(restarted.release("ag-2", "C-3/CF-1"));
  }

  @Test
  void previousReleaseDocumentsAreConvertedIntoOneEntryPerCaseWithoutLosingALoad() {
    store.put("ag-1", previous("ag-1", "service", Map.of("C-1/CF-1", "C-1", "C-2/CF-1", "C-2")));
    store.put("ag-2", previous("ag-2", "service", Map.of("C-3/CF-1", "C-3")));
    store.put("ag-3", previous("ag-3", null, Map.of()));
    // a case already counted in the new form (written after the upgrade began) is not doubled
    store.put(new LoadKey("service", "ag-2", "C-3/CF-1").encode(), new LoadEntry("C-3"));

    book.rebuild();
    assertEquals(2, book.load("ag-1"));
    assertEquals(1, book.load("ag-2"));
    assertEquals(0, book.load("ag-3"));
    assertNull(store.get("ag-1"));
    assertNull(store.get("ag-2"));
    assertNull(store.get("ag-3"));
    assertEquals(List.of("service|ag-1|C-1/CF-1", "service|ag-1|C-2/CF-1", "service|ag-2|C-3/CF-1"),
        entries());
    assertEquals(new LoadEntry("C-2"), store.get("service|ag-1|C-2/CF-1"));

    // the converted cases are released like any other, and a second start finds nothing to convert
    assertTrue(book.release("ag-1", "C-1/CF-1"));
    LoadBook again = new LoadBook(store);
    again.rebuild();
    assertEquals(1, again.load("ag-1"));
    assertEquals(1, again.load("ag-2"));
  }

  @Test
  void countsAlwaysMatchARecountOfTheStore() {
    Random random = new Random(13);
    List<String> agents = List.of("ag-1", "ag-2", "ag-3");
    List<String> teams = List.of("service", "billing");
    for (int step = 0; step < 2000; step++) {
      String agent = agents.get(random.nextInt(agents.size()));
      String caseId = "C-" + random.nextInt(40) + "/CF-1";
      if (random.nextBoolean()) {
        book.add(teams.get(random.nextInt(teams.size())), agent, caseId, "C");
      } else {
        book.release(agent, caseId);
      }
      if (step % 100 == 0) {
        Map<String, Integer> recount = new HashMap<>();
        for (String key : entries()) {
          recount.merge(LoadKey.parse(key).agentId(), 1, Integer::sum);
        }
        for (String a : agents) {
          assertEquals(recount.getOrDefault(a, 0), book.load(a), "step " + step + " agent " + a);
        }
      }
    }
  }

  private static AgentLoad previous(String agentId, String team, Map<String, String> cases) {
    AgentLoad doc = new AgentLoad();
    doc.agentId = agentId;
    doc.team = team;
    doc.cases.putAll(cases);
    return doc;
  }

  private List<String> entries() {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, LoadValue> it = store.all()) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }
}
