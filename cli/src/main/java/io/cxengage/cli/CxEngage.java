package io.cxengage.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cxengage} command. */
@Command(
    name = "cxengage",
    mixinStandardHelpOptions = true,
    version = "cxengage 0.1.0",
    description = "A multi-tenant customer-journey engine on Apache Flink and Apache Kafka.",
    subcommands = {
      CheckCommand.class,
      ReplayCommand.class,
      ConformanceCommand.class,
      RunCommand.class,
      ReactionsCommand.class
    })
public final class CxEngage implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int execute(String... args) {
    return new CommandLine(new CxEngage()).execute(args);
  }

  /** Runs the command line with its output going to {@code out} (for tests). */
  public static int execute(java.io.PrintWriter out, String... args) {
    return new CommandLine(new CxEngage()).setOut(out).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
