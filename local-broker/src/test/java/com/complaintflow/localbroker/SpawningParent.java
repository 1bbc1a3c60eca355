package com.complaintflow.localbroker;

import java.nio.file.Path;

/** Test helper JVM: starts a child under ParentWatch watching this JVM, prints its pid, then waits to be killed. */
public final class SpawningParent {
  private SpawningParent() {}

  public static void main(String[] args) throws Exception {
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        ParentWatch.class.getName(), Long.toString(ProcessHandle.current().pid()),
        Sleeper.class.getName())
        .inheritIO()
        .start();
    System.out.println(child.pid());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Sleeps until its JVM is ended. */
  public static final class Sleeper {
    private Sleeper() {}

    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
