package com.complaintflow.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a plain socket: it sends exactly the bytes it is given (header
 * values with control characters, bodies in any encoding, lying lengths), which the JDK's
 * HttpClient refuses to do. One request per connection.
 */
final class RawHttp {
  /** The answer; status -1 when the server closed the connection without one. */
  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttp() {}

  static Answer send(int port, String method, String path, Map<String, String> headers, byte[] body) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(60_000);
      ByteArrayOutputStream req = new ByteArrayOutputStream();
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(port).append("\r\n");
      head.append("Connection: close\r\n");
      boolean hasLength = headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Content-Length"));
      if (!hasLength) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("\r\n");
      req.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(req.toByteArray());
      out.flush();
      if (body.length > EARLY_ANSWER_THRESHOLD && earlyAnswer(in)) {
        // the server answered (413) on the headers alone: sending the body now would only make its
        // close reset the connection and destroy the answer, so do what a careful client does
        return parse(readAnswer(in));
      }
      try {
        out.write(body);
        out.flush();
      } catch (IOException writeFailed) {
        // the server may answer and close before the whole body was written: read what it said
      }
      byte[] all;
      try {
        all = readAnswer(in);
      } catch (java.net.SocketTimeoutException timeout) {
        throw timeout;
      } catch (IOException reset) {
        all = new byte[0];
      }
      return parse(all);
    }
  }

  /**
   * Status line and headers, then Content-Length bytes of body (or up to EOF without one): the
   * server may keep the connection open after answering, e.g. while it drains a body it refused.
   */
  private static byte[] readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int b;
    int state = 0;
    while (state < 4 && (b = in.read()) >= 0) {
      out.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
    }
    String head = out.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    int at = head.indexOf("\r\ncontent-length:");
    if (at < 0) {
      out.write(in.readAllBytes());
      return out.toByteArray();
    }
    int eol = head.indexOf("\r\n", at + 2);
    int length = Integer.parseInt(head.substring(at + "\r\ncontent-length:".length(), eol).trim());
    out.write(in.readNBytes(length));
    return out.toByteArray();
  }

  private static final int EARLY_ANSWER_THRESHOLD = 16 * 1024;

  private static boolean earlyAnswer(InputStream in) throws IOException {
    long deadline = System.nanoTime() + 300_000_000L;
    while (System.nanoTime() < deadline) {
      if (in.available() > 0) {
        return true;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private static Answer parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || end < 0) {
      return new Answer(-1, Map.of(), text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    return new Answer(status, headers, text.substring(end + 4));
  }
}
