package com.complaintflow.intake.raw;

import com.complaintflow.intake.normalize.RejectException;
import com.complaintflow.intake.normalize.Rejects;
import com.complaintflow.intake.normalize.WebComplaintNormalizer;
import com.complaintflow.intake.normalize.WebSubmission;
import com.complaintflow.intake.normalize.WebSubmissionReader;
import com.complaintflow.intake.phone.CallJsonReader;
import com.complaintflow.intake.phone.CallNormalizer;
import com.complaintflow.intake.publish.Acks;
import com.complaintflow.intake.publish.ComplaintSink;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.RejectedInput;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the raw channel topics (JSON from channel systems that speak Kafka) through the same
 * normalizers as the HTTP API. Offsets are committed only after every Complaint or reject of the
 * batch was acknowledged; when Kafka refuses, the batch is re-read from its first offset.
 */
public final class RawTopicConsumer implements Runnable, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RawTopicConsumer.class);

  private final KafkaConsumer<String, String> consumer;
  private final String webTopic;
  private final String phoneTopic;
  private final WebComplaintNormalizer webNormalizer;
  private final CallNormalizer callNormalizer;
  private final ComplaintSink sink;
  private final Rejects rejects;
  private final Clock clock;
  private final Duration ackTimeout;
  private final WebSubmissionReader webReader = new WebSubmissionReader();
  private final CallJsonReader callReader = new CallJsonReader();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean running = true;

  public RawTopicConsumer(Map<String, Object> kafkaProps, String group, String webTopic, String phoneTopic,
      WebComplaintNormalizer webNormalizer, CallNormalizer callNormalizer, ComplaintSink sink, Clock clock,
      Duration ackTimeout) {
    Map<String, Object> props = new HashMap<>(kafkaProps);
    props.keySet().removeIf(k -> k.startsWith("acks") || k.startsWith("enable.idempotence") || k.startsWith("compression")
        || k.startsWith("linger") || k.startsWith("max.block") || k.startsWith("delivery.") || k.startsWith("batch.size")
        || k.startsWith("buffer.memory"));
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "complaintflow-intake-raw");
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    this.webTopic = webTopic;
    this.phoneTopic = phoneTopic;
    this.webNormalizer = webNormalizer;
    this.callNormalizer = callNormalizer;
    this.sink = sink;
    this.rejects = new Rejects(clock);
    this.clock = clock;
    this.ackTimeout = ackTimeout;
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(webTopic, phoneTopic));
      while (running) {
        ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(500));
        if (batch.isEmpty()) {
          continue;
        }
        try {
          List<CompletableFuture<Void>> acks = new ArrayList<>();
          for (ConsumerRecord<String, String> r : batch) {
            acks.add(handle(r));
          }
          for (CompletableFuture<Void> ack : acks) {
            Acks.await(ack, ackTimeout);
          }
          consumer.commitSync(nextOffsets(batch));
        } catch (RuntimeException e) {
          if (!running) {
            break;
          }
          log.warn("event=raw-batch-retry records={} error={}", batch.count(), e.toString());
          for (TopicPartition tp : batch.partitions()) {
            consumer.seek(tp, batch.records(tp).get(0).offset());
          }
          finished.await(1_000, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
      }
    } catch (WakeupException e) {
      // close() was called
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      consumer.close(Duration.ofSeconds(5));
      finished.countDown();
    }
  }

  private CompletableFuture<Void> handle(ConsumerRecord<String, String> r) {
    boolean web = r.topic().equals(webTopic);
    Channel channel = web ? Channel.WEB : Channel.PHONE;
    String coordinates = r.topic() + "-" + r.partition() + "@" + r.offset();
    String sourceSystem = "kafka:" + r.topic();
    try {
      Complaint c;
      if (web) {
        WebSubmission s = webReader.fromJson(r.value() == null ? "" : r.value());
        String sourceId = r.key() != null && !r.key().isBlank() ? r.key()
            : s.submissionId() != null && !s.submissionId().isBlank() ? s.submissionId() : coordinates;
        c = webNormalizer.normalize(s, sourceSystem, sourceId, clock.instant(), Map.of("kafka.source", coordinates));
      } else {
        c = callNormalizer.normalize(callReader.read(r.value() == null ? "" : r.value()), sourceSystem, clock.instant());
      }
      return sink.complaint(c);
    } catch (RejectException e) {
      log.info("event=raw-rejected topic={} partition={} offset={} reason={}", r.topic(), r.partition(), r.offset(), e.reason());
      RejectedInput reject = rejects.builder(channel, e, r.value(), coordinates)
          .setSourceSystem(sourceSystem)
          .setSourceId(r.key() != null ? r.key() : coordinates)
          .setTopic(r.topic()).setPartition(r.partition()).setOffset(r.offset())
          .build();
      return sink.reject(reject);
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, String> batch) {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    for (TopicPartition tp : batch.partitions()) {
      List<ConsumerRecord<String, String>> records = batch.records(tp);
      out.put(tp, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
    }
    return out;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      finished.await(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
