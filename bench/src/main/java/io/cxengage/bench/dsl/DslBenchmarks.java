package io.cxengage.bench.dsl;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks of this package ({@link CompileBench}, {@link PredicateBench}) with short
 * defaults for a shared machine: two forks, each with five warm-up and five measured iterations of
 * one second. JMH's own command-line options override them ({@code -f 3 -i 10}, a benchmark regex).
 */
public final class DslBenchmarks {

  private DslBenchmarks() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
    if (cli.getIncludes().isEmpty()) {
      options.include(DslBenchmarks.class.getPackageName() + "\\..*Bench\\..*");
    }
    if (!cli.getForkCount().hasValue()) {
      options.forks(2);
    }
    if (!cli.getWarmupIterations().hasValue()) {
      options.warmupIterations(5);
    }
    if (!cli.getWarmupTime().hasValue()) {
      options.warmupTime(TimeValue.seconds(1));
    }
    if (!cli.getMeasurementIterations().hasValue()) {
      options.measurementIterations(5);
    }
    if (!cli.getMeasurementTime().hasValue()) {
      options.measurementTime(TimeValue.seconds(1));
    }
    new Runner(options.build()).run();
  }
}
