package com.complaintflow.localbroker;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A child under ParentWatch ends by itself when its parent is killed with SIGKILL. */
class ParentWatchIT {

  @Test
  void childExitsWhenParentIsKilled() throws Exception {
    Process parent = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        SpawningParent.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    long childPid;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      childPid = Long.parseLong(out.readLine().trim());
      Optional<ProcessHandle> child = ProcessHandle.of(childPid);
      assertTrue(child.isPresent() && child.get().isAlive(), "child running before the parent dies");

      parent.destroyForcibly().waitFor();

      long deadline = System.nanoTime() + 15_000_000_000L;
      while (child.get().isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      boolean stillAlive = child.get().isAlive();
      if (stillAlive) {
        child.get().destroyForcibly();
      }
      assertFalse(stillAlive, "child " + childPid + " still alive 15 s after its parent was killed");
    }
  }
}
