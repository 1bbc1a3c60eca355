package com.complaintflow.alerts.delivery;

/**
 * Durable record of what happened to each (alert id, recipient): consulted before sending so
 * that a replay after a restart sends nothing twice.
 */
public interface OutcomeStore {
  enum Outcome { SENT, DEAD }

  static String key(String alertId, String recipient) {
    return alertId + "|" + recipient.toLowerCase(java.util.Locale.ROOT);
  }

  boolean contains(String key);

  /** Returns once the record is durable. */
  void record(String key, Outcome outcome);
}
