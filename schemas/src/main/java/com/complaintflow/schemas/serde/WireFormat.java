package com.complaintflow.schemas.serde;

/**
 * The Confluent wire format: byte 0 is the magic byte 0x00, bytes 1-4 the schema id as a
 * big-endian int, then the Avro binary encoding of the record.
 */
public final class WireFormat {
  public static final byte MAGIC_BYTE = 0x0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  public static void writeHeader(byte[] target, int schemaId) {
    target[0] = MAGIC_BYTE;
    target[1] = (byte) (schemaId >>> 24);
    target[2] = (byte) (schemaId >>> 16);
    target[3] = (byte) (schemaId >>> 8);
    target[4] = (byte) schemaId;
  }

  public static int readSchemaId(byte[] data) {
    return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8)
        | (data[4] & 0xff);
  }
}
