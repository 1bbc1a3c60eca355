package com.complaintflow.localbroker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where the local broker's classes are: this module's jar (for {@link ParentWatch}) plus the
 * runtime classpath of {@code kafka_2.13} and its SLF4J binding, recorded at build time. Reading
 * it needs no Kafka class, so the launcher can use it with only this jar on its own classpath.
 */
public final class BrokerClasspath {
  static final String RESOURCE = "broker.classpath";
  /** Logback configuration for the broker JVM (a classpath resource, see logback.configurationFile). */
  public static final String LOGBACK_RESOURCE = "com/complaintflow/localbroker/broker-logback.xml";

  private BrokerClasspath() {}

  /** The full classpath of the broker JVM, entries separated by the platform path separator. */
  public static String classpath() {
    String recorded = recorded();
    return recorded.isEmpty() ? ownLocation().toString()
        : ownLocation() + System.getProperty("path.separator") + recorded;
  }

  /** This module's jar (or classes directory): add it to any child JVM that runs {@link ParentWatch}. */
  public static Path ownLocation() {
    try {
      return Path.of(BrokerClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the local-broker classes: " + e.getMessage(), e);
    }
  }

  static String recorded() {
    try (InputStream in = BrokerClasspath.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the broker classpath was not recorded (" + RESOURCE
            + " missing): rebuild the local-broker module");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
