package com.complaintflow.bench.skeleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.bench.footprint.Footprint;
import com.complaintflow.bench.footprint.FootprintMain;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The I/O skeleton built from a footprint of the full topology produces, on the same complaints,
 * the same records per store changelog and topic, within one record of each fractional rate, and
 * nearly the same bytes; its profile survives the trip through a properties line.
 */
class SkeletonTopologyTest {

  @Test
  void reproducesTheRecordsAndBytesOfTheFullTopology() throws Exception {
    int n = 40;
    FootprintMain.Result full = FootprintMain.run("full", n, 1_000, 10, Map.of());
    SkeletonProfile profile = SkeletonProfile.parse(SkeletonProfile.from(full).toLine());
    assertEquals(SkeletonProfile.from(full).items().size(), profile.items().size());
    assertTrue(profile.of(SkeletonProfile.Target.STORE).stream()
        .anyMatch(i -> i.stage() == SkeletonProfile.Stage.TEAM), profile.describe());
    assertTrue(profile.of(SkeletonProfile.Target.STORE).stream()
        .anyMatch(i -> i.stage() == SkeletonProfile.Stage.INTAKE), profile.describe());

    FootprintMain.Result skeleton = FootprintMain.run("skeleton", n, 1_000, 10, Map.of(), profile);

    Map<String, Footprint.TopicBytes> got = new HashMap<>();
    skeleton.lines().forEach(l -> got.put(l.shortName().replace("bench-footprint-out-", ""), l.bytes()));
    for (Footprint.Line l : full.lines()) {
      Footprint.TopicBytes g = got.get(l.shortName());
      assertTrue(g != null, "skeleton wrote nothing to " + l.shortName() + ": " + got.keySet());
      assertTrue(Math.abs(g.records() - l.bytes().records()) <= 1,
          l.shortName() + ": " + g.records() + " records instead of " + l.bytes().records());
      assertTrue(Math.abs(g.tombstones() - l.bytes().tombstones()) <= 1, l.shortName() + " deletes");
    }
    assertEquals(full.records(), skeleton.records(), full.lines().size() + 1.0);
    double bytes = (double) skeleton.bytes() / full.bytes();
    assertTrue(bytes > 0.97 && bytes < 1.03, "bytes skeleton/full " + bytes);
  }
}
