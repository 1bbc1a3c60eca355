package com.complaintflow.processor.owners;

import com.complaintflow.processor.serde.StateSerde;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;

/**
 * A case waiting in its team's queue for an agent with capacity (key {@code q|team|sequence}), or
 * the pointer from a case to its queue entry (key {@code c|caseId}; {@code caseId} then holds the
 * queue key and the other fields are empty), as the previous release stored them.
 */
public record QueuedCase(String caseId, String clientId, String category, String language,
    long queuedAt) {

  public static QueuedCase pointer(String queueKey) {
    return new QueuedCase(queueKey, null, null, null, 0);
  }

  /** How the previous release wrote a queue entry or pointer (JSON). */
  static final class Legacy {
    public String caseId;
    public String clientId;
    public String category;
    public String language;
    public long queuedAt;
  }

  /**
   * Codec of the team-queue store. Layout after the version byte:
   *
   * <pre>
   * version 0x01
   *   caseId     string                 (a pointer: the queue entry's key)
   *   clientId   union {null, string}
   *   category   union {null, string}
   *   language   union {null, string}
   *   queuedAt   long (epoch millis, zig-zag varint)
   * </pre>
   */
  public static final class Serde extends StateSerde<QueuedCase> {
    static final byte V1 = 1;

    public Serde() {
      super("queued case");
    }

    @Override
    protected byte version() {
      return V1;
    }

    @Override
    protected void write(QueuedCase q, BinaryEncoder out) throws IOException {
      out.writeString(q.caseId());
      writeNullableString(out, q.clientId());
      writeNullableString(out, q.category());
      writeNullableString(out, q.language());
      out.writeLong(q.queuedAt());
    }

    @Override
    protected QueuedCase read(byte version, BinaryDecoder in) throws IOException {
      if (version != V1) {
        throw new IOException("unknown version");
      }
      return new QueuedCase(in.readString(), readNullableString(in), readNullableString(in),
          readNullableString(in), in.readLong());
    }

    @Override
    protected QueuedCase legacy(byte[] json) throws IOException {
      Legacy l = json(json, Legacy.class);
      return new QueuedCase(l.caseId, l.clientId, l.category, l.language, l.queuedAt);
    }
  }
}
