package io.cxengage.dsl.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.ast.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The oracle agrees with every conformance case whose reaction is one plain send per match: the
 * (pattern, key, time) of each expected reaction is a match the oracle finds, and no more.
 */
class ReferenceMatcherConformanceTest {

  @TestFactory
  Stream<DynamicTest> oracleAgreesWithConformance() throws Exception {
    Path dir = io.cxengage.dsl.ConformanceDir.locate();
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    List<DynamicTest> tests = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    for (Path f : files) {
      JsonNode c = mapper.readTree(f.toFile());
      if (!c.has("events") || !singleSendPerMatch(c)) {
        continue;
      }
      tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(c)));
    }
    assertThat(tests).hasSizeGreaterThan(10);
    return tests.stream();
  }

  private static boolean singleSendPerMatch(JsonNode c) {
    for (JsonNode p : c.get("patterns")) {
      String then = p.get("then").asText();
      if (!then.startsWith("(send echo message {:message \"") || then.contains("(failure")) {
        return false;
      }
    }
    return true;
  }

  private static void check(JsonNode c) {
    String keyAttr = c.get("keyAttribute").asText();
    List<String> actual = new ArrayList<>();
    for (JsonNode p : c.get("patterns")) {
      if (!p.path("status").asBoolean()) {
        continue;
      }
      Trigger when = PatternLanguage.checkWhen(p.get("when").asText()).orThrow();
      Map<String, List<ReferenceMatcher.Input>> byKey = new LinkedHashMap<>();
      int n = 0;
      for (JsonNode e : c.get("events")) {
        String key = e.get("event").get(keyAttr).asText();
        byKey
            .computeIfAbsent(key, k -> new ArrayList<>())
            .add(
                new ReferenceMatcher.Input(
                    "e" + n++, Instant.parse(e.get("at").asText()).toEpochMilli(), e.get("event")));
      }
      for (var entry : byKey.entrySet()) {
        for (ReferenceMatcher.Match m : new ReferenceMatcher(when).run(entry.getValue())) {
          actual.add(
              p.get("id").asText() + " " + entry.getKey() + " " + Instant.ofEpochMilli(m.at()));
        }
      }
    }
    List<String> expected = new ArrayList<>();
    for (JsonNode r : c.get("expect")) {
      expected.add(
          r.get("pattern").asText()
              + " "
              + r.get("key").asText()
              + " "
              + Instant.parse(r.get("at").asText()));
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }
}
