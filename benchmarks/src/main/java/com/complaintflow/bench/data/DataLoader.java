package com.complaintflow.bench.data;

import com.complaintflow.bench.stack.BenchStack;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.topics.Topic;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Produces the data set once per run: clients and agents first, then the complaints. */
public final class DataLoader {
  private DataLoader() {}

  public static void loadTables(BenchStack stack, DataSet data) {
    Topic<String, Client> clients = stack.catalog().clients();
    try (KafkaProducer<String, Client> producer = new KafkaProducer<>(stack.producerConfig(),
        clients.keySerde().serializer(), clients.valueSerde().serializer())) {
      AtomicReference<Exception> failure = new AtomicReference<>();
      for (int i = 0; i < data.clientCount(); i++) {
        Client c = data.client(i);
        producer.send(new ProducerRecord<>(clients.name(), c.getClientId(), c), (m, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
      }
      producer.flush();
      check(failure);
    }
    Topic<String, Agent> agents = stack.catalog().agents();
    try (KafkaProducer<String, Agent> producer = new KafkaProducer<>(stack.producerConfig(),
        agents.keySerde().serializer(), agents.valueSerde().serializer())) {
      for (Agent a : data.agents()) {
        producer.send(new ProducerRecord<>(agents.name(), a.getAgentId(), a));
      }
      producer.flush();
    }
  }

  public static DataSet.Summary loadComplaints(BenchStack stack, DataSet data, long n) {
    Topic<String, Complaint> complaints = stack.catalog().complaints();
    try (KafkaProducer<String, Complaint> producer = new KafkaProducer<>(stack.producerConfig(),
        complaints.keySerde().serializer(), complaints.valueSerde().serializer())) {
      AtomicReference<Exception> failure = new AtomicReference<>();
      DataSet.Summary summary = data.complaints(n, c ->
          // record timestamp = now: topics keep 7 days by default, and older timestamps would let the
          // broker delete the input under the benchmark's feet
          producer.send(new ProducerRecord<>(complaints.name(), c.getClientKey(), c), (m, e) -> {
                if (e != null) {
                  failure.compareAndSet(null, e);
                }
              }));
      producer.flush();
      check(failure);
      return summary;
    }
  }

  private static void check(AtomicReference<Exception> failure) {
    if (failure.get() != null) {
      throw new IllegalStateException("producing the benchmark data failed: " + failure.get(), failure.get());
    }
  }
}
