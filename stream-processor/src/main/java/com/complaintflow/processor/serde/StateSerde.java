package com.complaintflow.processor.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The binary format of the processor's own state and internal messages: one format-version byte,
 * then the value in Avro's binary encoding (varint longs, length-prefixed strings, no schema id:
 * the processor both writes and reads these, so no registry is involved). Each format's layout is
 * written down beside its codec and pinned by a golden-file test.
 *
 * <p>Values written by the release before this format were JSON documents; their first byte is
 * always '{' (0x7B), which no version byte uses. Such a value is read through {@link #legacy} so
 * that an upgrade reads the stores and changelogs the previous release wrote; it is written back
 * in the binary format the next time it changes.
 */
public abstract class StateSerde<T> implements Serde<T> {
  /** First byte of a JSON document written by the previous release. */
  public static final byte LEGACY_JSON = '{';

  private final String name;

  protected StateSerde(String name) {
    this.name = name;
  }

  /** The version byte this codec writes. */
  protected abstract byte version();

  /** Writes the value's fields after the version byte. */
  protected abstract void write(T value, BinaryEncoder out) throws IOException;

  /** Reads a value written with {@code version} (the current one or an older binary one). */
  protected abstract T read(byte version, BinaryDecoder in) throws IOException;

  /** Reads a JSON value of the previous release; null when this type never had one. */
  protected T legacy(byte[] json) throws IOException {
    throw new IOException("no JSON format known for " + name);
  }

  public byte[] encode(T value) {
    if (value == null) {
      return null;
    }
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
      bytes.write(version());
      BinaryEncoder out = EncoderFactory.get().directBinaryEncoder(bytes, null);
      write(value, out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot write " + name + ": " + e.getMessage(), e);
    }
  }

  public T decode(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      if (bytes.length == 0) {
        throw new IOException("empty value");
      }
      if (bytes[0] == LEGACY_JSON) {
        return legacy(bytes);
      }
      BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, 1, bytes.length - 1, null);
      return read(bytes[0], in);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot read " + name + " (format byte "
          + (bytes.length == 0 ? "none" : String.format("0x%02x", bytes[0])) + "): " + e.getMessage(), e);
    }
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> encode(value);
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> decode(bytes);
  }

  // ---- helpers for nullable fields, written as Avro unions {null, T}: index 0 null, 1 value ----

  protected static void writeNullableString(BinaryEncoder out, String s) throws IOException {
    if (s == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeString(s);
    }
  }

  protected static String readNullableString(BinaryDecoder in) throws IOException {
    return in.readIndex() == 0 ? null : in.readString();
  }

  protected static void writeNullableLong(BinaryEncoder out, Long v) throws IOException {
    if (v == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeLong(v);
    }
  }

  protected static Long readNullableLong(BinaryDecoder in) throws IOException {
    return in.readIndex() == 0 ? null : in.readLong();
  }

  protected static void writeNullableInt(BinaryEncoder out, Integer v) throws IOException {
    if (v == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeInt(v);
    }
  }

  protected static Integer readNullableInt(BinaryDecoder in) throws IOException {
    return in.readIndex() == 0 ? null : in.readInt();
  }

  /** Reads a JSON value of the previous release with the JSON mapper it was written with. */
  protected static <J> J json(byte[] bytes, Class<J> type) throws IOException {
    return JsonSerde.MAPPER.readValue(bytes, type);
  }
}
