package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.processor.sla.DeadlineEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;

/**
 * Upgrade without reset: the stores the previous release wrote (JSON documents, a deadline index
 * with one entry per alert point, message ids inside the client document), taken at the end of
 * phase 1 of {@link UpgradeScenario} and kept as bytes in {@code upgrade/previous-release-state.tsv},
 * are loaded into the current topology, which runs phase 2 on them. It must produce exactly what
 * the current code produces when it ran phase 1 itself: the same case events, the same alerts
 * with the same ids, none of phase 1's alerts again, a reply threaded by a message id the
 * previous release indexed.
 */
class PreviousReleaseUpgradeTest {

  @Test
  void phaseTwoOnThePreviousReleasesStateMatchesARunOnTheCurrentFormat() throws Exception {
    List<String> releasePhase1 = new ArrayList<>();
    List<String[]> entries = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        PreviousReleaseUpgradeTest.class.getResourceAsStream("/upgrade/previous-release-state.tsv"),
        StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("#\t")) {
          releasePhase1.add(line.substring(2));
        } else if (!line.startsWith("#") && !line.isBlank()) {
          entries.add(line.split("\t"));
        }
      }
    }

    List<String> phase1;
    List<String> expected;
    int sequence;
    try (TopologyFixture f = new TopologyFixture(UpgradeScenario.config(), UpgradeScenario.SCOPE + "-a",
        null, UpgradeScenario.T0, UnaryOperator.identity())) {
      phase1 = UpgradeScenario.phase1(f);
      sequence = f.sequence();
      expected = UpgradeScenario.phase2(f, phase1);
    }
    // the current code runs phase 1 as the previous release did (alerts that one punctuation
    // fires come grouped by case now, not interleaved by due time: compared as a multiset)
    assertEquals(sorted(releasePhase1), sorted(phase1));

    List<String> actual;
    try (TopologyFixture f = new TopologyFixture(UpgradeScenario.config(), UpgradeScenario.SCOPE + "-b",
        null, UpgradeScenario.DUMP_AT, UnaryOperator.identity())) {
      UpgradeScenario.agents(f);
      load(f, entries);
      f.sequence(sequence);
      actual = UpgradeScenario.phase2(f, releasePhase1);
      // every per-point entry of the previous release has been replaced by a case entry
      KeyValueStore<Bytes, DeadlineEntry> deadlines =
          f.driver.getKeyValueStore(ComplaintFlowTopology.DEADLINE_STORE);
      try (KeyValueIterator<Bytes, DeadlineEntry> it = deadlines.all()) {
        while (it.hasNext()) {
          assertTrue(it.next().value == DeadlineEntry.MARKER, "a legacy deadline entry is left");
        }
      }
    }
    assertEquals(expected, actual);

    Set<String> sentBefore = new HashSet<>();
    releasePhase1.stream().filter(l -> l.startsWith("alert ")).forEach(l -> sentBefore.add(l.split(" ")[1]));
    Set<String> sentAfter = new HashSet<>();
    for (String l : actual) {
      if (l.startsWith("alert ")) {
        String id = l.split(" ")[1];
        assertTrue(sentAfter.add(id), "alert sent twice: " + l);
        assertTrue(!sentBefore.contains(id), "alert of the previous release sent again: " + l);
      }
    }
    String caseA = UpgradeScenario.caseOf(releasePhase1, 0);
    assertTrue(actual.stream().anyMatch(l -> l.startsWith("event FOLLOW_UP " + caseA + " ")),
        "the reply threads into the case by the message id the previous release indexed: " + actual);
    assertTrue(actual.stream().anyMatch(l -> l.contains(" SLA_BREACH ")), "breaches fire after the upgrade: " + actual);
  }

  private static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().toList();
  }

  /** Puts the dumped bytes into the stores beneath their serdes, as a restore would. */
  @SuppressWarnings("unchecked")
  private static void load(TopologyFixture f, List<String[]> entries) {
    HexFormat hex = HexFormat.of();
    for (String[] e : entries) {
      KeyValueStore<Object, Object> typed = f.driver.getKeyValueStore(e[0]);
      KeyValueStore<Bytes, byte[]> raw =
          (KeyValueStore<Bytes, byte[]>) ((WrappedStateStore<?, ?, ?>) typed).wrapped();
      raw.put(Bytes.wrap(hex.parseHex(e[1])), hex.parseHex(e[2]));
    }
  }
}
