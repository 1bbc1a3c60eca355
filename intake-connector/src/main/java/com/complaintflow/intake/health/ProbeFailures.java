package com.complaintflow.intake.health;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Says why a probe failed in a few fixed words. /health needs no API key, so its body names no
 * exception class, message or host: those go to the log of the component that failed.
 */
public final class ProbeFailures {
  private ProbeFailures() {}

  /** @param timeout the probe's time limit, named in the answer; null when there is none to name */
  public static String describe(Throwable error, Duration timeout) {
    Throwable t = error;
    for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) { // bounded: causes can form a loop
      if (t instanceof java.util.concurrent.TimeoutException || t instanceof org.apache.kafka.common.errors.TimeoutException
          || t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
        return timeout == null ? "no answer in time" : "no answer within " + timeout.toMillis() + " ms";
      }
      if (t instanceof org.apache.kafka.common.errors.AuthenticationException
          || t instanceof jakarta.mail.AuthenticationFailedException) {
        return "authentication failed";
      }
      if (t instanceof org.apache.kafka.common.errors.AuthorizationException) {
        return "not authorized";
      }
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host";
      }
      if (t instanceof javax.net.ssl.SSLException) {
        return "TLS handshake failed";
      }
    }
    return "unreachable";
  }
}
