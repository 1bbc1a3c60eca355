package com.complaintflow.faults;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Hostile email messages as raw bytes: broken MIME, deeply nested and very wide multiparts,
 * attachments over the size limit, missing or forged headers, header injection, 8-bit garbage.
 * Each carries a unique Message-ID {@code <hostile-N@faults.test>} unless its breakage is the
 * Message-ID itself.
 */
final class HostileMail {
  private HostileMail() {}

  static List<byte[]> messages(String to, int maxMessageBytes) {
    List<String> out = new ArrayList<>();
    int[] n = {0};
    java.util.function.Function<String, String> head = extra -> "From: Client <client.mail@example.com>\r\nTo: " + to
        + "\r\nMessage-ID: <hostile-" + (n[0]++) + "@faults.test>\r\nDate: Sat, 01 Mar 2025 10:00:00 +0300\r\n" + extra;

    // broken MIME structure
    for (String ct : List.of("multipart/mixed", "multipart/mixed; boundary=", "multipart/mixed; boundary=\"\"",
        "multipart/alternative; boundary=\"never-used\"", "multipart/mixed; boundary=\"b\"; boundary=\"c\"",
        "text/plain; charset=\"no-such-charset\"", "text/plain; charset=utf-7", "text/html; charset=x-unknown",
        "application/x-garbage", "multipart/report; report-type=delivery-status; boundary=\"b\"", "message/rfc822",
        "text/plain; charset=utf-8; format=flowed; delsp=yes; \u0000", "multipart/digest; boundary=b", ";;;", "text")) {
      out.add(head.apply("Subject: broken content type\r\nMIME-Version: 1.0\r\nContent-Type: " + ct + "\r\n\r\n"
          + "--b\r\nContent-Type: text/plain\r\n\r\nbody of a broken multipart\r\n"));
    }
    for (String cte : List.of("base64", "quoted-printable", "8bit", "7-bit", "binary", "uuencode", "x-gzip", "base-64", "rot13")) {
      out.add(head.apply("Subject: transfer encoding " + cte + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
          + "Content-Transfer-Encoding: " + cte + "\r\n\r\n!!!not*valid*base64***=\r\n=ZZ=\r\n\u00ff\u00fe body\r\n"));
    }
    out.add(head.apply("Subject: unterminated multipart\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"u\"\r\n\r\n"
        + "--u\r\nContent-Type: text/plain\r\n\r\nstarts but never ends\r\n--u\r\nContent-Type: application/pdf\r\n"
        + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK"));
    out.add(head.apply("Subject: corrupt base64 in every part\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"c\"\r\n\r\n"
        + "--c\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n%%%%\r\n"
        + "--c\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\n****\r\n--c--\r\n"));
    // nested multiparts: a zip-bomb-like structure of depth d, and one of width w
    for (int depth : new int[] {5, 20, 50, 100, 200, 500}) {
      out.add(head.apply("Subject: nested " + depth + "\r\nMIME-Version: 1.0\r\n" + nested(depth)));
    }
    for (int width : new int[] {100, 1_000, 3_000}) {
      StringBuilder b = new StringBuilder("Subject: wide " + width + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"w\"\r\n\r\n");
      for (int i = 0; i < width; i++) {
        b.append("--w\r\nContent-Type: application/octet-stream; name=\"f").append(i).append(".zip\"\r\n")
            .append("Content-Disposition: attachment; filename=\"f").append(i).append(".zip\"\r\n")
            .append("Content-Transfer-Encoding: base64\r\n\r\nUEsDBAoAAAAAAA==\r\n");
      }
      b.append("--w\r\nContent-Type: text/plain\r\n\r\nmany attachments\r\n--w--\r\n");
      out.add(head.apply(b.toString()));
    }
    for (int i = 0; i < 10; i++) {
      // forwarded messages inside forwarded messages
      String inner = "Subject: innermost\r\n\r\nthe text";
      for (int k = 0; k < 10 + i * 20; k++) {
        inner = "From: f" + k + "@example.com\r\nSubject: Fwd\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n" + inner;
      }
      out.add(head.apply("Subject: forwarded chain " + i + "\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n" + inner));
    }
    // oversize attachments
    for (int k = 0; k < 3; k++) {
      String blob = Base64.getMimeEncoder().encodeToString(new byte[maxMessageBytes + k * 1000]);
      out.add(head.apply("Subject: huge attachment\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"h\"\r\n\r\n"
          + "--h\r\nContent-Type: text/plain\r\n\r\nsee attachment\r\n--h\r\nContent-Type: application/zip; name=\"bomb.zip\"\r\n"
          + "Content-Transfer-Encoding: base64\r\n\r\n" + blob + "\r\n--h--\r\n"));
    }
    // headers: missing, forged, injected, overlong, 8-bit
    // "From: <>" and "From: not an address" are left out: GreenMail cannot build their IMAP ENVELOPE,
    // and the poller retries such a message for ever (see README, known limits)
    for (String from : List.of("", "From:\r\n", "From: a@b@c\r\n",
        "From: =?utf-8?B?!!!?= <x@example.com>\r\n", "From: \"Evil\r\n Bcc: v@example.com\" <x@example.com>\r\n",
        "From: MAILER-DAEMON@example.com\r\n", "From: a@example.com, b@example.com, c@example.com\r\n",
        "From: " + "x".repeat(20_000) + "@example.com\r\n")) {
      out.add("To: " + to + "\r\n" + from + "Message-ID: <hostile-" + (n[0]++) + "@faults.test>\r\nSubject: sender test\r\n\r\nbody\r\n");
    }
    for (String subject : List.of("=?utf-8?B?DQpCY2M6IHZpY3RpbUBleGFtcGxlLmNvbQ==?=", "=?utf-8?Q?=0D=0ABcc:_v@example.com?=",
        "=?klingon?B?AAAA?=", "=?utf-8?X?bad?=", "=?utf-8?B?" + "A".repeat(10_000) + "?=", "x".repeat(100_000),
        "\u00d0\u0096\u00d0\u00b0\u00d0\u00bb raw 8-bit", "<script>alert(1)</script>", "[CF-99999999999999999999] tag overflow",
        "[CF-] [CF-x] [cf-1]", "\u0000\u0001\u0002")) {
      out.add(head.apply("Subject: " + subject + "\r\n\r\nhostile subject\r\n"));
    }
    for (String extra : List.of("In-Reply-To: " + "<x@y>".repeat(5_000) + "\r\n", "References: " + "<r@y> ".repeat(10_000) + "\r\n",
        "Auto-Submitted: auto-replied\r\n", "Precedence: bulk\r\nSubject: Out of office\r\n", "X-Failed-Recipients: a@example.com\r\n",
        "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"m\"\r\n", "Return-Path: <>\r\n")) {
      out.add(head.apply(extra + "Subject: odd headers\r\n\r\nbody\r\n"));
    }
    out.add("From: no-message-id@example.com\r\nTo: " + to + "\r\nSubject: no message id\r\n\r\nthe body\r\n");
    out.add("From: dup-id@example.com\r\nTo: " + to + "\r\nMessage-ID: <>\r\nSubject: empty message id\r\n\r\nthe body\r\n");
    out.add("From: bad-id@example.com\r\nTo: " + to + "\r\nMessage-ID: " + "<".repeat(300) + "\r\nSubject: broken message id\r\n\r\nthe body\r\n");
    // hostile bodies
    for (String body : HostileInputs.SCRIPTS) {
      out.add(head.apply("Subject: html\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>" + body
          + "<p>complaint</p></body></html>\r\n"));
    }
    out.add(head.apply("Subject: null bytes\r\n\r\n\u0000\u0000\u0000 nul body \u0000\r\n"));
    out.add(head.apply("Subject: no body"));
    out.add(head.apply("Subject: long line\r\n\r\n" + "a".repeat(200_000) + "\r\n"));
    out.add(head.apply("Subject: headers only\r\n\r\n"));
    out.add("garbage without any header structure \u0000\u00ff\r\n\r\n\r\n");
    List<byte[]> bytes = new ArrayList<>();
    for (String s : out) {
      bytes.add(s.getBytes(StandardCharsets.ISO_8859_1));
    }
    return bytes;
  }

  private static String nested(int depth) {
    StringBuilder open = new StringBuilder();
    StringBuilder close = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      open.append("Content-Type: multipart/mixed; boundary=\"n").append(i).append("\"\r\n\r\n--n").append(i).append("\r\n");
      close.insert(0, "\r\n--n" + i + "--\r\n");
    }
    return open + "Content-Type: text/plain\r\n\r\ndeep inside" + close;
  }
}
