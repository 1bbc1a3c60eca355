package com.complaintflow.localbroker;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

/**
 * Runs another main class and ends the JVM when a given process (the launcher) is gone.
 *
 * <pre>java -cp local-broker.jar:... com.complaintflow.localbroker.ParentWatch PID MAIN_CLASS ARGS...</pre>
 *
 * <p>The launcher stops its children itself on Ctrl-C and SIGTERM; this wrapper covers the case
 * where it cannot: it was killed with SIGKILL or crashed. The child then notices within
 * {@link #POLL_MILLIS} and exits normally, so its own shutdown hooks run (Kafka closes its log
 * segments, Quarkus stops); if those hang, the JVM is halted after {@link #HALT_AFTER_MILLIS}.
 * The pid is passed explicitly because an orphan is re-parented at once, so "my parent" would
 * name init, not the launcher.
 */
public final class ParentWatch {
  static final long POLL_MILLIS = 500;
  static final long HALT_AFTER_MILLIS = 30_000;

  private ParentWatch() {}

  public static void main(String[] args) throws Throwable {
    if (args.length < 2) {
      System.err.println("usage: ParentWatch PARENT_PID MAIN_CLASS [ARGS...]");
      System.exit(2);
    }
    long parentPid = Long.parseLong(args[0]);
    watch(parentPid);
    Method main = Class.forName(args[1]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Starts the daemon thread that ends this JVM once {@code parentPid} has exited. */
  static void watch(long parentPid) {
    Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
    Thread watcher = new Thread(() -> {
      try {
        while (parent.isPresent() && parent.get().isAlive()) {
          Thread.sleep(POLL_MILLIS);
        }
      } catch (InterruptedException e) {
        return;
      }
      System.err.println("parent process " + parentPid + " is gone: exiting");
      Thread halter = new Thread(() -> {
        try {
          Thread.sleep(HALT_AFTER_MILLIS);
        } catch (InterruptedException ignored) {
          // exiting anyway
        }
        Runtime.getRuntime().halt(1);
      }, "parent-watch-halt");
      halter.setDaemon(true);
      halter.start();
      System.exit(1);
    }, "parent-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}
