package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.complaintflow.processor.cases.CaseNumberIndex;
import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.RejectedInput;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Cases opened by the previous release (its stores as {@link PreviousReleaseUpgradeTest} loads them:
 * JSON documents, no case-number index) stay reachable by case number after the upgrade: the first
 * action by number fills the index from the case store, and every old case takes actions by number.
 */
class CaseNumberUpgradeTest {
  // cases of the previous release's state (see the '#' lines of upgrade/previous-release-state.tsv)
  private static final String CASE_A = "P-08168cd80dfd534a/CF-1000";  // OPEN, responded
  private static final String CASE_E = "P-2457bafa74fb237e/CF-3000";  // RESOLVED
  private static final String CASE_D = "P-5fe5806a804c99a3/CF-7000";  // OPEN, legal

  @Test
  void everyCaseOfThePreviousReleaseTakesActionsByNumber() throws Exception {
    try (TopologyFixture f = new TopologyFixture(UpgradeScenario.config(), UpgradeScenario.SCOPE + "-numbers",
        null, UpgradeScenario.DUMP_AT, UnaryOperator.identity())) {
      UpgradeScenario.agents(f);
      load(f);
      KeyValueStore<String, String> index = f.driver.getKeyValueStore(ComplaintFlowTopology.CASE_NUMBER_INDEX_STORE);
      // Kafka Streams restores the stores before a task starts, so an upgraded task finds its cases
      // and is not marked as back-filled; the test driver starts tasks on empty stores first
      index.delete(CaseNumberIndex.BACKFILLED_KEY);
      assertNull(index.get("CF-1000"), "the previous release kept no index");

      act(f, "CF-3000", CaseActionType.CLOSED);
      act(f, "CF-1000", CaseActionType.PENDING_CUSTOMER);
      act(f, "CF-7000", CaseActionType.RESOLVED);
      act(f, "CF-8000", CaseActionType.RESPONDED);
      assertEquals(List.of(), f.cases.readValuesToList(), "held until the walk has entered the old cases");
      f.advance(java.time.Duration.ofMillis(200));
      List<CaseEvent> events = f.cases.readValuesToList();
      // held actions of different cases are handed on by case number, not in arrival order
      assertEquals(List.of("CLOSED " + CASE_E, "PENDING_CUSTOMER " + CASE_A, "RESOLVED " + CASE_D),
          events.stream().map(e -> e.getType() + " " + e.getCaseId()).sorted().toList());
      List<TestRecord<String, RejectedInput>> rejects = f.actionRejects.readRecordsToList();
      assertEquals(1, rejects.size(), rejects.toString());
      assertEquals("CF-8000", rejects.get(0).key());
      assertEquals("unknown-case", rejects.get(0).value().getReason());
      assertEquals(CASE_A, index.get("CF-1000") + "/CF-1000");
    }
  }

  private static void act(TopologyFixture f, String number, CaseActionType type) {
    CaseAction a = f.action("", type, "ag-1").setCaseNumber(number).setAt(f.now()).build();
    f.actions.pipeInput(number, a, a.getAt());
  }

  /** The previous release's store bytes, put beneath the serdes as a restore would. */
  @SuppressWarnings("unchecked")
  private static void load(TopologyFixture f) throws Exception {
    HexFormat hex = HexFormat.of();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        CaseNumberUpgradeTest.class.getResourceAsStream("/upgrade/previous-release-state.tsv"),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] e = line.split("\t");
        KeyValueStore<Object, Object> typed = f.driver.getKeyValueStore(e[0]);
        KeyValueStore<Bytes, byte[]> raw =
            (KeyValueStore<Bytes, byte[]>) ((WrappedStateStore<?, ?, ?>) typed).wrapped();
        raw.put(Bytes.wrap(hex.parseHex(e[1])), hex.parseHex(e[2]));
      }
    }
  }
}
