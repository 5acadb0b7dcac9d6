package io.cxengage.bench.pipeline;

import io.cxengage.bench.Report;
import io.cxengage.bench.pipeline.EngineUnderTest.Graph;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Latency from an event's arrival on Kafka to its reaction on {@code cx.reactions}, with the
 * embedded default's settings and the 100-pattern workload, at half the maximum throughput (events
 * produced at a steady rate, each stamped with the instant it is sent). A reaction's latency is the
 * instant a consumer received it minus the {@code sent} of the event that completed its match
 * (dsl.md: the last event's attributes win). Matches of {@code absent} patterns complete when time
 * passes, not on an event, and are left out. Measured for a {@code read_uncommitted} and a {@code
 * read_committed} reader of the same reactions (see {@link ReactionWatcher}), and for the embedded
 * default's network buffer timeout (5 ms) and Flink's own default (100 ms).
 */
@Command(
    name = "pipeline-latency",
    mixinStandardHelpOptions = true,
    description = "Event-to-reaction latency at half the maximum throughput.")
public final class LatencyBench implements Callable<Integer> {

  @Option(names = "--quick", description = "20 s measured after 20 s instead of 90 s after 60 s")
  boolean quick;

  @Option(
      names = "--max-rate",
      description =
          "the 100-pattern throughput (events/s) measured by pipeline-throughput; events are"
              + " produced at half of it (default 8,000, when that step did not run)")
  double maxRate = 8_000;

  @Option(names = "--seconds", description = "measured seconds (default 90, quick 20)")
  Integer seconds;

  @Option(
      names = "--warmup-seconds",
      description =
          "seconds before measuring (default 60, quick 20): partial matches build up over the"
              + " patterns' windows, so matches only reach their steady rate after a minute")
  Integer warmupSeconds;

  @Mixin WorkloadOptions workload = new WorkloadOptions();

  @Option(names = "--patterns", description = "patterns (default 100)")
  int patterns = 100;

  @Option(
      names = "--buffer-timeouts",
      split = ",",
      description =
          "Flink's network buffer timeout of each run, a duration such as 5ms (default: 5ms,100ms:"
              + " the embedded default's and Flink's own)")
  List<String> bufferTimeouts = List.of("5ms", "100ms");

  private final Report report = new Report(System.out, "per-process-cpu");

  public static void main(String[] args) {
    // run.sh passes the measured maximum first; a --max-rate given by hand comes later and wins
    System.exit(
        new CommandLine(new LatencyBench()).setOverwrittenOptionsAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int measured = seconds != null ? seconds : quick ? 20 : 90;
    int warmup = warmupSeconds != null ? warmupSeconds : quick ? 20 : 60;
    double rate = maxRate / 2;
    report.comment(
        "pipeline latency: %d patterns, %d keys, %.0f events/s (half of %.0f), %d s measured after"
            + " %d s, embedded default (parallelism 2, RocksDB, checkpoints every 10 s)",
        patterns, workload.keys, rate, maxRate, measured, warmup);
    try (BenchInstallation installation = new BenchInstallation()) {
      report.print("pipeline.latency.rate", String.format(Locale.ROOT, "%.0f", rate), "events/s");
      for (String timeout : bufferTimeouts) {
        Map<String, String> flink = Map.of("execution.buffer-timeout.interval", timeout);
        run(installation, flink, rate, warmup, measured, "pipeline.latency.buffer-" + timeout);
      }
    }
    return 0;
  }

  /** One job: the patterns, then events at {@code rate} for the warm-up and the measurement. */
  private void run(
      BenchInstallation installation,
      Map<String, String> flink,
      double rate,
      int warmup,
      int measured,
      String name)
      throws Exception {
    List<String> ids = installation.newRun(patterns);
    Set<String> absent = new HashSet<>();
    for (int j = 0; j < ids.size(); j++) {
      if (PipelineWorkload.isAbsent(j)) {
        absent.add(ids.get(j));
      }
    }
    Latencies uncommitted = new Latencies();
    Latencies committed = new Latencies();
    long behind;
    try (EngineUnderTest engine = EngineUnderTest.start(installation, Graph.WHOLE, flink)) {
      long measureFrom = EventProducer.micros() + warmup * 1_000_000L;
      long measureTo = measureFrom + measured * 1_000_000L;
      try (ReactionWatcher a =
              watch(installation, "read_uncommitted", absent, measureFrom, measureTo, uncommitted);
          ReactionWatcher b =
              watch(installation, "read_committed", absent, measureFrom, measureTo, committed);
          EventProducer producer =
              new EventProducer(installation.bootstrap(), installation.topics().events())) {
        long sent =
            producer.paced(workload.stream(), rate, () -> EventProducer.micros() > measureTo);
        // a job that cannot keep up measures its queue, not itself: say how far behind it was
        behind = sent - engine.eventsThrough(Graph.WHOLE);
        Await.until(
            () -> engine.eventsThrough(Graph.WHOLE) >= sent,
            Duration.ofMinutes(5),
            "the job to catch up with " + sent + " events");
        // the last reactions become visible to read_committed at the next checkpoint
        Thread.sleep(12_000);
      }
    }
    report.print(name + ".behind-at-end", Long.toString(behind), "events");
    uncommitted.print(report, name + ".read-uncommitted");
    committed.print(report, name + ".read-committed");
  }

  private static ReactionWatcher watch(
      BenchInstallation installation,
      String isolation,
      Set<String> absent,
      long from,
      long to,
      Latencies latencies) {
    return new ReactionWatcher(
        installation.bootstrap(),
        installation.topics().reactions(),
        isolation,
        (reaction, seen) -> {
          long sent = reaction.path("params").path("sent").asLong(0);
          if (sent >= from && sent < to && !absent.contains(reaction.path("pattern").asText())) {
            latencies.add(seen - sent);
          }
        });
  }
}
