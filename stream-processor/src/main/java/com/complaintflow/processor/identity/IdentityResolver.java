package com.complaintflow.processor.identity;

import com.complaintflow.schemas.avro.Complaint;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-keys a complaint by its client id: the first of its contact points (account id, email,
 * phone, client key) that the CRM knows decides; an unknown contact gets a provisional id derived
 * from the client key, so that the same unknown contact always lands on the same history. Once
 * the CRM links the contact, new complaints resolve to the known client.
 */
public final class IdentityResolver implements Processor<String, Complaint, String, Complaint> {
  private static final Logger log = LoggerFactory.getLogger(IdentityResolver.class);
  private final String indexStoreName;
  private ProcessorContext<String, Complaint> context;
  private ReadOnlyKeyValueStore<String, ClientRef> index;

  public IdentityResolver(String indexStoreName) {
    this.indexStoreName = indexStoreName;
  }

  @Override
  public void init(ProcessorContext<String, Complaint> context) {
    this.context = context;
    this.index = context.getStateStore(indexStoreName);
  }

  @Override
  public void process(Record<String, Complaint> record) {
    List<String> contacts = Contacts.of(record.value());
    String clientId = null;
    for (String contact : contacts) {
      ClientRef ref = index.get(Contacts.CONTACT_PREFIX + contact);
      if (ref != null) {
        clientId = ref.clientId;
        break;
      }
    }
    if (clientId == null) {
      String basis = contacts.isEmpty() ? record.value().getComplaintId() : contacts.get(contacts.size() - 1);
      clientId = Contacts.provisionalId(basis);
      // per event, so DEBUG; the provisional id is a hash, the contact itself is never logged
      log.debug("event=provisional-client clientId={} complaintId={}", clientId,
          record.value().getComplaintId());
    }
    context.forward(record.withKey(clientId));
  }
}
