package com.complaintflow.schemas.registry;

import java.io.Closeable;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API that ComplaintFlow uses. Every call maps
 * to one standard endpoint, so any compatible registry works (Confluent, Apicurio's ccompat API,
 * Karapace, Redpanda).
 */
public interface SchemaRegistryClient extends Closeable {

  /** {@code POST /subjects/{subject}/versions}: registers (or finds) the schema, returns its id. */
  int register(String subject, Schema schema);

  /** {@code POST /subjects/{subject}}: the id of a schema already registered under the subject. */
  int lookup(String subject, Schema schema);

  /** {@code GET /subjects/{subject}/versions/latest}. */
  RegisteredSchema latest(String subject);

  /** {@code GET /schemas/ids/{id}}. */
  Schema schemaById(int id);

  /** {@code GET /subjects/{subject}/versions}. */
  List<Integer> versions(String subject);

  /** {@code POST /compatibility/subjects/{subject}/versions/latest}. */
  boolean isCompatible(String subject, Schema schema);

  /** {@code GET /config/{subject}}, falling back to the global level {@code GET /config}. */
  String compatibility(String subject);

  /** {@code PUT /config/{subject}}; level is e.g. BACKWARD, BACKWARD_TRANSITIVE, FULL, NONE. */
  void setCompatibility(String subject, String level);

  /** Where this client points, for error messages. */
  String describe();

  @Override
  default void close() {}
}
