package io.cxengage.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code cxengage run}: the embedded default (one JVM: Kafka, the job, the admin API, the listener
 * runner).
 */
@Command(
    name = "run",
    description =
        "Run the engine in one JVM: an in-process Kafka broker, the Flink job and the admin API.")
public final class RunCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try {
      return EmbeddedEngine.fromEnvironment(System.getenv(), System.out).runUntilStopped();
    } catch (IllegalArgumentException e) {
      // a configuration mistake: one line that names the option, not a stack trace
      spec.commandLine().getErr().println("cxengage run: " + e.getMessage());
      return 2;
    }
  }
}
