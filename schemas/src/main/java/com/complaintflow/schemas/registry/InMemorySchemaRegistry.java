package com.complaintflow.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A registry in memory, for unit tests and the topology test driver. Selected by
 * {@code schema.registry.url=mock://scope}: every serde configured with the same scope shares one
 * instance; {@link #dropScope(String)} forgets it. Ids are global per scope and the same schema
 * gets the same id under every subject, as in Confluent's registry. Compatibility is checked
 * with Avro's own schema resolution rules (default BACKWARD).
 */
public final class InMemorySchemaRegistry implements SchemaRegistryClient {
  public static final String MOCK_PREFIX = "mock://";
  private static final Map<String, InMemorySchemaRegistry> SCOPES = new ConcurrentHashMap<>();

  private final String scope;
  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<Schema, Integer> idOf = new HashMap<>();
  private final Map<String, List<Integer>> subjects = new HashMap<>();
  private final Map<String, String> subjectCompatibility = new HashMap<>();
  private String globalCompatibility = "BACKWARD";
  private int nextId = 1;

  public InMemorySchemaRegistry(String scope) {
    this.scope = scope;
  }

  /** The shared registry of a {@code mock://scope} URL. */
  public static InMemorySchemaRegistry forUrl(String url) {
    String scope = url.substring(MOCK_PREFIX.length());
    return SCOPES.computeIfAbsent(scope, InMemorySchemaRegistry::new);
  }

  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  @Override
  public String describe() {
    return MOCK_PREFIX + scope;
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    Integer existing = idOf.get(schema);
    if (existing != null && versions.contains(existing)) {
      return existing;
    }
    checkCompatible(subject, schema, versions);
    int id = existing != null ? existing : assign(schema, nextId);
    versions.add(id);
    return id;
  }

  /**
   * Registers the schema with a chosen id, as a registry in IMPORT mode does; lets golden-byte
   * tests pin the id that goes on the wire.
   */
  public synchronized int register(String subject, Schema schema, int id) {
    Schema taken = byId.get(id);
    if (taken != null && !taken.equals(schema)) {
      throw new SchemaRegistryException("id " + id + " is taken by another schema", 409, 42205);
    }
    assign(schema, id);
    List<Integer> versions = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(id)) {
      versions.add(id);
    }
    return id;
  }

  private int assign(Schema schema, int id) {
    byId.put(id, schema);
    idOf.put(schema, id);
    nextId = Math.max(nextId, id + 1);
    return id;
  }

  private void checkCompatible(String subject, Schema schema, List<Integer> versions) {
    if (versions.isEmpty()) {
      return;
    }
    String level = compatibility(subject);
    boolean transitive = level.endsWith("_TRANSITIVE");
    List<Integer> against =
        transitive ? versions : List.of(versions.get(versions.size() - 1));
    for (int id : against) {
      Schema old = byId.get(id);
      String problem = incompatibility(level, schema, old);
      if (problem != null) {
        throw new SchemaRegistryException(
            "schema is incompatible with subject " + subject + " (" + level + "): " + problem,
            409, 409);
      }
    }
  }

  private static String incompatibility(String level, Schema candidate, Schema old) {
    String base = level.replace("_TRANSITIVE", "");
    if (base.equals("NONE")) {
      return null;
    }
    if (base.equals("BACKWARD") || base.equals("FULL")) {
      var result = SchemaCompatibility.checkReaderWriterCompatibility(candidate, old);
      if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        return "new schema cannot read old data: " + result.getDescription();
      }
    }
    if (base.equals("FORWARD") || base.equals("FULL")) {
      var result = SchemaCompatibility.checkReaderWriterCompatibility(old, candidate);
      if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        return "old schema cannot read new data: " + result.getDescription();
      }
    }
    return null;
  }

  @Override
  public synchronized int lookup(String subject, Schema schema) {
    Integer id = idOf.get(schema);
    List<Integer> versions = subjects.get(subject);
    if (versions == null) {
      throw new SchemaRegistryException("subject " + subject + " not found", 404, 40401);
    }
    if (id == null || !versions.contains(id)) {
      throw new SchemaRegistryException(
          "schema not found under subject " + subject, 404, 40403);
    }
    return id;
  }

  @Override
  public synchronized RegisteredSchema latest(String subject) {
    List<Integer> versions = subjects.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw new SchemaRegistryException("subject " + subject + " not found", 404, 40401);
    }
    int id = versions.get(versions.size() - 1);
    return new RegisteredSchema(subject, versions.size(), id, byId.get(id));
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = byId.get(id);
    if (schema == null) {
      throw new SchemaRegistryException(
          "schema id " + id + " not found in " + describe(), 404, 40403);
    }
    return schema;
  }

  @Override
  public synchronized List<Integer> versions(String subject) {
    List<Integer> versions = subjects.get(subject);
    if (versions == null) {
      throw new SchemaRegistryException("subject " + subject + " not found", 404, 40401);
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 1; i <= versions.size(); i++) {
      out.add(i);
    }
    return out;
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema) {
    List<Integer> versions = subjects.getOrDefault(subject, List.of());
    try {
      checkCompatible(subject, schema, versions);
      return true;
    } catch (SchemaRegistryException e) {
      return false;
    }
  }

  @Override
  public synchronized String compatibility(String subject) {
    return subjectCompatibility.getOrDefault(subject, globalCompatibility);
  }

  @Override
  public synchronized void setCompatibility(String subject, String level) {
    if (subject == null) {
      globalCompatibility = level;
    } else {
      subjectCompatibility.put(subject, level);
    }
  }
}
