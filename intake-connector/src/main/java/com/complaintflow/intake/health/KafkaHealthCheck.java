package com.complaintflow.intake.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Kafka is reachable when the cluster answers a describeCluster within the probe timeout. */
public final class KafkaHealthCheck implements HealthCheck, AutoCloseable {
  private final Admin admin;
  private final Duration timeout;

  public KafkaHealthCheck(Map<String, Object> kafkaProps, Duration timeout) {
    Map<String, Object> props = new java.util.HashMap<>(kafkaProps);
    props.put("request.timeout.ms", (int) timeout.toMillis());
    props.put("default.api.timeout.ms", (int) timeout.toMillis());
    props.put("client.id", "complaintflow-intake-health");
    props.keySet().removeIf(k -> k.startsWith("group.") || k.startsWith("enable.") || k.startsWith("acks")
        || k.startsWith("compression") || k.startsWith("linger") || k.startsWith("max.block") || k.startsWith("auto.")
        || k.startsWith("isolation") || k.startsWith("delivery"));
    this.admin = Admin.create(props);
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public Result check() {
    try {
      int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
      return new Result(nodes > 0, nodes + " broker(s)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(false, "interrupted");
    } catch (Exception e) {
      return new Result(false, ProbeFailures.describe(e, timeout));
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
