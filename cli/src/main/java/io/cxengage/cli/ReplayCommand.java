package io.cxengage.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.records.ReactionRecord;
import io.cxengage.job.replay.ConformanceCase;
import io.cxengage.job.replay.Replay;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cxengage replay CASE.json}: runs a conformance case through the real job graph on a local
 * Flink cluster and prints one JSON line per reaction.
 */
@Command(
    name = "replay",
    description =
        "Run a conformance case through the job on a local Flink cluster; print one JSON line per reaction.")
public final class ReplayCommand implements Callable<Integer> {

  @Parameters(paramLabel = "CASE", description = "a conformance case (JSON)")
  Path file;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ConformanceCase c = ConformanceCase.read(file);
    if (c.events() == null) {
      spec.commandLine().getErr().println(file + " has no events to replay");
      return 2;
    }
    Replay.Result result = Replay.run(c);
    for (ReactionRecord r : result.reactions()) {
      out.println(line(r));
    }
    out.flush();
    return 0;
  }

  static String line(ReactionRecord r) {
    ObjectNode n = Json.mapper().createObjectNode();
    n.put("pattern", r.pattern());
    n.put("key", r.key());
    n.put("integration", r.integration());
    n.put("action", r.action());
    n.set("params", r.params());
    n.put("status", r.status());
    if (r.error() == null) {
      n.putNull("error");
    } else {
      n.put("error", r.error());
    }
    n.put("at", r.at());
    return n.toString();
  }
}
