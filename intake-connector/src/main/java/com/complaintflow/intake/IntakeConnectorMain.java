package com.complaintflow.intake;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of the intake connector. Starts, then waits for SIGINT/SIGTERM and stops cleanly. */
public final class IntakeConnectorMain {
  private static final Logger log = LoggerFactory.getLogger(IntakeConnectorMain.class);

  private IntakeConnectorMain() {}

  public static void main(String[] args) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("event=stopping service=intake-connector");
      stopped.countDown();
    }, "shutdown"));
    log.info("event=started service=intake-connector");
    stopped.await();
  }
}
