package com.complaintflow.intake.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.normalize.PhoneNumbers;
import com.complaintflow.intake.normalize.WebComplaintNormalizer;
import com.complaintflow.intake.phone.CallNormalizer;
import com.complaintflow.intake.publish.KafkaComplaintSink;
import com.complaintflow.intake.testing.TopicReader;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Raw channel topics through the same normalizers, offsets committed after the acks. */
class RawTopicConsumerIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();

  @Test
  void rawWebAndPhoneRecordsBecomeComplaintsOrRejectsWithCoordinates() throws Exception {
    String web = kafka.newTopic("intake-web", 1);
    String phone = kafka.newTopic("intake-phone", 1);
    String complaintsTopic = kafka.newTopic("complaints-raw", 1);
    String rejectsTopic = kafka.newTopic("rejected-raw", 1);
    TopicCatalog catalog = new TopicCatalog(Map.of("schema.registry.url", registry.url(), "topic.complaints", complaintsTopic,
        "topic.complaints.rejected", rejectsTopic));
    try (KafkaProducer<String, String> p = new KafkaProducer<>(kafka.producerProps(), new StringSerializer(), new StringSerializer())) {
      p.send(new ProducerRecord<>(web, "sub-1", "{\"email\":\"Olga@Example.com\",\"text\":\"Wrong invoice\",\"orderRef\":\"O-1\"}")).get();
      p.send(new ProducerRecord<>(web, "sub-2", "{not json")).get();
      p.send(new ProducerRecord<>(phone, "call-9", "{\"callId\":\"call-9\",\"callerNumber\":\"+7 495 111-22-33\",\"disposition\":\"busy\"}")).get();
    }
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", kafka.bootstrapServers());
    PhoneNumbers phones = new PhoneNumbers("RU");
    String group = "intake-raw-test";
    try (KafkaComplaintSink sink = new KafkaComplaintSink(props, catalog);
         RawTopicConsumer consumer = new RawTopicConsumer(props, group, web, phone, new WebComplaintNormalizer(phones, 1000),
             new CallNormalizer(phones, 1000), sink, Clock.systemUTC(), Duration.ofSeconds(30))) {
      Thread t = new Thread(consumer, "raw-test");
      t.start();
      List<ConsumerRecord<String, Complaint>> got = TopicReader.readUntil(kafka, complaintsTopic,
          catalog.complaints().valueSerde().deserializer(), l -> l.size() >= 2, Duration.ofSeconds(30));
      assertEquals(2, got.size());
      Complaint w = got.stream().map(ConsumerRecord::value).filter(c -> c.getChannel() == Channel.WEB).findFirst().orElseThrow();
      assertEquals("olga@example.com", w.getClientKey());
      assertEquals("sub-1", w.getSourceId());
      assertEquals("kafka:" + web, w.getSourceSystem());
      assertEquals("O-1", w.getOrderRef());
      Complaint c = got.stream().map(ConsumerRecord::value).filter(x -> x.getChannel() == Channel.PHONE).findFirst().orElseThrow();
      assertEquals("BUSY", c.getCall().getDisposition());
      assertEquals("+74951112233", c.getClientKey());

      RejectedInput r = TopicReader.readUntil(kafka, rejectsTopic, catalog.complaintsRejected().valueSerde().deserializer(),
          l -> !l.isEmpty(), Duration.ofSeconds(30)).get(0).value();
      assertEquals("invalid-json", r.getReason());
      assertEquals(Channel.WEB, r.getChannel());
      assertEquals(web, r.getTopic());
      assertEquals(0, r.getPartition());
      assertEquals(1L, r.getOffset());
      assertEquals("sub-2", r.getSourceId());

      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      Map<TopicPartition, Long> committed = Map.of();
      while (System.nanoTime() < deadline) {
        ListConsumerGroupOffsetsResult res = kafka.admin().listConsumerGroupOffsets(group);
        committed = new HashMap<>();
        for (var e : res.partitionsToOffsetAndMetadata().get().entrySet()) {
          committed.put(e.getKey(), e.getValue().offset());
        }
        if (Long.valueOf(2).equals(committed.get(new TopicPartition(web, 0))) && Long.valueOf(1).equals(committed.get(new TopicPartition(phone, 0)))) {
          break;
        }
        Thread.onSpinWait();
      }
      assertEquals(2L, committed.get(new TopicPartition(web, 0)));
      assertEquals(1L, committed.get(new TopicPartition(phone, 0)));
      assertTrue(Set.of(web, phone).containsAll(committed.keySet().stream().map(TopicPartition::topic).toList()));
    }
  }
}
