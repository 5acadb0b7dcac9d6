package io.cxengage.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengage.dsl.DslError;
import io.cxengage.dsl.PatternLanguage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every conformance case: the patterns of cases with {@code expectErrors} give those errors (same
 * field, line and, where named, column); every pattern of the other cases checks clean.
 */
class ConformanceChecksTest {

  static final Path CASES = io.cxengage.dsl.ConformanceDir.locate();

  @TestFactory
  Stream<DynamicTest> everyCase() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(CASES)) {
      files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(28);
    return files.stream()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
  }

  private static void check(Path file) throws IOException {
    JsonNode c = new ObjectMapper().readTree(file.toFile());
    Set<String> templates = new HashSet<>();
    c.path("templates").fieldNames().forEachRemaining(templates::add);
    List<DslError> errors = new ArrayList<>();
    for (JsonNode p : c.path("patterns")) {
      errors.addAll(
          PatternLanguage.validate(p.path("when").asText(), p.path("then").asText(), templates));
    }
    if (c.has("expectErrors")) {
      for (JsonNode expected : c.get("expectErrors")) {
        assertThat(errors)
            .as("errors of %s: %s", file.getFileName(), errors)
            .anySatisfy(
                e -> {
                  assertThat(e.field()).isEqualTo(expected.get("field").asText());
                  assertThat(e.line()).isEqualTo(expected.get("line").asInt());
                  if (expected.has("column")) {
                    assertThat(e.column()).isEqualTo(expected.get("column").asInt());
                  }
                });
      }
    } else {
      assertThat(errors).as("errors of %s", file.getFileName()).isEmpty();
    }
  }
}
