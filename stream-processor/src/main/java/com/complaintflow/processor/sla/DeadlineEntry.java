package com.complaintflow.processor.sla;

import com.complaintflow.processor.serde.JsonSerde;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value of a deadline-index entry. The current format keeps everything in the key (due time
 * and case id, see {@link DeadlineIndex}): the value is the single byte {@link #FORMAT} and reads
 * back as {@link #MARKER}. The previous release wrote one JSON entry per alert point, with the
 * fields below; such an entry is still read (an upgrade finds them in the store and its
 * changelog) and is replaced by the case's single entry the first time it is due or the case
 * changes.
 */
public final class DeadlineEntry {
  /** Format byte of the current value. */
  public static final byte FORMAT = 1;
  /** The value of every current entry. */
  public static final DeadlineEntry MARKER = new DeadlineEntry();

  // ---- the previous release's JSON entry (one per alert point) ----
  public String caseId;
  public String pointId;
  public String kind;
  public String target;
  public int level;
  public String label;
  public int cycle = 1;
  public long atMillis;
  public Long dueAtMillis;
  public List<String> recipients = new ArrayList<>();

  public boolean legacy() {
    return this != MARKER;
  }

  /**
   * The store's serde: {@link #MARKER} is the byte {@link #FORMAT}; a legacy entry (only tests and
   * upgrade fixtures create one) is written as the previous release wrote it.
   */
  public static final class Serde implements org.apache.kafka.common.serialization.Serde<DeadlineEntry> {
    private static final byte[] MARKER_BYTES = {FORMAT};
    private final org.apache.kafka.common.serialization.Serde<DeadlineEntry> json =
        JsonSerde.of(DeadlineEntry.class);

    @Override
    public Serializer<DeadlineEntry> serializer() {
      return (topic, e) -> e == null ? null
          : e == MARKER ? MARKER_BYTES : json.serializer().serialize(topic, e);
    }

    @Override
    public Deserializer<DeadlineEntry> deserializer() {
      return (topic, bytes) -> {
        if (bytes == null) {
          return null;
        }
        if (bytes.length == 1 && bytes[0] == FORMAT) {
          return MARKER;
        }
        if (bytes.length > 0 && bytes[0] == '{') {
          return json.deserializer().deserialize(topic, bytes);
        }
        throw new SerializationException("cannot read deadline entry (format byte "
            + (bytes.length == 0 ? "none" : String.format("0x%02x", bytes[0])) + ")");
      };
    }
  }
}
