package com.complaintflow.processor.cases;

import com.complaintflow.processor.serde.StateSerde;
import com.complaintflow.schemas.avro.Category;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;

/**
 * The client history store's format. Format 1, after the version byte {@code 0x01}, in Avro
 * binary encoding (see {@link CaseStateSerde} for the encoding of each type):
 *
 * <pre>
 * clientId string
 * ownerId, ownerTeam nullable string
 * lastCaseEndedAt nullable long (ms)
 * pendingCaseId nullable string
 * waitingCaseIds array of string
 * cases array of {caseNumber string, category Category, openedAt long, endedAt nullable long,
 *                 open boolean}      (oldest first; the case id is clientId/caseNumber)
 * abandonedCalls array of long (ms, oldest first)
 * </pre>
 *
 * <p>The previous release stored the client as JSON, with the cases twice (a history list and a
 * repeat list) and the e-mail message ids inline; it is read as it was: the history list is
 * kept, the repeat list dropped (repeat detection counts the history list), the message ids are
 * moved to the message index store when the client is loaded.
 */
public final class ClientStateSerde extends StateSerde<ClientState> {
  static final byte FORMAT_1 = 1;

  public ClientStateSerde() {
    super("client state");
  }

  @Override
  protected byte version() {
    return FORMAT_1;
  }

  @Override
  protected void write(ClientState c, BinaryEncoder out) throws IOException {
    out.writeString(c.clientId);
    writeNullableString(out, c.ownerId);
    writeNullableString(out, c.ownerTeam);
    writeNullableLong(out, c.lastCaseEndedAt);
    writeNullableString(out, c.pendingCaseId);
    writeStrings(out, c.waitingCaseIds);
    startArray(out, c.cases.size());
    for (ClientState.CaseRef r : c.cases) {
      out.startItem();
      out.writeString(r.caseNumber);
      writeEnum(out, r.category);
      out.writeLong(r.openedAt);
      writeNullableLong(out, r.endedAt);
      out.writeBoolean(r.open);
    }
    out.writeArrayEnd();
    startArray(out, c.abandonedCalls.size());
    for (long t : c.abandonedCalls) {
      out.startItem();
      out.writeLong(t);
    }
    out.writeArrayEnd();
  }

  @Override
  protected ClientState read(byte version, BinaryDecoder in) throws IOException {
    if (version != FORMAT_1) {
      throw new IOException("unknown client state format " + version);
    }
    ClientState c = new ClientState();
    c.clientId = in.readString();
    c.ownerId = readNullableString(in);
    c.ownerTeam = readNullableString(in);
    c.lastCaseEndedAt = readNullableLong(in);
    c.pendingCaseId = readNullableString(in);
    c.waitingCaseIds = readStrings(in);
    for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
      for (long i = 0; i < n; i++) {
        ClientState.CaseRef r = new ClientState.CaseRef();
        r.caseNumber = in.readString();
        r.caseId = CaseIds.caseId(c.clientId, r.caseNumber);
        r.category = readEnum(in, Category.class);
        r.openedAt = in.readLong();
        r.endedAt = readNullableLong(in);
        r.open = in.readBoolean();
        c.cases.add(r);
      }
    }
    for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
      for (long i = 0; i < n; i++) {
        c.abandonedCalls.add(in.readLong());
      }
    }
    return c;
  }

  @Override
  protected ClientState legacy(byte[] json) throws IOException {
    return json(json, ClientState.class);
  }
}
