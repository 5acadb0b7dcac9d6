package io.cxengage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.json.Json;
import io.cxengage.dsl.DslError;
import io.cxengage.dsl.PatternLanguage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cxengage check FILE}: validates a pattern file ({@code {when, then, templates}}) or a
 * conformance case (every pattern in it), printing each error as {@code field line:column message}.
 * Exit 1 when anything is invalid.
 */
@Command(
    name = "check",
    description =
        "Check a pattern file or a conformance case; print each error as 'field line:column message'.")
public final class CheckCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "FILE",
      description = "JSON with when, then (and templates), or a conformance case")
  Path file;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    JsonNode doc;
    try {
      doc = Json.mapper().readTree(Files.readAllBytes(file));
    } catch (Exception e) {
      err.println("cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    Set<String> templates = new HashSet<>();
    JsonNode t = doc.path("templates");
    if (t.isObject()) {
      t.fieldNames().forEachRemaining(templates::add);
    } else if (t.isArray()) {
      t.forEach(x -> templates.add(x.path("id").asText()));
    }
    List<DslError> errors = new ArrayList<>();
    if (doc.has("patterns")) {
      for (JsonNode p : doc.get("patterns")) {
        errors.addAll(
            PatternLanguage.validate(
                p.path("when").asText(""), p.path("then").asText(""), templates));
      }
    } else if (doc.has("when") || doc.has("then")) {
      errors.addAll(
          PatternLanguage.validate(
              doc.path("when").asText(""), doc.path("then").asText(""), templates));
    } else {
      err.println(file + " has neither when/then nor patterns");
      return 2;
    }
    for (DslError e : errors) {
      out.println(e.toCliLine());
    }
    out.flush();
    return errors.isEmpty() ? 0 : 1;
  }
}
