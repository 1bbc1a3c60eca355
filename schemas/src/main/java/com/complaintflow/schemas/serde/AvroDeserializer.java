package com.complaintflow.schemas.serde;

import com.complaintflow.schemas.registry.SchemaRegistryClient;
import com.complaintflow.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-wire-format Avro. The writer schema comes from the registry by the id in the
 * record (cached after the first look-up); a reader schema that differs (an older or newer
 * version of the type) is reconciled by Avro schema resolution. Anything that is not a whole,
 * well-formed record raises a {@link SerializationException} naming the topic, the schema id and
 * the problem; a half-decoded record is never returned.
 */
public class AvroDeserializer<T> implements Deserializer<T> {
  private SchemaRegistryClient registry;
  private Class<? extends SpecificRecord> readerClass;
  private Schema readerSchema;
  private boolean specificReader;

  private record ReaderKey(int writerId, Schema reader) {}

  private final Map<ReaderKey, DatumReader<Object>> readers = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

  /** For Kafka's reflective construction; {@link #configure} must follow. */
  public AvroDeserializer() {}

  /** Reads into the given generated class, whatever specific.avro.reader says. */
  public AvroDeserializer(Class<? extends SpecificRecord> readerClass) {
    this.readerClass = readerClass;
    this.readerSchema = SpecificData.get().getSchema(readerClass);
    this.specificReader = true;
  }

  /** Ready to use with an explicit registry client; readerClass null reads GenericRecord. */
  public AvroDeserializer(
      SchemaRegistryClient registry, Map<String, ?> config,
      Class<? extends SpecificRecord> readerClass) {
    this.registry = registry;
    this.readerClass = readerClass;
    this.readerSchema = readerClass == null ? null : SpecificData.get().getSchema(readerClass);
    this.specificReader =
        readerClass != null || new AvroSerdeConfig(config).specificAvroReader();
  }

  /** Reads GenericRecords with the given reader schema (a projection or another version). */
  public static AvroDeserializer<Object> generic(SchemaRegistryClient registry, Schema reader) {
    AvroDeserializer<Object> deserializer = new AvroDeserializer<>(registry, Map.of(
        AvroSerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.describe()), null);
    deserializer.readerSchema = reader;
    return deserializer;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = new AvroSerdeConfig(configs);
    if (registry == null) {
      registry = SchemaRegistries.forConfig(config);
    }
    if (readerClass == null) {
      specificReader = config.specificAvroReader();
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("AvroDeserializer used before configure()");
    }
    if (data.length < WireFormat.HEADER_SIZE) {
      throw new SerializationException(
          "topic " + topic + ": record of " + data.length + " bytes is too short for the"
              + " Confluent wire format (magic byte and 4-byte schema id need 5)");
    }
    if (data[0] != WireFormat.MAGIC_BYTE) {
      throw new SerializationException(
          String.format("topic %s: unknown magic byte 0x%02x (expected 0x00): not Confluent"
              + " wire-format Avro", topic, data[0] & 0xff));
    }
    int id = WireFormat.readSchemaId(data);
    Schema writer;
    try {
      writer = registry.schemaById(id);
    } catch (SchemaRegistryException e) {
      String problem = e.isNotFound()
          ? "schema id " + id + " is unknown to the registry " + registry.describe()
          : "could not fetch schema id " + id + " from " + registry.describe();
      throw new SerializationException("topic " + topic + ": " + problem + ": " + e.getMessage(), e);
    }
    DatumReader<Object> reader;
    try {
      reader = readers.computeIfAbsent(new ReaderKey(id, readerSchemaFor(writer)),
          key -> newReader(writer, key.reader()));
    } catch (RuntimeException e) {
      throw new SerializationException(
          "topic " + topic + ": schema id " + id + " (" + writer.getFullName()
              + ") cannot be read as " + describeReader() + ": " + e.getMessage(), e);
    }
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
        data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, decoders.get());
    decoders.set(decoder);
    Object record;
    try {
      record = reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "topic " + topic + ": schema id " + id + " (" + writer.getFullName() + "): truncated"
              + " or corrupt Avro body of " + (data.length - WireFormat.HEADER_SIZE) + " bytes: "
              + e, e);
    }
    int unread;
    try {
      unread = decoder.isEnd() ? 0 : decoder.inputStream().available();
    } catch (IOException e) {
      unread = -1;
    }
    if (unread != 0) {
      throw new SerializationException(
          "topic " + topic + ": schema id " + id + " (" + writer.getFullName() + "): "
              + (unread > 0 ? unread + " bytes" : "bytes") + " left after the record: corrupt"
              + " record or wrong schema id");
    }
    return (T) record;
  }

  private Schema readerSchemaFor(Schema writer) {
    if (readerSchema != null) {
      return readerSchema;
    }
    if (specificReader) {
      Class<?> generated = SpecificData.get().getClass(writer);
      if (generated == null || generated == Object.class) {
        throw new AvroRuntimeException(
            "no generated class " + writer.getFullName() + " on the classpath (specific.avro.reader=true)");
      }
      return SpecificData.get().getSchema(generated);
    }
    return writer;
  }

  private DatumReader<Object> newReader(Schema writer, Schema reader) {
    if (specificReader) {
      return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
    }
    return new GenericDatumReader<>(writer, reader, GenericData.get());
  }

  private String describeReader() {
    return readerClass != null ? readerClass.getName()
        : readerSchema != null ? readerSchema.getFullName() : "its own schema";
  }

  @Override
  public void close() {
    // the registry client is shared (SchemaRegistries); nothing of our own to release
  }
}
