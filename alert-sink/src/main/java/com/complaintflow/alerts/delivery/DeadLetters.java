package com.complaintflow.alerts.delivery;

import com.complaintflow.schemas.avro.DeadAlert;

/** Where undeliverable alerts go, with the reason. Returns once the record is durable. */
public interface DeadLetters {
  void publish(DeadAlert dead);
}
