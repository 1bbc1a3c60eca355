package com.complaintflow.bench.footprint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Counts what a topology produces, topic by topic, under {@link TopologyTestDriver}: every record
 * the driver's producer was given (outputs, repartition topics, the application's own topics and
 * the changelog of every logged store: the driver's producer sees them all, as the broker would),
 * with the serialized sizes of key, value and headers. Everything produced is drained after every
 * step, so the counts are exact and memory stays flat.
 *
 * <p>The driver commits after every input record (that is how it works), so a store with a record
 * cache reaches its changelog once per input that changed a key; a real application with
 * {@code commit.interval.ms} 100 may merge some writes of the same key across inputs inside one
 * commit. The figures are therefore "written once per input that changed it", which is the unit
 * the issue counts, and an upper bound of what the broker receives in records (the broker adds
 * batch and transaction overhead in bytes).
 */
public final class Footprint implements AutoCloseable {
  /** Bytes and records of one topic. */
  public static final class TopicBytes {
    long records;
    long keyBytes;
    long valueBytes;
    long headerBytes;
    long tombstones;

    public long records() {
      return records;
    }

    public long keyBytes() {
      return keyBytes;
    }

    public long valueBytes() {
      return valueBytes;
    }

    public long headerBytes() {
      return headerBytes;
    }

    public long tombstones() {
      return tombstones;
    }

    public long bytes() {
      return keyBytes + valueBytes + headerBytes;
    }
  }

  /** What a topic is to the application. */
  public enum Kind { CHANGELOG, REPARTITION, OUTPUT }

  /** One topic's line of the result. */
  public record Line(String topic, Kind kind, String shortName, TopicBytes bytes) {}

  private final TopologyTestDriver driver;
  private final String applicationId;
  private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new HashMap<>();
  private final Map<String, TopicBytes> byTopic = new LinkedHashMap<>();
  private Instant now;

  public Footprint(Topology topology, Properties props, Instant wallClock) {
    this.driver = new TopologyTestDriver(topology, props, wallClock);
    this.applicationId = props.getProperty("application.id");
    this.now = wallClock;
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  public Instant now() {
    return now;
  }

  /** Moves the driver's wall clock (wall-clock punctuations run) and drains what they produced. */
  public void advance(Duration d) {
    now = now.plus(d);
    driver.advanceWallClockTime(d);
    drain();
  }

  /** Reads and counts every record produced since the previous call. */
  public void drain() {
    for (String topic : driver.producedTopicNames()) {
      TestOutputTopic<byte[], byte[]> out = outputs.computeIfAbsent(topic,
          t -> driver.createOutputTopic(t, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
      if (out.isEmpty()) {
        continue;
      }
      TopicBytes b = byTopic.computeIfAbsent(topic, t -> new TopicBytes());
      for (TestRecord<byte[], byte[]> r : out.readRecordsToList()) {
        b.records++;
        b.keyBytes += r.key() == null ? 0 : r.key().length;
        if (r.value() == null) {
          b.tombstones++;
        } else {
          b.valueBytes += r.value().length;
        }
        for (Header h : r.headers()) {
          b.headerBytes += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
      }
    }
  }

  /** Every topic that received records, largest first. */
  public List<Line> lines() {
    drain();
    List<Line> out = new ArrayList<>();
    byTopic.forEach((topic, b) -> out.add(new Line(topic, kind(topic), shortName(topic), b)));
    out.sort(Comparator.comparingLong((Line l) -> l.bytes().bytes()).reversed().thenComparing(Line::topic));
    return out;
  }

  Kind kind(String topic) {
    if (topic.startsWith(applicationId + "-") && topic.endsWith("-changelog")) {
      return Kind.CHANGELOG;
    }
    if (topic.startsWith(applicationId + "-") && topic.endsWith("-repartition")) {
      return Kind.REPARTITION;
    }
    return Kind.OUTPUT;
  }

  /** The store's name for a changelog, the repartition's name, or the topic. */
  String shortName(String topic) {
    return switch (kind(topic)) {
      case CHANGELOG -> topic.substring(applicationId.length() + 1, topic.length() - "-changelog".length());
      case REPARTITION -> topic.substring(applicationId.length() + 1, topic.length() - "-repartition".length());
      case OUTPUT -> topic;
    };
  }

  @Override
  public void close() {
    driver.close();
  }
}
