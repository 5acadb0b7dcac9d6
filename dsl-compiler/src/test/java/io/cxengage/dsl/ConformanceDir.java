package io.cxengage.dsl;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code conformance/} folder from wherever the tests run. */
public final class ConformanceDir {

  private ConformanceDir() {}

  public static Path locate() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("conformance"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          "no conformance/ folder above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("conformance");
  }
}
