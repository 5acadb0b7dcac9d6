package io.cxengage.bench.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;
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

  @Option(
      names = "--flink",
      description = "a Flink option for every run, key=value (repeatable), to try a setting")
  Map<String, String> flinkOptions = new LinkedHashMap<>();

  /** The Flink options of a run: those given, with Flink's network buffer timeout. */
  Map<String, String> flink(String bufferTimeout) {
    Map<String, String> flink = new LinkedHashMap<>(flinkOptions);
    flink.put("execution.buffer-timeout.interval", bufferTimeout.trim());
    return flink;
  }
}
