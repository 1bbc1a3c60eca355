package com.complaintflow.processor.cases;

import com.complaintflow.processor.serde.StateSerde;
import com.complaintflow.processor.sla.ClockState;
import com.complaintflow.processor.sla.SlaState;
import com.complaintflow.schemas.avro.CaseStatus;
import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.Channel;
import com.complaintflow.schemas.avro.ClientTier;
import com.complaintflow.schemas.avro.Priority;
import com.complaintflow.schemas.avro.SlaTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;

/**
 * The case store's format. Format 1, after the version byte {@code 0x01}, in Avro binary
 * encoding (long/int = zig-zag varint, string = length + UTF-8, nullable = union index 0 null /
 * 1 value, enum = symbol position in the Avro enum, array = Avro blocks):
 *
 * <pre>
 * clientId string, caseNumber string            (the case id is clientId/caseNumber)
 * flags int: 1 provisionalClient, 2 legal, 4 affinityOverCapacity, 8 awaitingAssignment,
 *            16 waitingForClientOwner, 32 repeat
 * tier ClientTier, category Category, priority Priority, status CaseStatus
 * language, routedTeam, team, ownerId, coveringAgentId: nullable string
 * sequence long, openedAt long (ms)
 * firstResponseAt, lastResponseAt, pendingSince, resolvedAt, closedAt: nullable long (ms)
 * channels int (bit set over the Channel enum's positions)
 * complaintCount, followUpCount, reopenCount int
 * resolution nullable {rootCause, summary, compensationType, compensationAmount, currency:
 *            nullable string each}
 * satisfaction nullable int, satisfactionComment nullable string
 * recentActionIds array of string
 * sla: clocks array of clock, pastNextResponses array of clock, nextResponseCycles int,
 *      calendar nullable string, queuedSince nullable long, indexedAt nullable long,
 *      marks array of fixed(8) (first 64 bits of each handled alert id, big-endian),
 *      legacyScheduled array of {pointId string, at long} (entries of the previous release's
 *      deadline index not yet replaced; empty once the case has been rescheduled)
 * clock: target SlaTarget, budgetMillis long, usedMillis long, runningSinceMillis nullable long,
 *        completedAtMillis nullable long, calendar nullable string, cycle int,
 *        dueAtMillis nullable long
 * </pre>
 *
 * <p>The previous release stored the case as JSON ({@link CaseState}'s fields, plus the
 * complaint and message id lists it no longer keeps); it is read as it was, its alert ids
 * becoming marks.
 */
public final class CaseStateSerde extends StateSerde<CaseState> {
  static final byte FORMAT_1 = 1;

  public CaseStateSerde() {
    super("case state");
  }

  @Override
  protected byte version() {
    return FORMAT_1;
  }

  @Override
  protected void write(CaseState c, BinaryEncoder out) throws IOException {
    out.writeString(c.clientId);
    out.writeString(c.caseNumber);
    int flags = (c.provisionalClient ? 1 : 0) | (c.legal ? 2 : 0) | (c.affinityOverCapacity ? 4 : 0)
        | (c.awaitingAssignment ? 8 : 0) | (c.waitingForClientOwner ? 16 : 0) | (c.repeat ? 32 : 0);
    out.writeInt(flags);
    writeEnum(out, c.tier);
    writeEnum(out, c.category);
    writeEnum(out, c.priority);
    writeEnum(out, c.status);
    writeNullableString(out, c.language);
    writeNullableString(out, c.routedTeam);
    writeNullableString(out, c.team);
    writeNullableString(out, c.ownerId);
    writeNullableString(out, c.coveringAgentId);
    out.writeLong(c.sequence);
    out.writeLong(c.openedAt);
    writeNullableLong(out, c.firstResponseAt);
    writeNullableLong(out, c.lastResponseAt);
    writeNullableLong(out, c.pendingSince);
    writeNullableLong(out, c.resolvedAt);
    writeNullableLong(out, c.closedAt);
    int channels = 0;
    for (String ch : c.channels) {
      channels |= 1 << Channel.valueOf(ch).ordinal();
    }
    out.writeInt(channels);
    out.writeInt(c.complaintCount);
    out.writeInt(c.followUpCount);
    out.writeInt(c.reopenCount);
    if (c.resolution == null) {
      out.writeIndex(0);
    } else {
      out.writeIndex(1);
      writeNullableString(out, c.resolution.rootCause);
      writeNullableString(out, c.resolution.summary);
      writeNullableString(out, c.resolution.compensationType);
      writeNullableString(out, c.resolution.compensationAmount);
      writeNullableString(out, c.resolution.currency);
    }
    writeNullableInt(out, c.satisfaction);
    writeNullableString(out, c.satisfactionComment);
    writeStrings(out, c.recentActionIds);
    SlaState s = c.sla;
    writeClocks(out, new ArrayList<>(s.clocks.values()));
    writeClocks(out, s.pastNextResponses);
    out.writeInt(s.nextResponseCycles);
    writeNullableString(out, s.calendar);
    writeNullableLong(out, s.queuedSince);
    writeNullableLong(out, s.indexedAt);
    startArray(out, s.marks.size());
    ByteBuffer mark = ByteBuffer.allocate(8);
    for (long m : s.marks) {
      out.startItem();
      out.writeFixed(mark.clear().putLong(m).array());
    }
    out.writeArrayEnd();
    startArray(out, s.scheduled.size());
    for (Map.Entry<String, Long> e : s.scheduled.entrySet()) {
      out.startItem();
      out.writeString(e.getKey());
      out.writeLong(e.getValue());
    }
    out.writeArrayEnd();
  }

