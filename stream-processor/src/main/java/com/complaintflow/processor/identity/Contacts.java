package com.complaintflow.processor.identity;

import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.ContactPoints;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Contact points in the one form used as index keys: emails lower-cased, phones as E.164 digits
 * with '+', account ids trimmed. Keys are stored as {@code contact:<value>}; clients by id as
 * {@code client:<id>} in the same index store.
 */
public final class Contacts {
  public static final String CONTACT_PREFIX = "contact:";
  public static final String CLIENT_PREFIX = "client:";

  private Contacts() {}

  public static String email(String email) {
    return email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
  }

  public static String phone(String phone) {
    if (phone == null || phone.isBlank()) {
      return null;
    }
    String digits = phone.replaceAll("[^0-9]", "");
    return digits.isEmpty() ? null : "+" + digits;
  }

  public static String account(String accountId) {
    return accountId == null || accountId.isBlank() ? null : accountId.strip();
  }

  /** Every contact point of a CRM client, normalized. */
  public static List<String> of(Client client) {
    Set<String> out = new LinkedHashSet<>();
    client.getAccountIds().forEach(a -> add(out, account(a)));
    client.getEmails().forEach(e -> add(out, email(e)));
    client.getPhones().forEach(p -> add(out, phone(p)));
    return new ArrayList<>(out);
  }

  /** The complaint's contact points in lookup order: account id, email, phone, client key. */
  public static List<String> of(Complaint complaint) {
    Set<String> out = new LinkedHashSet<>();
    ContactPoints c = complaint.getContact();
    if (c != null) {
      add(out, account(c.getAccountId()));
      add(out, email(c.getEmail()));
      add(out, phone(c.getPhone()));
    }
    String key = complaint.getClientKey();
    if (key != null && !key.isBlank()) {
      String k = key.strip();
      add(out, k.contains("@") ? email(k) : k.startsWith("+") ? phone(k) : k);
    }
    return new ArrayList<>(out);
  }

  /** Deterministic provisional client id of an unknown contact point. */
  public static String provisionalId(String contactPoint) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(contactPoint.getBytes(StandardCharsets.UTF_8));
      return "P-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void add(Set<String> out, String value) {
    if (value != null) {
      out.add(value);
    }
  }
}
