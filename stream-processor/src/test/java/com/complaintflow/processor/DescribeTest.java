package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Pins the topology's shape: a renamed or added operator shows up here as a visible diff, instead
 * of silently orphaning state behind a generated name. To accept a deliberate change, copy
 * target/topology-actual.txt over src/test/resources/topology.txt.
 */
class DescribeTest {
  @Test
  void topologyMatchesThePinnedDescription() throws Exception {
    try (TopologyFixture f = new TopologyFixture()) {
      String actual = ComplaintFlowTopology.build(f.config, f.catalog).describe().toString().strip() + "\n";
      Files.writeString(Path.of("target", "topology-actual.txt"), actual);
      String expected;
      try (var in = DescribeTest.class.getResourceAsStream("/topology.txt")) {
        expected = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertEquals(expected, actual);
    }
  }
}
