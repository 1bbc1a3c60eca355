package com.complaintflow.localbroker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrokerClasspathTest {

  @Test
  void recordedClasspathHoldsTheBrokerAndAnSlf4jBinding() {
    List<String> entries = Arrays.asList(BrokerClasspath.classpath().split(File.pathSeparator));
    assertTrue(entries.stream().anyMatch(e -> e.contains("kafka_2.13-")), "kafka_2.13 in " + entries);
    assertTrue(entries.stream().anyMatch(e -> e.contains("logback-classic-")), "logback in " + entries);
    assertTrue(entries.stream().allMatch(e -> new File(e).exists()), "every entry exists: " + entries);
    assertTrue(entries.get(0).equals(BrokerClasspath.ownLocation().toString()), "own classes first");
  }
}
