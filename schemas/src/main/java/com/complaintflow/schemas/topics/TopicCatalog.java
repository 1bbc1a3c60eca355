package com.complaintflow.schemas.topics;

import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.DeadAlert;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.avro.ResolvedCase;
import com.complaintflow.schemas.serde.AvroSerde;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed topic catalog: every topic of the pipeline with its name and its key and value serdes,
 * in one place. Keys are strings (client key, case id, alert id, source id); values of the raw
 * intake topics are JSON text as the channel systems send it; all others are Avro in the
 * Confluent wire format.
 *
 * <p>Built from the serde configuration ({@code schema.registry.url} and friends) and any topic
 * renames ({@code topic.<name>} keys, see {@link TopicName#configKey()}).
 */
public final class TopicCatalog {
  private final Map<String, Object> serdeConfig;
  private final Map<TopicName, String> names = new EnumMap<>(TopicName.class);

  /**
   * @param config serde settings plus optional {@code topic.*} renames; other keys are ignored
   */
  public TopicCatalog(Map<String, ?> config) {
    this.serdeConfig = new HashMap<>(config);
    for (TopicName topic : TopicName.values()) {
      Object rename = config.get(topic.configKey());
      names.put(topic, rename == null || rename.toString().isBlank()
          ? topic.defaultName() : rename.toString().trim());
    }
  }

  public String name(TopicName topic) {
    return names.get(topic);
  }

  public Map<String, Object> serdeConfig() {
    return Map.copyOf(serdeConfig);
  }

  public Topic<String, String> intakeWeb() {
    return json(TopicName.INTAKE_WEB);
  }

  public Topic<String, String> intakePhone() {
    return json(TopicName.INTAKE_PHONE);
  }

  public Topic<String, Complaint> complaints() {
    return avro(TopicName.COMPLAINTS, Complaint.class);
  }

  public Topic<String, RejectedInput> complaintsRejected() {
    return avro(TopicName.COMPLAINTS_REJECTED, RejectedInput.class);
  }

  public Topic<String, Client> clients() {
    return avro(TopicName.CLIENTS, Client.class);
  }

  public Topic<String, Agent> agents() {
    return avro(TopicName.AGENTS, Agent.class);
  }

  public Topic<String, CaseAction> caseActions() {
    return avro(TopicName.CASE_ACTIONS, CaseAction.class);
  }

  public Topic<String, RejectedInput> caseActionsRejected() {
    return avro(TopicName.CASE_ACTIONS_REJECTED, RejectedInput.class);
  }

  public Topic<String, CaseEvent> cases() {
    return avro(TopicName.CASES, CaseEvent.class);
  }

  public Topic<String, Alert> alerts() {
    return avro(TopicName.ALERTS, Alert.class);
  }

  public Topic<String, DeadAlert> alertsDead() {
    return avro(TopicName.ALERTS_DEAD, DeadAlert.class);
  }

  public Topic<String, ResolvedCase> casesResolved() {
    return avro(TopicName.CASES_RESOLVED, ResolvedCase.class);
  }

  /** A fresh, configured value serde for one generated type (e.g. for a state store). */
  public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
    return AvroSerde.specific(type, serdeConfig, false);
  }

  private Topic<String, String> json(TopicName topic) {
    return new Topic<>(names.get(topic), Serdes.String(), Serdes.String());
  }

  private <V extends SpecificRecord> Topic<String, V> avro(TopicName topic, Class<V> type) {
    return new Topic<>(names.get(topic), Serdes.String(), valueSerde(type));
  }
}
