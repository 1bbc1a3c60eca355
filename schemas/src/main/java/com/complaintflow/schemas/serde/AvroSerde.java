package com.complaintflow.schemas.serde;

import com.complaintflow.schemas.registry.SchemaRegistryClient;
import java.util.Map;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka (and Kafka Streams) {@link Serde} for Confluent-wire-format Avro. */
public final class AvroSerde<T extends GenericContainer> implements Serde<T> {
  private final AvroSerializer<T> serializer;
  private final AvroDeserializer<T> deserializer;

  private AvroSerde(AvroSerializer<T> serializer, AvroDeserializer<T> deserializer) {
    this.serializer = serializer;
    this.deserializer = deserializer;
  }

  /** A serde for one generated type; call {@link #configure} before use. */
  public static <T extends SpecificRecord> AvroSerde<T> specific(Class<T> type) {
    return new AvroSerde<>(new AvroSerializer<>(), new AvroDeserializer<>(type));
  }

  /** A serde for one generated type, configured at once. */
  public static <T extends SpecificRecord> AvroSerde<T> specific(
      Class<T> type, Map<String, ?> config, boolean isKey) {
    AvroSerde<T> serde = specific(type);
    serde.configure(config, isKey);
    return serde;
  }

  /** A serde for one generated type against an explicit registry client. */
  public static <T extends SpecificRecord> AvroSerde<T> specific(
      Class<T> type, SchemaRegistryClient registry, Map<String, ?> config, boolean isKey) {
    return new AvroSerde<>(
        new AvroSerializer<>(registry, config, isKey),
        new AvroDeserializer<>(registry, config, type));
  }

  /** A serde for GenericRecords (or SpecificRecords with specific.avro.reader=true). */
  public static AvroSerde<GenericRecord> generic() {
    return new AvroSerde<>(new AvroSerializer<>(), new AvroDeserializer<>());
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
