package com.complaintflow.processor.errors;

/** Non-Kafka entries placed in the Streams properties for the handlers to read. */
public final class ProcessorConfigKeys {
  /** The TopicCatalog configuration map (serde settings and topic renames). */
  public static final String CATALOG_CONFIG = "complaintflow.catalog.config";
  /** An optional java.time.Clock (tests). */
  public static final String CLOCK_CONFIG = "complaintflow.clock";

  private ProcessorConfigKeys() {}
}
