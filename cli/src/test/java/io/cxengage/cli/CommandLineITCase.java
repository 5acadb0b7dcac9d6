package io.cxengage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands of issue #2 and #3, run as a user runs them. */
class CommandLineITCase {

  static final Path CASES = locate();

  @TempDir Path dir;

  static Path locate() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("conformance"))) {
      p = p.getParent();
    }
    return p.resolve("conformance");
  }

  private record Run(int exit, String out) {}

  private static Run run(String... args) {
    StringWriter sw = new StringWriter();
    int exit = CxEngage.execute(new PrintWriter(sw, true), args);
    return new Run(exit, sw.toString());
  }

  @Test
  void checkPrintsEachErrorWithFieldLineAndColumnAndExitsOne() {
    Run r = run("check", CASES.resolve("25-error-unknown-operator.json").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("when 2:4 unknown operator 'alOf' (did you mean 'allOf'?)");
  }

  @Test
  void checkOfAValidPatternFilePrintsNothingAndExitsZero() throws Exception {
    Path f = dir.resolve("p.json");
    Files.writeString(
        f,
        "{\"when\": \"(event (= type \\\"x\\\"))\", \"then\": \"(send generic message {} (template {:body +TM1}))\","
            + " \"templates\": {\"TM1\": \"hi\"}}");
    Run r = run("check", f.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEmpty();
  }

  @Test
  void checkReportsSeveralErrorsOfBothFields() throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(
        f,
        "{\"when\": \"(seq (evnt (= a 1)) (within 2 weeks (event (= b 2))))\", \"then\": \"(send twilio sms {})\"}");
    Run r = run("check", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out().lines().toList())
        .contains("when 1:7 unknown operator 'evnt' (did you mean 'event'?)")
        .anyMatch(l -> l.startsWith("when 1:31 unknown time unit 'weeks'"))
        .anyMatch(l -> l.startsWith("then 1:18 twilio sms needs the param :to-phone-number"));
  }

  @Test
  void replayPrintsOneJsonLinePerReaction() throws Exception {
    Run r = run("replay", CASES.resolve("21-failure-branch-on-missing-reference.json").toString());
    assertThat(r.exit()).isZero();
    List<JsonNode> lines = r.out().lines().map(Json::tree).toList();
    assertThat(lines).hasSize(2);
    assertThat(lines)
        .allSatisfy(
            l ->
                assertThat(l.fieldNames())
                    .toIterable()
                    .containsExactly(
                        "pattern",
                        "key",
                        "integration",
                        "action",
                        "params",
                        "status",
                        "error",
                        "at"));
    assertThat(lines)
        .anySatisfy(
            l -> {
              assertThat(l.get("integration").asText()).isEqualTo("sendgrid");
              assertThat(l.get("status").asText()).isEqualTo("failed");
              assertThat(l.get("error").asText()).isEqualTo("missing attribute email");
            });
  }

  @Test
  void conformanceReportsEachCaseAndTheTotalsAndFailsOnAFailingCase() throws Exception {
    Files.copy(CASES.resolve("06-seq-order.json"), dir.resolve("06.json"));
    String broken =
        Files.readString(CASES.resolve("01-event-equals.json"))
            .replace(
                "\"at\": \"2026-01-05T09:02:00Z\"\n    }\n  ]",
                "\"at\": \"2026-01-05T09:03:00Z\"\n    }\n  ]");
    Files.writeString(dir.resolve("01.json"), broken);
    Run r = run("conformance", dir.toString());
    assertThat(r.out())
        .contains("PASS seq-order")
        .contains("FAIL event-equals: ")
        .contains("1 passed, 1 failed");
    assertThat(r.exit()).isEqualTo(1);
    Files.delete(dir.resolve("01.json"));
    Run ok = run("conformance", dir.toString());
    assertThat(ok.out()).contains("1 passed, 0 failed");
    assertThat(ok.exit()).isZero();
  }
}
