package com.complaintflow.processor.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global stores (the contact-point index and the agents table) from stopping a restart.
 * Under exactly-once, Kafka Streams refuses to open a RocksDB store that was not closed cleanly;
 * for a task's store it wipes the store and restores it from its changelog, but for a global store
 * the global thread dies and every later start finds the store the same way (KAFKA-21034, seen
 * here after a SIGKILL with 100,000 clients in the index). The global stores are rebuilt from
 * their source topics at every start anyway, so this guard deletes their directory before the
 * start unless the previous stop closed them cleanly, which it records in a marker file beside the
 * application's state directory.
 */
public final class GlobalStateGuard {
  private static final Logger log = LoggerFactory.getLogger(GlobalStateGuard.class);

  private GlobalStateGuard() {}

  /** Kafka Streams' directory of the global stores. */
  static Path globalDir(Path stateDir, String applicationId) {
    return stateDir.resolve(applicationId).resolve("global");
  }

  static Path marker(Path stateDir, String applicationId) {
    return stateDir.resolve(applicationId + ".global-stores-closed");
  }

  /**
   * Before the start: deletes the global stores' directory unless the last stop closed them
   * cleanly, and forgets that mark (a crash from now on must not find it). True when deleted.
   */
  public static boolean beforeStart(Path stateDir, String applicationId) {
    Path global = globalDir(stateDir, applicationId);
    Path marker = marker(stateDir, applicationId);
    try {
      boolean clean = Files.deleteIfExists(marker);
      if (clean || !Files.isDirectory(global)) {
        return false;
      }
      try (Stream<Path> paths = Files.walk(global)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> {
          try {
            Files.delete(p);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
      log.warn("event=global-stores-reset reason=unclean-stop dir={} action=rebuild-from-topics", global);
      return true;
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException("cannot prepare the global stores in " + global + ": " + e.getMessage(), e);
    }
  }

  /** After a clean close: the global stores may be reused by the next start. */
  public static void afterCleanStop(Path stateDir, String applicationId) {
    try {
      Files.createDirectories(stateDir);
      Files.writeString(marker(stateDir, applicationId), "closed cleanly\n");
    } catch (IOException e) {
      log.warn("event=global-stores-mark-failed error={} effect=next-start-rebuilds-them", e.toString());
    }
  }
}
