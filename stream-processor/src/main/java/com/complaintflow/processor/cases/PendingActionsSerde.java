package com.complaintflow.processor.cases;

import com.complaintflow.processor.serde.StateSerde;
import com.complaintflow.schemas.avro.CaseAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Format of the store {@value CaseNumberResolver#PENDING_STORE}: the actions by case number that
 * arrived while the task was still entering the previous release's cases into its
 * {@link CaseNumberIndex}, oldest first, keyed by the case number (UTF-8). They live there for the
 * seconds the walk takes after an upgrade.
 *
 * <p>Value, pinned by {@code PendingActionsSerdeTest} (bytes in
 * {@code src/test/resources/golden/case-number-pending.hex}): format byte {@code 0x01}, then an
 * Avro array of entries, each: record timestamp (long), the action's source topic
 * ({@code [null, string]}), partition ({@code [null, int]}), offset ({@code [null, long]}), then the
 * {@code CaseAction} in Avro binary encoding with its released schema (CaseAction v1, no schema id).
 */
public final class PendingActionsSerde extends StateSerde<List<PendingActionsSerde.Pending>> {
  static final byte FORMAT_1 = 1;
  private static final SpecificDatumWriter<CaseAction> WRITER = new SpecificDatumWriter<>(CaseAction.class);
  private static final SpecificDatumReader<CaseAction> READER = new SpecificDatumReader<>(CaseAction.class);

  /** One deferred action with what the reject of it would name. */
  public record Pending(long timestamp, String topic, Integer partition, Long offset, CaseAction action) {}

  public PendingActionsSerde() {
    super("pending case actions");
  }

  @Override
  protected byte version() {
    return FORMAT_1;
  }

  @Override
  protected void write(List<Pending> list, BinaryEncoder out) throws IOException {
    startArray(out, list.size());
    for (Pending p : list) {
      out.startItem();
      out.writeLong(p.timestamp());
      writeNullableString(out, p.topic());
      writeNullableInt(out, p.partition());
      writeNullableLong(out, p.offset());
      synchronized (WRITER) {
        WRITER.write(p.action(), out);
      }
    }
    out.writeArrayEnd();
  }

  @Override
  protected List<Pending> read(byte version, BinaryDecoder in) throws IOException {
    if (version != FORMAT_1) {
      throw new IOException("unknown pending actions format " + version);
    }
    List<Pending> list = new ArrayList<>();
    for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
      for (long i = 0; i < n; i++) {
        long timestamp = in.readLong();
        String topic = readNullableString(in);
        Integer partition = readNullableInt(in);
        Long offset = readNullableLong(in);
        CaseAction action;
        synchronized (READER) {
          action = READER.read(null, in);
        }
        list.add(new Pending(timestamp, topic, partition, offset, action));
      }
    }
    return list;
  }
}
