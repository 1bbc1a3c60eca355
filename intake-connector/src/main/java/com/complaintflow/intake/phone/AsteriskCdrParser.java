package com.complaintflow.intake.phone;

import com.complaintflow.intake.normalize.Reasons;
import com.complaintflow.intake.normalize.RejectException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Asterisk CDR lines in the standard Master.csv column order: accountcode, src, dst,
 * dcontext, clid, channel, dstchannel, lastapp, lastdata, start, answer, end, duration, billsec,
 * disposition, amaflags, uniqueid, userfield (later columns such as linkedid are kept as
 * attributes when present).
 *
 * <p>Input is split into lines on raw bytes before decoding, and each line is decoded as UTF-8
 * with replacement: a caller-id name in Latin-1 or cp1251 costs some characters, never the line.
 */
public final class AsteriskCdrParser {
  public static final int MIN_COLUMNS = 18;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Pattern CLID = Pattern.compile("^\\s*\"?(.*?)\"?\\s*<([^>]*)>\\s*$");
  private final ZoneId zone;

  public AsteriskCdrParser(ZoneId zone) {
    this.zone = zone;
  }

  /** Raw lines of a CDR body or file; blank lines are skipped. */
  public static List<byte[]> splitLines(byte[] body) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == '\n') {
        int end = i;
        if (end > start && body[end - 1] == '\r') {
          end--;
        }
        byte[] line = java.util.Arrays.copyOfRange(body, start, end);
        if (!new String(line, StandardCharsets.ISO_8859_1).isBlank()) {
          lines.add(line);
        }
        start = i + 1;
      }
    }
    return lines;
  }

  /** UTF-8 with U+FFFD for bytes that are not UTF-8; records whether any were replaced. */
  public static String decode(byte[] line, Map<String, String> attributes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(line)).toString();
    } catch (CharacterCodingException e) {
      attributes.put("cdr.invalidUtf8", "true");
      return new String(line, StandardCharsets.UTF_8); // String(byte[], UTF_8) replaces, never throws
    }
  }

  public CallRecord parse(byte[] rawLine) throws RejectException {
    Map<String, String> attributes = new HashMap<>();
    String line = decode(rawLine, attributes);
    List<String> f = splitCsv(line);
    if (f.size() < MIN_COLUMNS) {
      throw new RejectException(Reasons.MALFORMED_CSV,
          "expected at least " + MIN_COLUMNS + " CDR columns, found " + f.size());
    }
    String uniqueId = f.get(16).trim();
    if (uniqueId.isEmpty()) {
      throw new RejectException(Reasons.MALFORMED_CSV, "uniqueid (column 17) is empty");
    }
    String src = f.get(1).trim();
    String name = null;
    Matcher clid = CLID.matcher(f.get(4));
    if (clid.matches()) {
      name = clid.group(1).isBlank() ? null : clid.group(1).trim();
      if (src.isEmpty()) {
        src = clid.group(2).trim();
      }
    }
    Instant start = time(f.get(9), "start");
    Instant answer = time(f.get(10), "answer");
    Instant end = time(f.get(11), "end");
    Long duration = number(f.get(12), "duration");
    Long billsec = number(f.get(13), "billsec");
    String lastApp = f.get(7).trim();
    String queue = "Queue".equalsIgnoreCase(lastApp) ? f.get(8).split("[,|]")[0].trim() : f.get(3).trim();
    putIfPresent(attributes, "cdr.accountcode", f.get(0));
    putIfPresent(attributes, "cdr.dst", f.get(2));
    putIfPresent(attributes, "cdr.dcontext", f.get(3));
    putIfPresent(attributes, "cdr.channel", f.get(5));
    putIfPresent(attributes, "cdr.dstchannel", f.get(6));
    putIfPresent(attributes, "cdr.lastapp", lastApp);
    putIfPresent(attributes, "cdr.amaflags", f.get(15));
    if (billsec != null) {
      attributes.put("cdr.billsec", billsec.toString());
    }
    if (f.size() > 18) {
      putIfPresent(attributes, "cdr.linkedid", f.get(18));
    }
    // userfield is where dialplans and agent desktops leave a note about the call
    String userfield = f.get(17).isBlank() ? null : f.get(17).trim();
    return new CallRecord(uniqueId, src, name, f.get(2), null, queue, null, start, answer, end,
        duration, f.get(14), userfield, null, null, attributes);
  }

  private Instant time(String s, String column) throws RejectException {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(s.trim(), TIME).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      throw new RejectException(Reasons.MALFORMED_CSV, column + " is not a 'yyyy-MM-dd HH:mm:ss' time");
    }
  }

  private static Long number(String s, String column) throws RejectException {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new RejectException(Reasons.MALFORMED_CSV, column + " is not a whole number");
    }
  }

  private static void putIfPresent(Map<String, String> m, String k, String v) {
    if (v != null && !v.isBlank()) {
      m.put(k, v.trim());
    }
  }

  /** RFC 4180 fields: quotes around a field, "" for a quote inside; an unterminated quote is malformed. */
  static List<String> splitCsv(String line) throws RejectException {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"' && cur.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
        wasQuoted = false;
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new RejectException(Reasons.MALFORMED_CSV, "unterminated quoted field in column " + (out.size() + 1));
    }
    out.add(cur.toString());
    return out;
  }
}
