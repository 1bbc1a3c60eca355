package com.complaintflow.intake.publish;

/** Kafka or the schema registry cannot take the record now (HTTP 503). */
public class SinkUnavailableException extends RuntimeException {
  public SinkUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
