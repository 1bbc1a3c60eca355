package com.complaintflow.intake.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes header values: raw 8-bit bytes (RFC 6532 UTF-8, or legacy charsets sent unencoded) and
 * RFC 2047 encoded-words in any charset {@link Charsets} can read. Adjacent encoded-words in one
 * charset are joined at byte level first, so a multi-byte character split across two words
 * survives; whitespace between encoded-words is dropped as RFC 2047 says.
 *
 * <p>Header values arrive as Latin-1 strings (one char per byte) because the parser runs with
 * mail.mime.allowutf8=false, which keeps the original bytes recoverable.
 */
public final class HeaderDecoder {
  private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");

  private HeaderDecoder() {}

  public static String decode(String raw) {
    if (raw == null) {
      return null;
    }
    String unfolded = raw.replaceAll("\\r?\\n[ \\t]+", " ").replaceAll("[\\r\\n]", "");
    String text = repair8bit(unfolded);
    return decodeWords(text).strip();
  }

  /** Latin-1 chars standing for raw bytes: UTF-8 when they form valid UTF-8, else windows-1252. */
  static String repair8bit(String s) {
    boolean high = false;
    for (int i = 0; i < s.length() && !high; i++) {
      high = s.charAt(i) >= 0x80;
    }
    if (!high) {
      return s;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xff) {
        return s; // already real Unicode
      }
    }
    return Charsets.decode(s.getBytes(StandardCharsets.ISO_8859_1), null);
  }

  static String decodeWords(String s) {
    Matcher m = WORD.matcher(s);
    StringBuilder out = new StringBuilder();
    int last = 0;
    String pendingCharset = null;
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    while (m.find()) {
      String between = s.substring(last, m.start());
      boolean adjacent = last > 0 && pendingCharset != null && between.isBlank();
      String charset = m.group(1);
      byte[] bytes = wordBytes(m.group(2), m.group(3));
      if (bytes == null) {
        flush(out, pending, pendingCharset);
        pendingCharset = null;
        out.append(between).append(m.group());
        last = m.end();
        continue;
      }
      if (adjacent && charset.equalsIgnoreCase(pendingCharset)) {
        pending.writeBytes(bytes);
      } else {
        flush(out, pending, pendingCharset);
        if (!adjacent) {
          out.append(between);
        }
        pendingCharset = charset;
        pending.writeBytes(bytes);
      }
      last = m.end();
    }
    flush(out, pending, pendingCharset);
    out.append(s.substring(last));
    return out.toString();
  }

  private static void flush(StringBuilder out, ByteArrayOutputStream pending, String charset) {
    if (pending.size() > 0) {
      out.append(Charsets.decode(pending.toByteArray(), charset));
      pending.reset();
    }
  }

  private static byte[] wordBytes(String encoding, String text) {
    if (encoding.equalsIgnoreCase("B")) {
      String clean = text.replaceAll("[^A-Za-z0-9+/]", "");
      int rem = clean.length() % 4;
      if (rem == 1) {
        clean = clean.substring(0, clean.length() - 1);
      } else if (rem > 0) {
        clean = clean + "=".repeat(4 - rem);
      }
      try {
        return Base64.getDecoder().decode(clean);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '_') {
        out.write(' ');
      } else if (c == '=' && i + 2 < text.length()
          && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
        out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c & 0xff);
      }
    }
    return out.toByteArray();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
