package com.complaintflow.launcher.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.launcher.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The load command's report and exit codes, without a cluster (--dry-run). */
class LoadCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void badRowsAreReportedWithLineAndReasonAndExitCodeIsThree() throws Exception {
    Path file = Files.writeString(dir.resolve("agents.csv"),
        "agent_id,team,skills,capacity\nAG-1,billing,BILLING,5\nAG-2,,BILLING,5\nAG-3,delivery,,x\n");
    assertEquals(LoadCommand.EXIT_SOME_ROWS_BAD, run("load", "agents", file.toString(), "--dry-run"));
    assertTrue(err.toString().contains("rejected line 3: missing-field (team)"), err.toString());
    assertTrue(err.toString().contains("rejected line 4: invalid-capacity (capacity)"), err.toString());
    assertTrue(out.toString().contains("1 agents valid, 2 rows rejected"), out.toString());
  }

  @Test
  void allGoodIsExitCodeZero() throws Exception {
    Path file = Files.writeString(dir.resolve("clients.jsonl"),
        "{\"clientId\":\"C1\",\"tier\":\"A\",\"emails\":[\"a@example.com\"]}\n");
    assertEquals(0, run("load", "clients", file.toString(), "--dry-run"));
    assertTrue(out.toString().contains("1 clients valid, 0 rows rejected"), out.toString());
  }
}
