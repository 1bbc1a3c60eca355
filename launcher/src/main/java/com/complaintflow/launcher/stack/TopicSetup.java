package com.complaintflow.launcher.stack;

import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.schemas.topics.TopicName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates every topic of the catalog that does not exist yet. All get the same partition count:
 * topics joined by key (complaints with clients, cases with case actions) must be co-partitioned,
 * and one number for all makes that hold without thinking about each join.
 */
public final class TopicSetup {
  public static final int DEFAULT_PARTITIONS = 6;

  private TopicSetup() {}

  /** The topics to create, with compaction where the catalog says so. */
  public static List<NewTopic> plan(TopicCatalog catalog, int partitions) {
    List<NewTopic> topics = new ArrayList<>();
    for (TopicName topic : TopicName.values()) {
      NewTopic newTopic = new NewTopic(catalog.name(topic), partitions, (short) 1);
      if (topic.compacted()) {
        newTopic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      }
      topics.add(newTopic);
    }
    return topics;
  }

  /** Creates the missing topics; returns the names created (existing ones are left as they are). */
  public static List<String> createMissing(Admin admin, TopicCatalog catalog, int partitions)
      throws InterruptedException, ExecutionException, TimeoutException {
    Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    List<NewTopic> missing = plan(catalog, partitions).stream()
        .filter(t -> !existing.contains(t.name()))
        .toList();
    if (!missing.isEmpty()) {
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
    }
    return missing.stream().map(NewTopic::name).toList();
  }
}
