package com.complaintflow.schemas.serde;

import com.complaintflow.schemas.registry.RegisteredSchema;
import com.complaintflow.schemas.registry.SchemaRegistryClient;
import com.complaintflow.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (SpecificRecord or GenericRecord) in the Confluent wire format. The schema
 * id is resolved once per (subject, schema) and cached; the hot path makes no registry call.
 */
public class AvroSerializer<T extends GenericContainer> implements Serializer<T> {
  private SchemaRegistryClient registry;
  private boolean isKey;
  private boolean autoRegister = true;
  private boolean useLatest;
  private SubjectNameStrategy subjectNames = SubjectNameStrategy.TOPIC_NAME;

  private record Target(int id, Schema writerSchema) {}

  private final Map<String, Map<Schema, Target>> targets = new ConcurrentHashMap<>();
  private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
  private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();

  /** For Kafka's reflective construction; {@link #configure} must follow. */
  public AvroSerializer() {}

  /** Ready to use with an explicit registry client (tests, embedded use). */
  public AvroSerializer(SchemaRegistryClient registry, Map<String, ?> config, boolean isKey) {
    this.registry = registry;
    applyConfig(new AvroSerdeConfig(config), isKey);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = new AvroSerdeConfig(configs);
    if (registry == null) {
      registry = SchemaRegistries.forConfig(config);
    }
    applyConfig(config, isKey);
  }

  private void applyConfig(AvroSerdeConfig config, boolean isKey) {
    this.isKey = isKey;
    this.autoRegister = config.autoRegisterSchemas();
    this.useLatest = config.useLatestVersion();
    this.subjectNames = config.subjectNameStrategy(isKey);
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("AvroSerializer used before configure()");
    }
    Schema schema = data.getSchema();
    String subject = subjectNames.subject(topic, isKey, schema);
    Target target;
    try {
      target = targets
          .computeIfAbsent(subject, s -> new ConcurrentHashMap<>())
          .computeIfAbsent(schema, s -> resolveTarget(subject, s));
    } catch (SchemaRegistryException e) {
      throw new SerializationException(
          "topic " + topic + ": could not get a schema id for subject " + subject + " from "
              + registry.describe() + ": " + e.getMessage(), e);
    }
    Object datum = target.writerSchema() == schema ? data : convert(data, target.writerSchema());
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      byte[] header = new byte[WireFormat.HEADER_SIZE];
      WireFormat.writeHeader(header, target.id());
      out.write(header);
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
      encoders.set(encoder);
      DatumWriter<Object> writer = datum == data
          ? writerFor(target.writerSchema(), data)
          : genericWriters.computeIfAbsent(target.writerSchema(), GenericDatumWriter::new);
      writer.write(datum, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "topic " + topic + ": could not write " + schema.getFullName() + " with schema id "
              + target.id() + ": " + e.getMessage(), e);
    }
  }

  private Target resolveTarget(String subject, Schema schema) {
    if (autoRegister) {
      return new Target(registry.register(subject, schema), schema);
    }
    if (useLatest) {
      RegisteredSchema latest = registry.latest(subject);
      Schema writer = latest.schema().equals(schema) ? schema : latest.schema();
      return new Target(latest.id(), writer);
    }
    return new Target(registry.lookup(subject, schema), schema);
  }

  private DatumWriter<Object> writerFor(Schema schema, T sample) {
    return writers.computeIfAbsent(
        schema,
        s -> sample instanceof SpecificRecord
            ? new SpecificDatumWriter<>(s, SpecificData.getForSchema(s))
            : new GenericDatumWriter<>(s));
  }

  /**
   * use.latest.version with a latest schema that differs from the record's own: re-read the
   * record through Avro schema resolution so that it is written with the latest schema.
   */
  private Object convert(T data, Schema latest) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      writerFor(data.getSchema(), data).write(data, encoder);
      encoder.flush();
      GenericDatumReader<Object> reader = new GenericDatumReader<>(data.getSchema(), latest);
      return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "record of " + data.getSchema().getFullName()
              + " cannot be converted to the subject's latest schema (use.latest.version): "
              + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    // the registry client is shared (SchemaRegistries); nothing of our own to release
  }
}
