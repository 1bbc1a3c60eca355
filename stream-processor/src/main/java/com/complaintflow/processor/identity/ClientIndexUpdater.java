package com.complaintflow.processor.identity;

import com.complaintflow.schemas.avro.Client;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintains the global contact-point index from the compacted {@code clients} topic: every
 * contact point of a client maps to that client, and contact points a client no longer lists
 * are removed. Runs in the global thread of every instance; on restore Kafka Streams replays the
 * topic through this processor, so the index is rebuilt the same way.
 */
public final class ClientIndexUpdater implements Processor<String, Client, Void, Void> {
  private static final Logger log = LoggerFactory.getLogger(ClientIndexUpdater.class);
  private final String storeName;
  private KeyValueStore<String, ClientRef> index;

  public ClientIndexUpdater(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    index = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, Client> record) {
    String clientId = record.key() != null ? record.key()
        : record.value() != null ? record.value().getClientId() : null;
    if (clientId == null) {
      log.warn("event=client-without-id action=ignored");
      return;
    }
    ClientRef previous = index.get(Contacts.CLIENT_PREFIX + clientId);
    Client client = record.value();
    List<String> contacts = client == null ? List.of() : Contacts.of(client);
    Set<String> current = new HashSet<>(contacts);
    if (previous != null) {
      for (String old : previous.contacts) {
        if (!current.contains(old)) {
          ClientRef holder = index.get(Contacts.CONTACT_PREFIX + old);
          if (holder != null && holder.clientId.equals(clientId)) {
            index.delete(Contacts.CONTACT_PREFIX + old);
          }
        }
      }
    }
    if (client == null) {
      index.delete(Contacts.CLIENT_PREFIX + clientId);
      return;
    }
    ClientRef ref = new ClientRef();
    ref.clientId = clientId;
    ref.tier = client.getTier().name();
    ref.language = client.getLanguage();
    ref.accountManagerId = client.getAccountManagerId();
    ref.contacts = contacts;
    index.put(Contacts.CLIENT_PREFIX + clientId, ref);
    for (String contact : contacts) {
      index.put(Contacts.CONTACT_PREFIX + contact, ref);
    }
  }
}
