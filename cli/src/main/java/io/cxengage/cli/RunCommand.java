package io.cxengage.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code cxengage run}: the embedded default (one JVM: Kafka, the job, the admin API). */
@Command(
    name = "run",
    description =
        "Run the engine in one JVM: an in-process Kafka broker, the Flink job and the admin API.")
public final class RunCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    return EmbeddedEngine.fromEnvironment(System.getenv(), System.out).runUntilStopped();
  }
}
