package com.complaintflow.intake.publish;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waiting for an acknowledgement, with the producer's failures unwrapped to their own types. */
public final class Acks {
  private Acks() {}

  public static void await(CompletableFuture<Void> ack, Duration timeout) {
    try {
      ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkUnavailableException("interrupted while waiting for Kafka", e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new SinkUnavailableException("Kafka did not acknowledge within " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof BufferFullException b) {
        throw b;
      }
      if (cause instanceof SinkUnavailableException s) {
        throw s;
      }
      throw new SinkUnavailableException("Kafka refused the record: " + cause, cause);
    }
  }
}
