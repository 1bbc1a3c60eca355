package com.complaintflow.intake.http;

import com.sun.net.httpserver.Headers;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** A request after authentication and the body-size check: everything a route handler needs. */
public record ApiRequest(String method, String path, Headers headers, byte[] body, String requestId, Instant receivedAt) {

  /** The media type without parameters, lower-cased; empty when absent. */
  public String mediaType() {
    String ct = headers.getFirst("Content-Type");
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }

  /** The charset parameter when given and known, else UTF-8. */
  public Charset charset() {
    String ct = headers.getFirst("Content-Type");
    if (ct != null) {
      for (String param : ct.split(";")) {
        String p = param.trim();
        if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
          String name = p.substring(8).replace("\"", "").trim();
          try {
            return Charset.forName(name);
          } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
          }
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  public String bodyText() {
    return new String(body, charset());
  }

  public String header(String name) {
    return headers.getFirst(name);
  }
}
