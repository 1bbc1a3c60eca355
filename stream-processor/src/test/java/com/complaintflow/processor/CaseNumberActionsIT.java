package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.processor.config.StreamsSettings;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.CaseActionType;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.CaseEventType;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ContactPoints;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.topics.TopicCatalog;
import com.complaintflow.schemas.topics.TopicName;
import com.complaintflow.testing.EmbeddedKafka;
import com.complaintflow.testing.SchemaRegistryServer;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Actions by case number on a real broker with 4 internal partitions and a stride of 4 (the
 * tightest allowed): each case's OPENED event is answered at once by a REASSIGN that names the case
 * only by number (keyed by the number, as the intake produces it), and every one is applied to its
 * case, whichever of the 4 case tasks opened it; an unknown number is rejected as unknown-case.
 */
class CaseNumberActionsIT {
  @RegisterExtension static final EmbeddedKafka kafka = new EmbeddedKafka();
  @RegisterExtension static final SchemaRegistryServer registry = new SchemaRegistryServer();

  private static final int CLIENTS = 40;
  private static final int PARTITIONS = 4;

  @Test
  void everyActionByNumberReachesItsCaseOnEveryPartition() throws Exception {
    String app = "cf-numbers-it-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> values = new HashMap<>();
    values.put(ProcessorConfig.APPLICATION_ID_CONFIG, app);
    values.put(ProcessorConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    values.put(ProcessorConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
    values.put(ProcessorConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
    values.put(ProcessorConfig.INTERNAL_PARTITIONS_CONFIG, Integer.toString(PARTITIONS));
    values.put(ProcessorConfig.CASE_NUMBER_STRIDE_CONFIG, Integer.toString(PARTITIONS));
    values.put(ProcessorConfig.STATE_DIR_CONFIG, Files.createTempDirectory("cf-numbers-it").toString());
    for (TopicName t : TopicName.values()) {
      String name = kafka.topic(t.defaultName().replace('.', '-'));
      values.put(t.configKey(), name);
      kafka.createTopic(name, t == TopicName.COMPLAINTS || t == TopicName.CASE_ACTIONS ? 3 : 1,
          t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of());
    }
    ProcessorConfig config = new ProcessorConfig(values);
    TopicCatalog catalog = new TopicCatalog(config.catalogConfig());
    kafka.createTopic(ComplaintFlowTopology.teamCommandsTopic(config), PARTITIONS);

    try (KafkaProducer<String, Agent> agents = new KafkaProducer<>(kafka.producerProps(),
        Serdes.String().serializer(), catalog.agents().valueSerde().serializer())) {
      agents.send(new ProducerRecord<>(catalog.agents().name(), "ag-lead", Agent.newBuilder().setAgentId("ag-lead")
          .setTeam("escalations").setCapacity(1000).setStatus(AgentStatus.AVAILABLE).setSkills(List.of())
          .setLanguages(List.of()).build())).get();
    }
    KafkaStreams streams = new KafkaStreams(ComplaintFlowTopology.build(config, catalog), StreamsSettings.of(config));
    streams.start();
    try (KafkaConsumer<String, CaseEvent> cases = new KafkaConsumer<>(kafka.consumerProps("check-" + app),
            Serdes.String().deserializer(), catalog.cases().valueSerde().deserializer());
        KafkaProducer<String, Complaint> complaints = new KafkaProducer<>(kafka.producerProps(),
            Serdes.String().serializer(), catalog.complaints().valueSerde().serializer());
        KafkaProducer<String, CaseAction> actions = new KafkaProducer<>(kafka.producerProps(),
            Serdes.String().serializer(), catalog.caseActions().valueSerde().serializer())) {
      cases.subscribe(List.of(catalog.cases().name()));
      for (int i = 0; i < CLIENTS; i++) {
        String email = "client" + i + "@example.com";
        complaints.send(new ProducerRecord<>(catalog.complaints().name(), email, Complaint.newBuilder()
            .setComplaintId(UUID.nameUUIDFromBytes((app + i).getBytes()).toString())
            .setChannel(Channel.WEB).setSourceSystem("it").setSourceId("it-" + i)
            .setReceivedAt(Instant.now()).setClientKey(email)
            .setContact(ContactPoints.newBuilder().setEmail(email).build())
            .setBody("оператор нагрубил").setLanguage("ru").build()));
      }
      complaints.flush();

      // each OPENED answered at once by an action naming only the number
      Map<String, String> idByNumber = new HashMap<>();
      Map<String, CaseEvent> reassigned = new HashMap<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (reassigned.size() < CLIENTS && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, CaseEvent> r : cases.poll(Duration.ofMillis(100))) {
          CaseEvent e = r.value();
          if (e.getType() == CaseEventType.OPENED) {
            idByNumber.put(e.getCaseNumber(), e.getCaseId());
            actions.send(new ProducerRecord<>(catalog.caseActions().name(), e.getCaseNumber(),
                CaseAction.newBuilder().setActionId("reassign-" + e.getCaseNumber()).setCaseId("")
                    .setCaseNumber(e.getCaseNumber()).setType(CaseActionType.REASSIGN).setActor("lead")
                    .setTargetAgentId("ag-lead").setAt(Instant.now()).build()));
            actions.flush();
          } else if (e.getType() == CaseEventType.REASSIGNED) {
            assertTrue(reassigned.put(e.getCaseId(), e) == null, "reassigned twice: " + e.getCaseId());
          }
        }
      }
      assertEquals(CLIENTS, idByNumber.size(), "cases opened");
      Set<Integer> partitions = idByNumber.keySet().stream()
          .map(n -> (int) (Long.parseLong(n.substring(3)) % PARTITIONS)).collect(Collectors.toCollection(TreeSet::new));
      assertEquals(Set.of(0, 1, 2, 3), partitions, "the cases are spread over every case task");
      assertEquals(new TreeSet<>(idByNumber.values()), new TreeSet<>(reassigned.keySet()),
          "every action by number was applied to its case");
      reassigned.values().forEach(e -> assertEquals("ag-lead", e.getOwnerId()));

      // a number no task allocated: rejected, keyed by the number
      actions.send(new ProducerRecord<>(catalog.caseActions().name(), "CF-999999", CaseAction.newBuilder()
          .setActionId("unknown").setCaseId("").setCaseNumber("CF-999999").setType(CaseActionType.RESPONDED)
          .setActor("ag-lead").setAt(Instant.now()).build())).get();
      List<ConsumerRecord<String, RejectedInput>> rejects = kafka.readAll(catalog.caseActionsRejected().name(),
          Serdes.String().deserializer(), catalog.caseActionsRejected().valueSerde().deserializer(), 1,
          Duration.ofSeconds(60));
      assertEquals(1, rejects.size(), "only the unknown number is rejected: " + rejects);
      assertEquals("CF-999999", rejects.get(0).key());
      assertEquals("unknown-case", rejects.get(0).value().getReason());
    } finally {
      streams.close(Duration.ofSeconds(20));
    }
  }
}
