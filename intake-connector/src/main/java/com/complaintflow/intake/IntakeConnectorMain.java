package com.complaintflow.intake;

import com.complaintflow.common.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
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
    IntakeConfig config = new IntakeConfig(
        ConfigLoader.load(IntakeConfig.CONFIG_DEF, file, System.getenv(), IntakeConfig.KAFKA_PREFIX, "mail.", "topic.", "schema.registry."));
    IntakeService service = new IntakeService(config, Clock.systemUTC()).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("event=stopping service=intake-connector");
      service.stop();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
  }
}
