package com.complaintflow.launcher;

import com.complaintflow.launcher.stack.Endpoints;
import java.util.List;

/** Sample endpoints for tests that need a configured stack without starting one. */
public final class LauncherFixtures {
  private LauncherFixtures() {}

  public static Endpoints endpoints() {
    return new Endpoints("localhost:19092", "http://localhost:18081/apis/ccompat/v7",
        new Endpoints.Intake("http://localhost:18080/api/v1", "http://localhost:18080/health", "key-1"),
        new Endpoints.Mail("localhost", 3025, "localhost", 3143,
            new Endpoints.Mailbox("complaints@complaintflow.local", "complaints", "pw-c"),
            List.of(new Endpoints.Mailbox("supervisors@complaintflow.local", "supervisors", "pw-s")), "-"),
        "/tmp/data", "/tmp/data/logs");
  }
}
