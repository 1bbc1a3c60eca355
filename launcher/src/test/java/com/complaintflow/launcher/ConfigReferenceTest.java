package com.complaintflow.launcher;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.complaintflow.intake.IntakeConfig;
import com.complaintflow.processor.config.ProcessorConfig;
import com.complaintflow.alerts.AlertSinkConfig;
import com.complaintflow.schemas.serde.AvroSerdeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is generated; this fails as soon as a ConfigDef changes and the file was not regenerated. */
class ConfigReferenceTest {
  private static final Path FILE = Path.of("..", "docs", "configuration.md").toAbsolutePath().normalize();

  @Test
  void checkedInReferenceIsTheGeneratedOne() throws Exception {
    assertTrue(Files.exists(FILE), FILE + " is missing; generate it with (at the repository root) "
        + ConfigReference.REGENERATE);
    String generated = ConfigReference.markdown();
    String checkedIn = Files.readString(FILE, StandardCharsets.UTF_8);
    if (!generated.equals(checkedIn)) {
      String[] want = generated.split("\n", -1);
      String[] have = checkedIn.split("\n", -1);
      int line = 0;
      while (line < Math.min(want.length, have.length) && want[line].equals(have[line])) {
        line++;
      }
      fail("docs/configuration.md is stale: a configuration definition changed. Regenerate it at the repository"
          + " root with: " + ConfigReference.REGENERATE + "\nfirst difference at line " + (line + 1)
          + ":\n  generated: " + (line < want.length ? want[line] : "(end)")
          + "\n  in file:   " + (line < have.length ? have[line] : "(end)"));
    }
  }

  @Test
  void everyKeyOfEveryDefinitionIsDocumented() {
    String doc = ConfigReference.markdown();
    for (var def : new org.apache.kafka.common.config.ConfigDef[] {AvroSerdeConfig.CONFIG_DEF, IntakeConfig.CONFIG_DEF,
        ProcessorConfig.DEFINITION, AlertSinkConfig.CONFIG}) {
      for (String key : def.names()) {
        assertTrue(doc.contains("| `" + key + "` |"), key + " documented");
      }
    }
  }
}
