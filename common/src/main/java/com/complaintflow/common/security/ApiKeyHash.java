package com.complaintflow.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * API keys stored as hashes: a configured entry {@code sha256:<64 hex digits>} is the SHA-256 of
 * the key, so configuration files, environment dumps and backups do not hold usable keys. API keys
 * are long random strings, not passwords: an unsalted fast hash is enough, as nobody can guess
 * them from the hash by trying candidates.
 *
 * <p>{@code java -cp complaintflow-common.jar com.complaintflow.common.security.ApiKeyHash KEY}
 * prints the entry for a key (or reads it from standard input when no argument is given, so it does
 * not appear in the shell history).
 */
public final class ApiKeyHash {
  public static final String PREFIX = "sha256:";

  private ApiKeyHash() {}

  /** The configuration entry for a key: {@code sha256:<hex>}. */
  public static String entry(String key) {
    return PREFIX + HexFormat.of().formatHex(sha256(key));
  }

  /**
   * The digest a configured entry stands for: the hash inside a {@code sha256:} entry, else the
   * hash of the entry itself (a key given in clear text, still accepted).
   */
  public static byte[] digestOfEntry(String entry) {
    String e = entry.trim();
    if (e.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      String hex = e.substring(PREFIX.length());
      if (!hex.matches("[0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException("an API key entry 'sha256:...' needs 64 hex digits after the prefix");
      }
      return HexFormat.of().parseHex(hex);
    }
    return sha256(e);
  }

  /** Whether the presented key matches the digest, in time independent of where they differ. */
  public static boolean matches(String presented, byte[] digest) {
    return MessageDigest.isEqual(sha256(presented), digest);
  }

  public static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) throws java.io.IOException {
    String key = args.length > 0 ? args[0]
        : new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
    if (key.isEmpty()) {
      System.err.println("usage: ApiKeyHash KEY   (or the key on standard input)");
      System.exit(2);
    }
    System.out.println(entry(key));
  }
}
