package com.complaintflow.intake.publish;

/** The producer's buffer is full: the caller should retry later (HTTP 429) rather than queue without bound. */
public class BufferFullException extends RuntimeException {
  public BufferFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
