package io.cxengage.job.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every conformance case, replayed through the real job graph on a local Flink cluster. */
class ConformanceITCase {

  static Path conformanceDir() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("conformance"))) {
      p = p.getParent();
    }
    return p.resolve("conformance");
  }

  @TestFactory
  Stream<DynamicTest> everyCasePasses() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.walk(conformanceDir())) {
      files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(28);
    return files.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () -> {
                      ConformanceCheck.Verdict v = ConformanceCheck.check(ConformanceCase.read(f));
                      assertThat(v.passed()).as(v.why()).isTrue();
                    }));
  }
}
