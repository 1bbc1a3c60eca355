package com.complaintflow.processor.errors;

/** Non-Kafka entries placed in the Streams properties for the handlers to read. */
public final class ProcessorConfigKeys {
  /** The TopicCatalog configuration map (serde settings and topic renames). */
  public static final String CATALOG_CONFIG = "complaintflow.catalog.config";
  /** An optional java.time.Clock (tests). */
  public static final String CLOCK_CONFIG = "complaintflow.clock";
  /**
   * An optional {@code Function<Map<String, Object>, Producer<byte[], byte[]>>} that builds the
   * producer of {@link RejectProducer} (tests); default a KafkaProducer.
   */
  public static final String REJECT_PRODUCER_FACTORY_CONFIG = "complaintflow.reject.producer.factory";

  /**
   * The {@link RefusedSources} of this processor instance, shared by its production exception
   * handlers and its case task; {@code StreamsSettings} puts a fresh one in each instance's properties.
   */
  public static final String REFUSED_SOURCES_CONFIG = "complaintflow.refused.sources";

  private ProcessorConfigKeys() {}
}
