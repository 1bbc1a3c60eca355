package com.complaintflow.common.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data before it reaches a log line: email addresses, phone numbers and complaint
 * text must never be logged in full. Masked values stay recognisable enough to correlate lines
 * at 3 a.m. ({@code i***@e***.com}, {@code +7*******67}) without identifying anyone.
 */
public final class Pii {
  private static final Pattern EMAIL = Pattern.compile("[\\w.%+'-]+@[\\w-]+(\\.[\\w-]+)+");
  private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d ()\\-.]{6,}\\d");

  private Pii() {}

  /** {@code ivan.petrov@example.com} becomes {@code i***@e***.com}. */
  public static String email(String address) {
    if (address == null) {
      return "null";
    }
    int at = address.lastIndexOf('@');
    if (at <= 0) {
      return "***";
    }
    String domain = address.substring(at + 1);
    int dot = domain.lastIndexOf('.');
    String tld = dot >= 0 ? domain.substring(dot) : "";
    String host = dot >= 0 ? domain.substring(0, dot) : domain;
    return address.charAt(0) + "***@" + (host.isEmpty() ? "" : host.charAt(0)) + "***" + tld;
  }

  /** {@code +74951234567} becomes {@code +7*******67}: country code and last two digits. */
  public static String phone(String number) {
    if (number == null) {
      return "null";
    }
    String digits = number.replaceAll("[^0-9+]", "");
    if (digits.length() <= 4) {
      return "***";
    }
    int keepStart = digits.startsWith("+") ? 2 : 1;
    return digits.substring(0, keepStart)
        + "*".repeat(digits.length() - keepStart - 2)
        + digits.substring(digits.length() - 2);
  }

  /** Free text (complaint body, subject, notes): only its length is logged. */
  public static String text(String text) {
    return text == null ? "null" : "[" + text.length() + " chars]";
  }

  /**
   * Masks every email address and phone number inside a text that must be logged or stored as an
   * excerpt (e.g. an error message that quotes input).
   */
  public static String scrub(String text) {
    if (text == null) {
      return null;
    }
    Matcher emails = EMAIL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (emails.find()) {
      emails.appendReplacement(out, Matcher.quoteReplacement(email(emails.group())));
    }
    emails.appendTail(out);
    Matcher phones = PHONE.matcher(out.toString());
    StringBuilder result = new StringBuilder();
    while (phones.find()) {
      phones.appendReplacement(result, Matcher.quoteReplacement(phone(phones.group())));
    }
    phones.appendTail(result);
    return result.toString();
  }
}
