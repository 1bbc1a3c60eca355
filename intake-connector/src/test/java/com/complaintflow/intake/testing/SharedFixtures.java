package com.complaintflow.intake.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates ../shared/fixtures; tests skip cleanly when it is absent. */
public final class SharedFixtures {
  private SharedFixtures() {}

  public static Path emailDir() {
    String prop = System.getProperty("complaintflow.shared.dir");
    Path shared = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
    Path dir = shared.resolve("fixtures").resolve("email");
    Assumptions.assumeTrue(Files.isDirectory(dir), "no email fixtures at " + dir.toAbsolutePath());
    return dir;
  }
}
