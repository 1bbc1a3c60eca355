package com.complaintflow.processor.cases;

import com.complaintflow.processor.rules.Classification;
import com.complaintflow.processor.rules.ClassificationRules;
import com.complaintflow.processor.serde.StateSerde;
import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.Priority;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The {@code complaints-by-client} topic's value format. Format 1, after the version byte
 * {@code 0x01}, in Avro binary encoding (see {@link CaseStateSerde} for the encodings):
 *
 * <pre>
 * complaintId string, receivedAt long (ms), channel Channel, language nullable string,
 * messageId nullable string, caseTag nullable string, references array of string,
 * category Category, priority Priority, flags int (1 legal, 2 abandonedCall)
 * </pre>
 *
 * <p>The previous release put the whole complaint on this topic (Confluent wire format: first
 * byte 0x00, schema id, Avro). Such a record, still in flight at an upgrade, is read with the
 * complaint's own serde and turned into facts here.
 */
public final class ComplaintFactsSerde extends StateSerde<ComplaintFacts> {
  static final byte FORMAT_1 = 1;
  private static final byte CONFLUENT_MAGIC = 0;

  private final Deserializer<Complaint> complaints;
  private final ClassificationRules rules;

  public ComplaintFactsSerde(Deserializer<Complaint> complaints, ClassificationRules rules) {
    super("complaint facts");
    this.complaints = complaints;
    this.rules = rules;
  }

  @Override
  protected byte version() {
    return FORMAT_1;
  }

  @Override
  protected void write(ComplaintFacts f, BinaryEncoder out) throws IOException {
    out.writeString(f.complaintId());
    out.writeLong(f.receivedAt());
    writeEnum(out, f.channel());
    writeNullableString(out, f.language());
    writeNullableString(out, f.messageId());
    writeNullableString(out, f.caseTag());
    writeStrings(out, f.references());
    writeEnum(out, f.classification().category());
    writeEnum(out, f.classification().priority());
    out.writeInt((f.classification().legal() ? 1 : 0) | (f.abandonedCall() ? 2 : 0));
  }

  @Override
  protected ComplaintFacts read(byte version, BinaryDecoder in) throws IOException {
    if (version != FORMAT_1) {
      throw new IOException("unknown complaint facts format " + version);
    }
    String id = in.readString();
    long at = in.readLong();
    Channel channel = readEnum(in, Channel.class);
    String language = readNullableString(in);
    String messageId = readNullableString(in);
    String caseTag = readNullableString(in);
    var refs = java.util.List.copyOf(readStrings(in));
    Category category = readEnum(in, Category.class);
    Priority priority = readEnum(in, Priority.class);
    int flags = in.readInt();
    return new ComplaintFacts(id, at, channel, language, messageId, caseTag, refs,
        new Classification(category, priority, (flags & 1) != 0), (flags & 2) != 0);
  }

  @Override
  public Deserializer<ComplaintFacts> deserializer() {
    return (topic, bytes) -> bytes != null && bytes.length > 0 && bytes[0] == CONFLUENT_MAGIC
        ? ComplaintFacts.of(complaints.deserialize(topic, bytes), rules)
        : decode(bytes);
  }
}
