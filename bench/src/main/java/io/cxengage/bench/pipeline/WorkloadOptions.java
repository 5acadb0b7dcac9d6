package io.cxengage.bench.pipeline;

import picocli.CommandLine.Option;

/** The workload options every pipeline bench takes (a picocli mixin). */
final class WorkloadOptions {

  @Option(names = "--keys", description = "customer keys (default 100,000)")
  int keys = 100_000;

  @Option(names = "--seed", description = "SplitMix64 seed (default 42)")
  long seed = 42;

  /** The workload's event stream from its start. */
  PipelineWorkload stream() {
    return new PipelineWorkload(keys, seed);
  }
}
