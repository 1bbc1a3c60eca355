package com.complaintflow.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.complaintflow.schemas.avro.Agent;
import com.complaintflow.schemas.avro.Alert;
import com.complaintflow.schemas.avro.CaseAction;
import com.complaintflow.schemas.avro.CaseEvent;
import com.complaintflow.schemas.avro.Client;
import com.complaintflow.schemas.avro.Complaint;
import com.complaintflow.schemas.avro.DeadAlert;
import com.complaintflow.schemas.avro.RejectedInput;
import com.complaintflow.schemas.avro.ResolvedCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The schema-evolution gate. Every released version of each wire type is kept in
 * {@code src/main/released/<Type>/v<N>.avsc}; the current schema must be able to read data
 * written with every one of them (BACKWARD_TRANSITIVE), as the registry will demand in production.
 *
 * <p>To release the current schemas (after a change that passes this gate), run
 * {@code mvn -pl schemas test -Dtest=SchemaEvolutionTest -Dcomplaintflow.schemas.release=true}:
 * it writes a new version file for each type whose schema changed.
 */
class SchemaEvolutionTest {
  static final Path RELEASED = Path.of("src", "main", "released");

  static Stream<Schema> wireTypes() {
    return Stream.of(Complaint.getClassSchema(), RejectedInput.getClassSchema(),
        Client.getClassSchema(), Agent.getClassSchema(), CaseAction.getClassSchema(),
        CaseEvent.getClassSchema(), Alert.getClassSchema(), DeadAlert.getClassSchema(),
        ResolvedCase.getClassSchema());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wireTypes")
  void currentSchemaReadsEveryReleasedVersion(Schema current) throws IOException {
    if (Boolean.getBoolean("complaintflow.schemas.release")) {
      release(current);
    }
    List<Path> released = releasedVersions(current);
    assertFalse(released.isEmpty(), "no released version of " + current.getName() + " in "
        + RELEASED.resolve(current.getName()) + ": release it (see class comment)");
    for (Path file : released) {
      Schema old = new Schema.Parser().parse(file.toFile());
      var result = SchemaCompatibility.checkReaderWriterCompatibility(current, old);
      if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
        fail(current.getName() + " is not BACKWARD compatible with released " + file
            + ": " + result.getResult().getIncompatibilities());
      }
    }
  }

  @Test
  void theGateRefusesABreakingChange() {
    Schema released = Complaint.getClassSchema();
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : released.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    fields.add(new Schema.Field("mandatoryNew", Schema.create(Schema.Type.STRING), null));
    Schema broken = Schema.createRecord(released.getName(), null, released.getNamespace(), false,
        fields);
    assertEquals(SchemaCompatibilityType.INCOMPATIBLE,
        SchemaCompatibility.checkReaderWriterCompatibility(broken, released).getType());
  }

  private static List<Path> releasedVersions(Schema schema) throws IOException {
    Path dir = RELEASED.resolve(schema.getName());
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches("v\\d+\\.avsc"))
          .sorted(Comparator.comparingInt(SchemaEvolutionTest::versionOf))
          .toList();
    }
  }

  private static int versionOf(Path file) {
    String name = file.getFileName().toString();
    return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
  }

  private static void release(Schema current) throws IOException {
    List<Path> released = new ArrayList<>(releasedVersions(current));
    if (!released.isEmpty()) {
      Path latest = released.get(released.size() - 1);
      if (new Schema.Parser().parse(latest.toFile()).equals(current)) {
        return;
      }
    }
    Path dir = Files.createDirectories(RELEASED.resolve(current.getName()));
    int next = released.isEmpty() ? 1 : versionOf(released.get(released.size() - 1)) + 1;
    Files.writeString(dir.resolve("v" + next + ".avsc"), current.toString(true) + "\n");
  }
}
