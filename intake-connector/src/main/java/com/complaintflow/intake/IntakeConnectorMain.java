package com.complaintflow.intake;

import com.complaintflow.common.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the intake connector: {@code IntakeConnectorMain [config.properties]}. Settings
 * come from the file and from COMPLAINTFLOW_* environment variables. On SIGTERM/SIGINT it stops
 * accepting input, flushes the producer and closes the mailboxes.
 */
public final class IntakeConnectorMain {
  private static final Logger log = LoggerFactory.getLogger(IntakeConnectorMain.class);

  private IntakeConnectorMain() {}

  public static void main(String[] args) throws Exception {
    Path file = args.length > 0 ? Path.of(args[0]) : null;
    IntakeService service;
    try {
      IntakeConfig config = new IntakeConfig(ConfigLoader.load(IntakeConfig.CONFIG_DEF, file, System.getenv(),
          IntakeConfig.KAFKA_PREFIX, "mail.", "topic.", "schema.registry."));
      service = new IntakeService(config, Clock.systemUTC());
      try {
        service.start();
      } catch (ConfigException e) {
        service.stop();
        throw e;
      }
    } catch (ConfigException e) {
      // the message names the key to change (never a password); a stack trace would add nothing
      log.error("event=intake-config-invalid error={}", e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("event=stopping service=intake-connector");
      service.stop();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
  }
}
