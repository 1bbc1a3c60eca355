package com.complaintflow.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.processor.cases.ComplaintFacts;
import com.complaintflow.processor.cases.ComplaintFactsSerde;
import com.complaintflow.processor.rules.Classification;
import com.complaintflow.processor.rules.ClassificationRules;
import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.Priority;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ThreadRefs;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;

/**
 * The case task gets a complaint's facts, not the complaint: classified before the hop, a
 * fraction of its size, the format pinned; a whole complaint still in flight on the topic from
 * the previous release is read too.
 */
class ComplaintFactsTest {

  @Test
  void factsAreSmallPinnedAndRoundTrip() throws Exception {
    try (TopologyFixture f = new TopologyFixture(Map.of())) {
      ClassificationRules rules = ClassificationRules.load(f.config.classificationRulesPath());
      Complaint c = f.email("a@example.com", "Re: [CF-7003] списание", "с меня дважды списали деньги, подам в суд",
          "<M1@Mail.Example>", "<m0@mail.example>", "CF-7003");
      ComplaintFacts facts = ComplaintFacts.of(c, rules);
      assertEquals("m1@mail.example", facts.messageId());
      assertEquals(List.of("m0@mail.example", "m0@mail.example"), facts.references());
      assertTrue(facts.classification().legal());
      ComplaintFactsSerde serde = new ComplaintFactsSerde(
          f.catalog.complaints().valueSerde().deserializer(), rules);
      byte[] bytes = serde.serializer().serialize("t", facts);
      byte[] avro = f.catalog.complaints().valueSerde().serializer().serialize("t", c);
      System.out.printf("complaint facts: %d B, the complaint: %d B%n", bytes.length, avro.length);
      assertTrue(bytes.length < avro.length, bytes.length + " vs " + avro.length);
      assertEquals(facts, serde.deserializer().deserialize("t", bytes));
      // the previous release's record on the topic: the whole complaint in the wire format
      assertEquals(facts, serde.deserializer().deserialize("t", avro));

      ComplaintFacts sample = new ComplaintFacts("2b7c1bde-58a5-3b3c-9d35-1f0b7a4a2c11", 1_772_442_000_000L,
          Channel.EMAIL, "ru", "m1@mail.example", "CF-7003", List.of("m0@mail.example"),
          new Classification(Category.BILLING, Priority.URGENT, true), false);
      String hex;
      try (InputStream in = ComplaintFactsTest.class.getResourceAsStream("/golden/complaint-facts-v1.hex")) {
        hex = in == null ? "(missing)" : new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
      }
      assertEquals(hex, HexFormat.of().formatHex(serde.serializer().serialize("t", sample)));
      assertEquals(sample, serde.deserializer().deserialize("t", HexFormat.of().parseHex(hex)));
    }
  }

  @Test
  void aWholeComplaintInFlightFromThePreviousReleaseOpensItsCase() throws Exception {
    try (TopologyFixture f = new TopologyFixture(Map.of())) {
      TestInputTopic<String, Complaint> hop = f.driver.createInputTopic(
          "cf-test-complaints-by-client-repartition", Serdes.String().serializer(),
          f.catalog.complaints().valueSerde().serializer());
      Complaint c = f.complaint(Channel.WEB, "x@example.com", null, null, "оператор нагрубил")
          .setReceivedAt(f.now()).build();
      hop.pipeInput("P-0123456789abcdef", c, f.now());
      List<CaseEvent> events = f.events();
      assertEquals("OPENED", events.get(0).getType().name());
      assertEquals(c.getComplaintId(), events.get(0).getComplaintId());
      assertEquals("SERVICE", events.get(0).getCategory().name());
    }
  }
}
