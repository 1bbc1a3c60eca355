package com.complaintflow.alerts;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of the alert sink. Starts, then waits for SIGINT/SIGTERM and stops cleanly. */
public final class AlertSinkMain {
  private static final Logger log = LoggerFactory.getLogger(AlertSinkMain.class);

  private AlertSinkMain() {}

  public static void main(String[] args) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("event=stopping service=alert-sink");
      stopped.countDown();
    }, "shutdown"));
    log.info("event=started service=alert-sink");
    stopped.await();
  }
}