  private static void writeClocks(BinaryEncoder out, List<ClockState> clocks) throws IOException {
    startArray(out, clocks.size());
    for (ClockState k : clocks) {
      out.startItem();
      writeEnum(out, SlaTarget.valueOf(k.target));
      out.writeLong(k.budgetMillis);
      out.writeLong(k.usedMillis);
      writeNullableLong(out, k.runningSinceMillis);
      writeNullableLong(out, k.completedAtMillis);
      writeNullableString(out, k.calendar);
      out.writeInt(k.cycle);
      writeNullableLong(out, k.dueAtMillis);
    }
    out.writeArrayEnd();
  }

  @Override
  protected CaseState read(byte version, BinaryDecoder in) throws IOException {
    if (version != FORMAT_1) {
      throw new IOException("unknown case state format " + version);
    }
    CaseState c = new CaseState();
    c.clientId = in.readString();
    c.caseNumber = in.readString();
    c.caseId = CaseIds.caseId(c.clientId, c.caseNumber);
    int flags = in.readInt();
    c.provisionalClient = (flags & 1) != 0;
    c.legal = (flags & 2) != 0;
    c.affinityOverCapacity = (flags & 4) != 0;
    c.awaitingAssignment = (flags & 8) != 0;
    c.waitingForClientOwner = (flags & 16) != 0;
    c.repeat = (flags & 32) != 0;
    c.tier = readEnum(in, ClientTier.class);
    c.category = readEnum(in, Category.class);
    c.priority = readEnum(in, Priority.class);
    c.status = readEnum(in, CaseStatus.class);
    c.language = readNullableString(in);
    c.routedTeam = readNullableString(in);
    c.team = readNullableString(in);
    c.ownerId = readNullableString(in);
    c.coveringAgentId = readNullableString(in);
    c.sequence = in.readLong();
    c.openedAt = in.readLong();
    c.firstResponseAt = readNullableLong(in);
    c.lastResponseAt = readNullableLong(in);
    c.pendingSince = readNullableLong(in);
    c.resolvedAt = readNullableLong(in);
    c.closedAt = readNullableLong(in);
    int channels = in.readInt();
    for (Channel ch : Channel.values()) {
      if ((channels & (1 << ch.ordinal())) != 0) {
        c.channels.add(ch.name());
      }
    }
    c.complaintCount = in.readInt();
    c.followUpCount = in.readInt();
    c.reopenCount = in.readInt();
    if (in.readIndex() == 1) {
      ResolutionData r = new ResolutionData();
      r.rootCause = readNullableString(in);
      r.summary = readNullableString(in);
      r.compensationType = readNullableString(in);
      r.compensationAmount = readNullableString(in);
      r.currency = readNullableString(in);
      c.resolution = r;
    }
    c.satisfaction = readNullableInt(in);
    c.satisfactionComment = readNullableString(in);
    c.recentActionIds = readStrings(in);
    SlaState s = c.sla;
    for (ClockState k : readClocks(in)) {
      s.clocks.put(k.target, k);
    }
    s.pastNextResponses = readClocks(in);
    s.nextResponseCycles = in.readInt();
    s.calendar = readNullableString(in);
    s.queuedSince = readNullableLong(in);
    s.indexedAt = readNullableLong(in);
    byte[] mark = new byte[8];
    for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
      for (long i = 0; i < n; i++) {
        in.readFixed(mark);
        s.marks.add(ByteBuffer.wrap(mark).getLong());
      }
    }
    for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
      for (long i = 0; i < n; i++) {
        String point = in.readString();
        s.scheduled.put(point, in.readLong());
      }
    }
    return c;
  }

  private static List<ClockState> readClocks(BinaryDecoder in) throws IOException {
    List<ClockState> clocks = new ArrayList<>();
    for (long n = in.readArrayStart(); n > 0; n = in.arrayNext()) {
      for (long i = 0; i < n; i++) {
        ClockState k = new ClockState();
        k.target = readEnum(in, SlaTarget.class).name();
        k.budgetMillis = in.readLong();
        k.usedMillis = in.readLong();
        k.runningSinceMillis = readNullableLong(in);
        k.completedAtMillis = readNullableLong(in);
        k.calendar = readNullableString(in);
        k.cycle = in.readInt();
        k.dueAtMillis = readNullableLong(in);
        clocks.add(k);
      }
    }
    return clocks;
  }

  @Override
  protected CaseState legacy(byte[] json) throws IOException {
    CaseState c = json(json, CaseState.class);
    for (String id : c.sla.alertIds) {
      long mark = SlaState.mark(id);
      if (!c.sla.marks.contains(mark)) {
        c.sla.marks.add(mark);
      }
    }
    c.sla.alertIds.clear();
    return c;
  }
}
