package com.complaintflow.alerts.mail;

/**
 * Makes untrusted text safe for a mail header. Alert text comes from complaint subjects and
 * bodies, i.e. from anyone on the internet: a CR or LF in a header would let them add headers
 * ({@code Bcc:}) or a body of their own. Every control character (C0, DEL, C1) and the Unicode
 * line and paragraph separators become a space; runs of whitespace collapse to one.
 */
public final class HeaderText {
  private HeaderText() {}

  public static String clean(String text, int maxLength) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxLength + 1));
    boolean lastSpace = false;
    for (int i = 0; i < text.length() && out.length() < maxLength; i++) {
      char c = text.charAt(i);
      boolean space = Character.isWhitespace(c) || Character.isISOControl(c)
          || c == '\u2028' || c == '\u2029' || c == '\u0085';
      if (space) {
        if (!lastSpace && out.length() > 0) {
          out.append(' ');
        }
        lastSpace = true;
      } else {
        out.append(c);
        lastSpace = false;
      }
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    return out.substring(0, end);
  }
}
