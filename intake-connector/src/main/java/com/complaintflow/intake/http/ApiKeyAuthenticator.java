package com.complaintflow.intake.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * Checks the API key of a request against the configured keys in constant time: both sides are
 * hashed to equal length and compared with MessageDigest.isEqual, and every configured key is
 * compared, so timing reveals neither a prefix nor which key matched.
 *
 * <p>Accepted forms: {@code X-Api-Key: K}, {@code Authorization: Bearer K}, and
 * {@code Authorization: Basic base64(anything:K)} for call systems (Twilio) that can only put
 * credentials into the callback URL.
 */
public final class ApiKeyAuthenticator {
  private final List<byte[]> keyDigests;

  public ApiKeyAuthenticator(List<String> keys) {
    // an entry sha256:<hex> is a stored hash (ApiKeyHash), anything else a key in clear text
    this.keyDigests = keys.stream().map(com.complaintflow.common.security.ApiKeyHash::digestOfEntry).toList();
  }

  public boolean isValid(String presented) {
    return matchingKey(presented) >= 0;
  }

  /**
   * The position (0-based, in configuration order) of the configured key the presented one equals,
   * or -1. Every configured key is compared, so timing does not tell which one matched. The
   * position names a caller (e.g. for rate limits and logs) without holding or printing its key.
   */
  public int matchingKey(String presented) {
    if (presented == null || presented.isEmpty()) {
      return -1;
    }
    byte[] digest = sha256(presented);
    int match = -1;
    for (int i = 0; i < keyDigests.size(); i++) {
      boolean equal = MessageDigest.isEqual(digest, keyDigests.get(i));
      match = equal ? i : match;
    }
    return match;
  }

  /** The key carried by the request headers, or null. */
  public static String presentedKey(String xApiKey, String authorization) {
    if (xApiKey != null && !xApiKey.isBlank()) {
      return xApiKey.trim();
    }
    if (authorization == null) {
      return null;
    }
    String a = authorization.trim();
    if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return a.substring(7).trim();
    }
    if (a.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(a.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 0 ? decoded : decoded.substring(colon + 1);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
