package com.complaintflow.intake.normalize;

import com.complaintflow.schemas.avro.Channel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Deterministic ids: a name-based UUID (version 5, SHA-1, RFC 4122) of channel + source id, so a
 * replayed or retried input yields the same complaint id and downstream dedupe can absorb it.
 */
public final class ComplaintIds {
  /** Namespace of all ComplaintFlow intake ids; fixed forever, changing it changes every id. */
  public static final UUID NAMESPACE = UUID.fromString("6f1c1f0e-6b0a-4e55-9a53-1c0e2f6c9a01");

  private ComplaintIds() {}

  public static String complaintId(Channel channel, String sourceId) {
    return nameUuid(channel.name() + ":" + sourceId).toString();
  }

  /**
   * The id of a case action posted over HTTP with an Idempotency-Key: the same key on the same case
   * gives the same action id, so the processor drops a retried action as a duplicate.
   */
  public static String caseActionId(String caseNumber, String idempotencyKey) {
    return nameUuid("case-action:" + caseNumber + ":" + idempotencyKey).toString();
  }

  public static String rejectId(Channel channel, String sourceCoordinates, String reason) {
    return nameUuid("reject:" + channel.name() + ":" + sourceCoordinates + ":" + reason).toString();
  }

  /** A stable source id for content that has no id of its own (e.g. a mail without Message-ID). */
  public static String contentHash(byte[] content) {
    return "sha256:" + HexFormat.of().formatHex(digest("SHA-256", content));
  }

  static UUID nameUuid(String name) {
    ByteBuffer ns = ByteBuffer.allocate(16)
        .putLong(NAMESPACE.getMostSignificantBits())
        .putLong(NAMESPACE.getLeastSignificantBits());
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] input = new byte[16 + nameBytes.length];
    System.arraycopy(ns.array(), 0, input, 0, 16);
    System.arraycopy(nameBytes, 0, input, 16, nameBytes.length);
    byte[] hash = digest("SHA-1", input);
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
    return new UUID(b.getLong(), b.getLong());
  }

  private static byte[] digest(String algorithm, byte[] input) {
    try {
      return MessageDigest.getInstance(algorithm).digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JRE", e);
    }
  }
}
