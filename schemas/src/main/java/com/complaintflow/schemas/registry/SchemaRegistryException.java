package com.complaintflow.schemas.registry;

/**
 * A registry call that failed. {@link #status()} is the HTTP status (0 when no response came);
 * {@link #errorCode()} is the registry's own error code where it sent one (e.g. 40401 unknown
 * subject, 40403 unknown schema id, 409 incompatible schema).
 */
public class SchemaRegistryException extends RuntimeException {
  private final int status;
  private final int errorCode;

  public SchemaRegistryException(String message, int status, int errorCode, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, int status, int errorCode) {
    this(message, status, errorCode, null);
  }

  public int status() {
    return status;
  }

  public int errorCode() {
    return errorCode;
  }

  public boolean isNotFound() {
    return status == 404;
  }

  public boolean isIncompatible() {
    return status == 409;
  }

  /** True for failures worth retrying: no response, or a 5xx. */
  public boolean isRetriable() {
    return status == 0 || status >= 500;
  }
}
