package com.complaintflow.processor.owners;

import com.complaintflow.processor.serde.StateSerde;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;

/** Per-team bookkeeping of a dispatcher: queue sequence and round-robin position. */
public record TeamState(String team, long nextQueueSequence, String lastAssignedAgentId) {

  public static TeamState fresh(String team) {
    return new TeamState(team, 0, null);
  }

  public TeamState withLastAssigned(String agentId) {
    return new TeamState(team, nextQueueSequence, agentId);
  }

  public TeamState withNextQueueSequence(long next) {
    return new TeamState(team, next, lastAssignedAgentId);
  }

  /** How the previous release wrote a team's state (JSON). */
  static final class Legacy {
    public String team;
    public long nextQueueSequence;
    public String lastAssignedAgentId;
  }

  /**
   * Codec of the team-state store (key: team). Layout after the version byte:
   *
   * <pre>
   * version 0x01
   *   team                 string
   *   nextQueueSequence    long (zig-zag varint)
   *   lastAssignedAgentId  union {null, string}
   * </pre>
   */
  public static final class Serde extends StateSerde<TeamState> {
    static final byte V1 = 1;

    public Serde() {
      super("team state");
    }

    @Override
    protected byte version() {
      return V1;
    }

    @Override
    protected void write(TeamState value, BinaryEncoder out) throws IOException {
      out.writeString(value.team());
      out.writeLong(value.nextQueueSequence());
      writeNullableString(out, value.lastAssignedAgentId());
    }

    @Override
    protected TeamState read(byte version, BinaryDecoder in) throws IOException {
      if (version != V1) {
        throw new IOException("unknown version");
      }
      return new TeamState(in.readString(), in.readLong(), readNullableString(in));
    }

    @Override
    protected TeamState legacy(byte[] json) throws IOException {
      Legacy l = json(json, Legacy.class);
      return new TeamState(l.team, l.nextQueueSequence, l.lastAssignedAgentId);
    }
  }
}
