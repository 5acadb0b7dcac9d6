package io.cxengage.bench.pipeline;

import io.cxengage.bench.JvmTimes;
import io.cxengage.bench.Report;
import io.cxengage.bench.pipeline.EngineUnderTest.Graph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Events per second through the whole job, Kafka in to reactions out, with 1, 100 and 1,000
 * patterns, against the same job without the engine (Kafka in, parse, route, discard), all in one
 * JVM and one run, so the ratios compare like with like.
 *
 * <p>Each run gets fresh topics on one in-process broker: the patterns are created over HTTP, the
 * events produced to {@code cx.events}, then the job starts. The clock runs from the first event
 * parsed until the last operator has taken in every event (the CEP operator, or the discard sink)
 * and every match has reached the reaction operator. Job start-up is not timed.
 */
@Command(
    name = "pipeline-throughput",
    mixinStandardHelpOptions = true,
    description = "Whole-pipeline events/s with 1, 100 and 1,000 patterns and without the engine.")
public final class ThroughputBench implements Callable<Integer> {

  @Option(names = "--quick", description = "200,000 events, the same 100,000 keys")
  boolean quick;

  @Option(names = "--events", description = "events per run (default 1,000,000)")
  Integer events;

  @Mixin WorkloadOptions workload = new WorkloadOptions();

  @Option(
      names = "--patterns",
      split = ",",
      description = "pattern counts to run besides the baseline (default 1,100,1000)")
  List<Integer> patternCounts = List.of(1, 100, 1000);

  @Option(names = "--warmup-events", description = "events of the warm-up run (default 100,000)")
  Integer warmupEvents;

  @Option(
      names = "--buffer-timeouts",
      split = ",",
      description =
          "Flink network buffer timeouts to run with, a round each (default 0ms, the embedded"
              + " default's); the figures of a later one are named"
              + " pipeline.throughput.buffer-<timeout>.*")
  List<String> bufferTimeouts = List.of("0ms");

  @Option(
      names = "--repeat",
      description =
          "rounds of every run, one after the other; the median is reported (default 1). Routing"
              + " only lasts seconds and moved by 3x between rounds: repeat it for a ratio")
  int repeat = 1;

  private final Report report = new Report(System.out, "per-process-cpu");

  public static void main(String[] args) {
    System.exit(new CommandLine(new ThroughputBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int n = events != null ? events : quick ? 200_000 : 1_000_000;
    int warmup = warmupEvents != null ? warmupEvents : quick ? 50_000 : 100_000;
    PipelineWorkload.Event[] stream = workload.stream().next(n);
    report.comment(
        "pipeline throughput: %d events, %d keys, seed %d, parallelism 2, RocksDB, checkpoints"
            + " every 10 s",
        n, workload.keys, workload.seed);
    try (BenchInstallation installation = new BenchInstallation()) {
      PipelineWorkload.Event[] first = Arrays.copyOf(stream, warmup);
      // both graphs: a routing-only run measured cold ran at a third of its later speed
      measure(installation, Graph.ROUTING_ONLY, 0, first, bufferTimeouts.get(0));
      measure(installation, Graph.WHOLE, 100, first, bufferTimeouts.get(0));
      report.comment("warmed up on %d events, routing only and with 100 patterns", warmup);
      for (int i = 0; i < bufferTimeouts.size(); i++) {
        String timeout = bufferTimeouts.get(i);
        String name =
            i == 0 ? "pipeline.throughput" : "pipeline.throughput.buffer-" + timeout.trim();
        // in rounds, every run once per round, so that a slow spell of the machine hits all alike
        List<Report.Result> routingOnly = new ArrayList<>();
        Map<Integer, List<Report.Result>> withPatterns = new LinkedHashMap<>();
        for (int round = 0; round < repeat; round++) {
          routingOnly.add(measure(installation, Graph.ROUTING_ONLY, 0, stream, timeout));
          for (int p : patternCounts) {
            withPatterns
                .computeIfAbsent(p, k -> new ArrayList<>())
                .add(measure(installation, Graph.WHOLE, p, stream, timeout));
          }
        }
        report.figures(name + ".routing-only", routingOnly, "matches");
        for (int p : patternCounts) {
          report.figures(name + ".patterns-" + p, withPatterns.get(p), "matches");
        }
        for (int p : patternCounts) {
          report.ratio(
              name + ".patterns-" + p + "-vs-routing-only",
              name + ".patterns-" + p,
              name + ".routing-only");
        }
      }
    }
    return 0;
  }

  /** One run: fresh topics, the patterns, the events, then the job until it has taken them all. */
  private Report.Result measure(
      BenchInstallation installation,
      Graph graph,
      int patterns,
      PipelineWorkload.Event[] stream,
      String bufferTimeout)
      throws Exception {
    installation.newRun(patterns);
    try (EventProducer producer =
        new EventProducer(installation.bootstrap(), installation.topics().events())) {
      producer.produceAll(stream);
    }
    System.gc();
    try (EngineUnderTest engine =
        EngineUnderTest.start(installation, graph, workload.flink(bufferTimeout))) {
      Await.until(() -> engine.eventsParsed() > 0, Duration.ofMinutes(2), "the first event");
      long start = System.nanoTime();
      long cpuStart = JvmTimes.processCpuNanos();
      long gcStart = JvmTimes.gcMillis();
      Await.until(
          () ->
              engine.eventsThrough(graph) >= stream.length
                  && (graph == Graph.ROUTING_ONLY || engine.reactionsCaughtUp()),
          Duration.ofHours(2),
          "the job to take in all " + stream.length + " events");
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (JvmTimes.processCpuNanos() - cpuStart) / 1e9;
      return new Report.Result(
          stream.length / seconds,
          stream.length / cpuSeconds,
          engine.matches(),
          seconds,
          JvmTimes.gcMillis() - gcStart);
    }
  }
}
