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

  protected static void writeStrings(BinaryEncoder out, java.util.List<String> list) throws IOException {
    out.writeArrayStart();
    out.setItemCount(list.size());
    for (String s : list) {
      out.startItem();
      out.writeString(s);
    }
    out.writeArrayEnd();
  }

  protected static java.util.List<String> readStrings(BinaryDecoder in) throws IOException {
    java.util.List<String> list = new java.util.ArrayList<>();
    for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
      for (long i = 0; i < n; i++) {
        list.add(in.readString());
      }
    }
    return list;
  }

  /** Starts an array of {@code n} items (Avro array block); end it with {@link BinaryEncoder#writeArrayEnd}. */
  protected static void startArray(BinaryEncoder out, int n) throws IOException {
    out.writeArrayStart();
    out.setItemCount(n);
  }

  /**
   * An enum value as its position in the Avro enum's symbols (the golden-format tests pin the
   * order; new symbols are only ever appended).
   */
  protected static void writeEnum(BinaryEncoder out, Enum<?> value) throws IOException {
    out.writeEnum(value.ordinal());
  }

  protected static <E extends Enum<E>> E readEnum(BinaryDecoder in, Class<E> type) throws IOException {
    int i = in.readEnum();
    E[] all = type.getEnumConstants();
    if (i < 0 || i >= all.length) {
      throw new IOException(type.getSimpleName() + " symbol " + i + " unknown");
    }
    return all[i];
  }

  /** An enum held as its symbol name (nullable), written as {null, enum}. */
  protected static <E extends Enum<E>> void writeSymbol(BinaryEncoder out, String name, Class<E> type)
      throws IOException {
    if (name == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      out.writeEnum(Enum.valueOf(type, name).ordinal());
    }
  }

  protected static <E extends Enum<E>> String readSymbol(BinaryDecoder in, Class<E> type) throws IOException {
    return in.readIndex() == 0 ? null : readEnum(in, type).name();
  }

  /** Reads a JSON value of the previous release with the JSON mapper it was written with. */
  protected static <J> J json(byte[] bytes, Class<J> type) throws IOException {
    return JsonSerde.MAPPER.readValue(bytes, type);
  }
}
