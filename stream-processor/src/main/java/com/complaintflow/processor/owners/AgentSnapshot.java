package com.complaintflow.processor.owners;

import com.complaintflow.processor.serde.StateSerde;
import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.AgentStatus;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;

/**
 * How a dispatcher last saw an agent (key: agent id), to notice who came online, left or changed
 * capacity.
 */
public record AgentSnapshot(String team, AgentStatus status, int capacity, String deputyId) {

  public static AgentSnapshot of(Agent a) {
    return new AgentSnapshot(a.getTeam(), a.getStatus(), a.getCapacity(), a.getDeputyId());
  }

  /** How the previous release wrote a snapshot (JSON, status as the enum's name). */
  static final class Legacy {
    public String agentId;
    public String team;
    public String status;
    public int capacity;
    public String deputyId;
  }

  static AgentStatus status(String name) {
    for (AgentStatus s : AgentStatus.values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    // A symbol this release does not know: treated as not available (the schema's default).
    return AgentStatus.OFFLINE;
  }

  /**
   * Codec of the agent-snapshot store. Layout after the version byte:
   *
   * <pre>
   * version 0x01
   *   team       union {null, string}
   *   status     string (AgentStatus symbol; a symbol unknown here reads as OFFLINE)
   *   capacity   int (zig-zag varint)
   *   deputyId   union {null, string}
   * </pre>
   */
  public static final class Serde extends StateSerde<AgentSnapshot> {
    static final byte V1 = 1;

    public Serde() {
      super("agent snapshot");
    }

    @Override
    protected byte version() {
      return V1;
    }

    @Override
    protected void write(AgentSnapshot s, BinaryEncoder out) throws IOException {
      writeNullableString(out, s.team());
      out.writeString(s.status().name());
      out.writeInt(s.capacity());
      writeNullableString(out, s.deputyId());
    }

    @Override
    protected AgentSnapshot read(byte version, BinaryDecoder in) throws IOException {
      if (version != V1) {
        throw new IOException("unknown version");
      }
      return new AgentSnapshot(readNullableString(in), status(in.readString()), in.readInt(),
          readNullableString(in));
    }

    @Override
    protected AgentSnapshot legacy(byte[] json) throws IOException {
      Legacy l = json(json, Legacy.class);
      return new AgentSnapshot(l.team, status(l.status), l.capacity, l.deputyId);
    }
  }
}
