package com.complaintflow.processor.rules;

import com.complaintflow.schemas.avro.Category;
import com.complaintflow.schemas.avro.Priority;

/** Result of classifying a complaint's text. */
public record Classification(Category category, Priority priority, boolean legal) {

  /** A-status clients get one level more (URGENT stays URGENT). */
  public Classification raisedForKeyClient() {
    Priority raised = switch (priority) {
      case LOW -> Priority.NORMAL;
      case NORMAL -> Priority.HIGH;
      default -> Priority.URGENT;
    };
    return new Classification(category, raised, legal);
  }
}
