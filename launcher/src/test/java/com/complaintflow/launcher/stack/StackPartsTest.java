package com.complaintflow.launcher.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.schemas.topics.TopicName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackPartsTest {
  @TempDir
  Path dir;

  @Test
  void brokerIsASingleNodeKraftBrokerThatGroupsWorkOn() {
    Properties p = KafkaBroker.serverProperties(Path.of("/data"), 19092, 19093);
    assertEquals("broker,controller", p.getProperty("process.roles"));
    assertEquals("localhost:19093", p.getProperty("controller.quorum.bootstrap.servers"));
    assertEquals("PLAINTEXT://localhost:19092", p.getProperty("advertised.listeners"));
    for (String key : List.of("offsets.topic.replication.factor", "transaction.state.log.replication.factor",
        "transaction.state.log.min.isr")) {
      assertEquals("1", p.getProperty(key), key);
    }
    assertEquals("0", p.getProperty("group.initial.rebalance.delay.ms"));
  }

  @Test
  void everyCatalogTopicIsPlannedAndTablesAreCompacted() {
    List<NewTopic> plan = TopicSetup.plan(new TopicCatalog(Map.of("schema.registry.url", "mock://plan",
        "topic.cases.resolved", "crm.cases-resolved")), 6);
    assertEquals(TopicName.values().length, plan.size());
    assertTrue(plan.stream().allMatch(t -> t.numPartitions() == 6 && t.replicationFactor() == 1));
    assertTrue(plan.stream().anyMatch(t -> t.name().equals("crm.cases-resolved")), "renames are honoured");
    for (NewTopic topic : plan) {
      boolean compacted = topic.name().equals("clients") || topic.name().equals("agents");
      assertEquals(compacted ? "compact" : null,
          topic.configs() == null ? null : topic.configs().get("cleanup.policy"), topic.name());
    }
  }

  @Test
  void endpointsRoundTripThroughJson() throws Exception {
    Endpoints endpoints = com.complaintflow.launcher.LauncherFixtures.endpoints();
    Path file = dir.resolve("sub/f.json");
    endpoints.writeTo(file);
    assertEquals(endpoints, Endpoints.readFrom(file));
    String json = Files.readString(file);
    assertTrue(json.contains("\"kafkaBootstrapServers\""), json);
    assertTrue(json.contains("\"apiKey\" : \"key-1\""), json);
  }

  @Test
  void freshWipeKeepsTheLockFile() throws Exception {
    Files.createDirectories(dir.resolve("kafka/data"));
    Files.writeString(dir.resolve("kafka/data/x.log"), "x");
    Files.writeString(dir.resolve(".lock"), "");
    LocalStack.deleteRecursively(dir, true);
    try (var files = Files.list(dir)) {
      assertEquals(List.of(dir.resolve(".lock")), files.toList());
    }
  }

  @Test
  void fixedPortInUseIsNotAvailable() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertTrue(!Ports.available(taken.getLocalPort()));
    }
  }
}
