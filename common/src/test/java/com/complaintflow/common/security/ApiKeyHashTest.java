package com.complaintflow.common.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiKeyHashTest {
  @Test
  void anEntryIsTheSha256OfTheKeyInHex() {
    // sha256("abc"), the FIPS 180-2 test vector
    assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyHash.entry("abc"));
  }

  @Test
  void aHashedEntryAndAClearTextEntryStandForTheSameDigest() {
    assertArrayEquals(ApiKeyHash.digestOfEntry("abc"), ApiKeyHash.digestOfEntry(ApiKeyHash.entry("abc")));
    assertArrayEquals(ApiKeyHash.digestOfEntry("abc"), ApiKeyHash.digestOfEntry(ApiKeyHash.entry("abc").toUpperCase()
        .replace("SHA256:", "sha256:")));
  }

  @Test
  void onlyTheRightKeyMatches() {
    byte[] digest = ApiKeyHash.digestOfEntry(ApiKeyHash.entry("s3cret-key"));
    assertTrue(ApiKeyHash.matches("s3cret-key", digest));
    assertFalse(ApiKeyHash.matches("s3cret-kez", digest));
    assertFalse(ApiKeyHash.matches("", digest));
    assertFalse(ApiKeyHash.matches(ApiKeyHash.entry("s3cret-key"), digest), "the entry itself is not a key");
  }

  @Test
  void aMalformedHashedEntryIsRefusedAtStartNotIgnored() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKeyHash.digestOfEntry("sha256:abcd"));
    assertTrue(e.getMessage().contains("64 hex digits"));
  }
}
