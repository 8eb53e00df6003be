package org.sightline.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;

/** Fails the build when a schema change breaks backward compatibility with a released copy. */
class SchemaCompatibilityTest {

  private static final Path RELEASED =
      Path.of(System.getProperty("sightline.schemas.released", "released"));

  @Test
  void everyTopLevelSchemaHasAReleasedCopy() throws IOException {
    for (Schema current : Contract.TOP_LEVEL) {
      assertThat(releasedCopies(current.getName()))
          .as(
              "%s has no released copy under %s: freeze it with ReleaseSchemas",
              current.getName(), RELEASED)
          .isNotEmpty();
    }
  }

  @Test
  void currentSchemasReadEveryReleasedVersion() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Schema current : Contract.TOP_LEVEL) {
      for (Path copy : releasedCopies(current.getName())) {
        Schema released = new Schema.Parser().parse(copy.toFile());
        var result =
            SchemaCompatibility.checkReaderWriterCompatibility(current, released).getResult();
        if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
          problems.add(
              current.getName()
                  + " cannot read data written with "
                  + copy
                  + ": "
                  + result.getIncompatibilities());
        }
      }
    }
    assertThat(problems).as("backward-incompatible schema changes").isEmpty();
  }

  @Test
  void aBreakingChangeIsDetected() {
    Schema released =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
    Schema addsRequiredField =
        new Schema.Parser()
            .parse(
                "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
                    + "{\"name\":\"b\",\"type\":\"int\"}]}");
    assertThat(
            SchemaCompatibility.checkReaderWriterCompatibility(addsRequiredField, released)
                .getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  private static List<Path> releasedCopies(String name) throws IOException {
    if (!Files.isDirectory(RELEASED)) {
      return List.of();
    }
    try (Stream<Path> versions = Files.list(RELEASED)) {
      return versions
          .map(v -> v.resolve(name + ".avsc"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    }
  }
}
