package com.complaintflow.processor;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point of the stream processor. Starts, then waits for SIGINT/SIGTERM and stops cleanly. */
public final class StreamProcessorMain {
  private static final Logger log = LoggerFactory.getLogger(StreamProcessorMain.class);

  private StreamProcessorMain() {}

  public static void main(String[] args) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("event=stopping service=stream-processor");
      stopped.countDown();
    }, "shutdown"));
    log.info("event=started service=stream-processor");
    stopped.await();
  }
}
