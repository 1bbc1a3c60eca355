package com.complaintflow.processor.owners;

import com.complaintflow.processor.serde.StateSerde;
import java.io.IOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;

/**
 * A value of the agent-load store: one case counted in an agent's load ({@link LoadEntry}, under
 * the key {@code team|agent|case}, see {@link LoadKey}), or a whole-agent {@link AgentLoad}
 * document the previous release wrote under the agent id, which {@link LoadBook} converts into
 * per-case entries the first time the task starts on it.
 */
public sealed interface LoadValue permits LoadEntry, AgentLoad {

  /**
   * Codec of the agent-load store. Layout (after the {@link StateSerde} version byte):
   *
   * <pre>
   * version 0x01  LoadEntry
   *   clientId   union {null, string}   the client the case belongs to (answers are keyed by it)
   * </pre>
   *
   * The case, agent and team are in the key, so a counted case costs its key and about a dozen
   * bytes. A value starting with '{' is a previous-release {@link AgentLoad} JSON document.
   */
  final class Serde extends StateSerde<LoadValue> {
    static final byte V1 = 1;

    public Serde() {
      super("agent load");
    }

    @Override
    protected byte version() {
      return V1;
    }

    @Override
    protected void write(LoadValue value, BinaryEncoder out) throws IOException {
      if (!(value instanceof LoadEntry entry)) {
        throw new IOException("the previous release's whole-agent documents are read, never written");
      }
      writeNullableString(out, entry.clientId());
    }

    @Override
    protected LoadValue read(byte version, BinaryDecoder in) throws IOException {
      if (version != V1) {
        throw new IOException("unknown version");
      }
      return new LoadEntry(readNullableString(in));
    }

    @Override
    protected LoadValue legacy(byte[] json) throws IOException {
      return json(json, AgentLoad.class);
    }
  }
}
