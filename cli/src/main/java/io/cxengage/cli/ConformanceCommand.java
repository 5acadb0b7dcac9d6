package io.cxengage.cli;

import io.cxengage.job.replay.ConformanceCase;
import io.cxengage.job.replay.ConformanceCheck;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cxengage conformance DIR}: runs every case in DIR and prints {@code PASS name} or {@code
 * FAIL name: why} per case, then {@code N passed, M failed}; exit 0 only when all pass.
 */
@Command(
    name = "conformance",
    description = "Run every conformance case in DIR; exit 0 only when all pass.")
public final class ConformanceCommand implements Callable<Integer> {

  @Parameters(paramLabel = "DIR", description = "a folder of conformance cases (*.json)")
  Path dir;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    int passed = 0;
    int failed = 0;
    for (Path f : files) {
      String name = f.getFileName().toString().replaceFirst("\\.json$", "");
      ConformanceCheck.Verdict v;
      try {
        ConformanceCase c = ConformanceCase.read(f);
        name = c.name() == null ? name : c.name();
        v = ConformanceCheck.check(c);
      } catch (Exception e) {
        v = new ConformanceCheck.Verdict(name, false, "cannot run: " + e.getMessage());
      }
      if (v.passed()) {
        passed++;
        out.println("PASS " + name);
      } else {
        failed++;
        out.println("FAIL " + name + ": " + v.why());
      }
      out.flush();
    }
    out.println(passed + " passed, " + failed + " failed");
    out.flush();
    return failed == 0 && passed > 0 ? 0 : 1;
  }
}
