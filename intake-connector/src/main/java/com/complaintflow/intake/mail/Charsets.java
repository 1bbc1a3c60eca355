package com.complaintflow.intake.mail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes text in the charset a message declares, and survives when it lies or names one Java
 * does not know. Rules, in order:
 * <ol>
 *   <li>UTF-7 (not in the JRE) is decoded here.</li>
 *   <li>Pure ASCII bytes are ASCII whatever the label says (for ASCII-compatible charsets).</li>
 *   <li>No label, us-ascii, or an unknown label: strict UTF-8 if the bytes are valid UTF-8,
 *       else windows-1252 (a superset of Latin-1 that maps every byte).</li>
 *   <li>A single-byte label on bytes that are valid multi-byte UTF-8: UTF-8 (a mislabelled
 *       UTF-8 mail; real cp1251/latin-1 text is practically never valid UTF-8).</li>
 *   <li>Otherwise the declared charset, with U+FFFD for bytes it cannot map.</li>
 * </ol>
 */
public final class Charsets {
  private static final Map<String, String> ALIASES = Map.of(
      "x-mac-cyrillic", "x-MacCyrillic",
      "mac-cyrillic", "x-MacCyrillic",
      "maccyrillic", "x-MacCyrillic",
      "x-mac-ukrainian", "x-MacUkraine",
      "utf8", "UTF-8",
      "win-1251", "windows-1251",
      "ansi_x3.4-1968", "US-ASCII");
  private static final Charset CP1252 = Charset.forName("windows-1252");

  private Charsets() {}

  /** The charset for a MIME label, or null when Java does not know it. */
  public static Charset lookup(String label) {
    if (label == null || label.isBlank()) {
      return null;
    }
    String l = label.trim().replace("\"", "").toLowerCase(Locale.ROOT);
    int star = l.indexOf('*'); // RFC 2231 language suffix
    if (star > 0) {
      l = l.substring(0, star);
    }
    String name = ALIASES.getOrDefault(l, l);
    try {
      return Charset.forName(name);
    } catch (RuntimeException e) {
      return null;
    }
  }

  public static boolean isUtf7(String label) {
    if (label == null) {
      return false;
    }
    String l = label.trim().toLowerCase(Locale.ROOT);
    return l.equals("utf-7") || l.equals("unicode-1-1-utf-7") || l.equals("x-unicode-2-0-utf-7");
  }

  public static String decode(byte[] bytes, String label) {
    if (isUtf7(label)) {
      return decodeUtf7(new String(bytes, StandardCharsets.US_ASCII));
    }
    Charset declared = lookup(label);
    boolean asciiCompatible = declared == null || !isStateful(declared);
    if (asciiCompatible && isAscii(bytes)) {
      return new String(bytes, StandardCharsets.US_ASCII);
    }
    if (declared == null || declared.equals(StandardCharsets.US_ASCII)) {
      String utf8 = strictUtf8(bytes);
      return utf8 != null ? utf8 : new String(bytes, CP1252);
    }
    if (isSingleByte(declared)) {
      String utf8 = strictUtf8(bytes);
      if (utf8 != null) {
        return utf8;
      }
    }
    return new String(bytes, declared);
  }

  /** Which charset {@link #decode} actually used, for the record. */
  public static String effectiveName(byte[] bytes, String label) {
    if (isUtf7(label)) {
      return "UTF-7";
    }
    Charset declared = lookup(label);
    if ((declared == null || !isStateful(declared)) && isAscii(bytes)) {
      return declared == null ? "US-ASCII" : declared.name();
    }
    if (declared == null || declared.equals(StandardCharsets.US_ASCII)) {
      return strictUtf8(bytes) != null ? "UTF-8" : "windows-1252";
    }
    if (isSingleByte(declared) && strictUtf8(bytes) != null) {
      return "UTF-8";
    }
    return declared.name();
  }

  static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  public static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean isStateful(Charset cs) {
    String n = cs.name().toUpperCase(Locale.ROOT);
    return n.startsWith("ISO-2022") || n.startsWith("UTF-16") || n.startsWith("UTF-32") || n.equals("HZ");
  }

  private static boolean isSingleByte(Charset cs) {
    return cs.newEncoder().maxBytesPerChar() <= 1.0f;
  }

  /** RFC 2152 UTF-7: "+" starts modified base64 of UTF-16BE, "-" or any non-base64 char ends it, "+-" is "+". */
  public static String decodeUtf7(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '+') {
        out.append(c);
        i++;
        continue;
      }
      int j = i + 1;
      while (j < s.length() && isBase64Char(s.charAt(j))) {
        j++;
      }
      if (j == i + 1) {
        out.append('+');
      } else {
        String b64 = s.substring(i + 1, j);
        int usable = b64.length() - (b64.length() % 4 == 1 ? 1 : 0);
        String padded = b64.substring(0, usable) + "==".substring(0, (4 - usable % 4) % 4 > 2 ? 2 : (4 - usable % 4) % 4);
        try {
          byte[] utf16 = Base64.getDecoder().decode(padded);
          int even = utf16.length - (utf16.length % 2);
          ByteArrayOutputStream bo = new ByteArrayOutputStream();
          bo.write(utf16, 0, even);
          out.append(new String(bo.toByteArray(), StandardCharsets.UTF_16BE));
        } catch (IllegalArgumentException e) {
          out.append(s, i, j);
        }
      }
      i = j;
      if (i < s.length() && s.charAt(i) == '-') {
        i++;
      }
    }
    return out.toString();
  }

  private static boolean isBase64Char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
  }
}
