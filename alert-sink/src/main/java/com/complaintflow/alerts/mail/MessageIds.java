package com.complaintflow.alerts.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Deterministic Message-IDs. An alert's id gives its Message-ID, so a mail system that sees the
 * same alert twice can drop the copy; a case's id gives the id of the case's thread root, so every
 * alert of a case carries the same In-Reply-To/References and mail clients thread them without
 * the sink keeping any state.
 */
public final class MessageIds {
  /** RFC 5322 dot-atom text without the characters some clients mishandle. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+=-]{0,120}");

  private final String domain;

  public MessageIds(String domain) {
    String clean = HeaderText.clean(domain, 100).replaceAll("[^A-Za-z0-9.-]", "");
    this.domain = clean.isEmpty() ? "complaintflow" : clean;
  }

  public String forAlert(String alertId) {
    return "<" + local(alertId) + "@" + domain + ">";
  }

  public String forCase(String caseId) {
    return "<case-" + local(caseId) + "@" + domain + ">";
  }

  /** A digest's id depends on who gets it and which alerts it lists, nothing else. */
  public String forDigest(String recipient, Collection<String> alertIds) {
    StringBuilder material = new StringBuilder(recipient.toLowerCase(java.util.Locale.ROOT));
    for (String id : new TreeSet<>(alertIds)) {
      material.append('\n').append(id);
    }
    return "<digest-" + sha256(material.toString()).substring(0, 32) + "@" + domain + ">";
  }

  /** Ids made of safe characters are kept readable; anything else is replaced by its hash. */
  private static String local(String id) {
    if (id != null && SAFE.matcher(id).matches() && !id.contains("..") && !id.endsWith(".")) {
      return id;
    }
    return "h" + sha256(String.valueOf(id)).substring(0, 40);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
