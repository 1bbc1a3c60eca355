package com.complaintflow.launcher.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;

/** A stand-in service for tests: writes the COMPLAINTFLOW_* environment it got to env.txt, then waits. */
public final class EnvEchoService {
  private EnvEchoService() {}

  public static void main(String[] args) throws Exception {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(System.getenv()).forEach((k, v) -> {
      if (k.startsWith("COMPLAINTFLOW_")) {
        out.append(k).append('=').append(v).append('\n');
      }
    });
    Path tmp = Path.of("env.txt.tmp");
    Files.writeString(tmp, out);
    Files.move(tmp, Path.of("env.txt"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    Thread.sleep(Long.MAX_VALUE);
  }
}
