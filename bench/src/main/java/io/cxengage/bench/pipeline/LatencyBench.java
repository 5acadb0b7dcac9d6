package io.cxengage.bench.pipeline;

import io.cxengage.bench.Report;
import io.cxengage.bench.pipeline.EngineUnderTest.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * produced at a steady rate, each stamped with the instant it is sent). The maximum is measured
 * here, the same way as the latency: events/s the job takes in while a producer in this JVM sends
 * faster than that (the throughput step's maximum, from a backlog produced before the job starts,
 * is more than the job sustains with a producer beside it). A reaction's latency is the instant a
 * consumer received it minus the {@code sent} of the event that completed its match (dsl.md: the
 * last event's attributes win). Matches of {@code absent} patterns complete when time passes, not
 * on an event, and are left out. Measured for a {@code read_uncommitted} and a {@code
 * read_committed} reader of the same reactions (see {@link ReactionWatcher}), and for the embedded
 * default's network buffer timeout (0 ms: each record sent at once) and the earlier default (5 ms).
 */
@Command(
    name = "pipeline-latency",
    mixinStandardHelpOptions = true,
    description = "Event-to-reaction latency at half the maximum throughput.")
public final class LatencyBench implements Callable<Integer> {

  @Option(names = "--quick", description = "20 s measured after 20 s instead of 90 s after 150 s")
  boolean quick;

  @Option(
      names = "--max-rate",
      description =
          "events/s the job takes at most; events are produced at half of it (default: measured"
              + " first, see --max-seconds)")
  Double maxRate;

  @Option(
      names = "--max-seconds",
      description =
          "seconds of the run that measures the maximum, after as many of warm-up (default 30,"
              + " quick 15)")
  Integer maxSeconds;

  @Option(names = "--seconds", description = "measured seconds (default 90, quick 20)")
  Integer seconds;

  @Option(
      names = "--warmup-seconds",
      description =
          "seconds before measuring (default 150, quick 20): partial matches build up over the"
              + " patterns' windows for a minute, and on 2 cores the JIT compiler takes a share of"
              + " the CPU for about two")
  Integer warmupSeconds;

  @Mixin WorkloadOptions workload = new WorkloadOptions();

  @Option(names = "--patterns", description = "patterns (default 100)")
  int patterns = 100;

  @Option(
      names = "--buffer-timeouts",
      split = ",",
      description =
          "Flink's network buffer timeout of each run, a duration such as 5ms (default: 0ms,5ms:"
              + " the embedded default's and the one before it)")
  List<String> bufferTimeouts = List.of("0ms", "5ms");

  @Option(
      names = "--trace",
      description =
          "a directory to write every measured reaction to, one file per run and reader: the"
              + " instant its event was sent (epoch ms) and its latency (ms), to see when the slow"
              + " ones happened")
  Path traceDirectory;

  private final Report report = new Report(System.out, "per-process-cpu");

  public static void main(String[] args) {
    System.exit(new CommandLine(new LatencyBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int measured = seconds != null ? seconds : quick ? 20 : 90;
    int warmup = warmupSeconds != null ? warmupSeconds : quick ? 20 : 150;
    try (BenchInstallation installation = new BenchInstallation()) {
      double max;
      if (maxRate != null) {
        max = maxRate;
      } else {
        int seconds = maxSeconds != null ? maxSeconds : quick ? 15 : 30;
        max = sustainedMaximum(installation, bufferTimeouts.get(0), seconds);
        report.print(
            "pipeline.latency.sustained-max", String.format(Locale.ROOT, "%.0f", max), "events/s");
      }
      double rate = max / 2;
      report.comment(
          "pipeline latency: %d patterns, %d keys, %.0f events/s (half of %.0f), %d s measured"
              + " after %d s, embedded default (parallelism 2, RocksDB, checkpoints every 10 s)",
          patterns, workload.keys, rate, max, measured, warmup);
      report.print("pipeline.latency.rate", String.format(Locale.ROOT, "%.0f", rate), "events/s");
      for (String timeout : bufferTimeouts) {
        run(
            installation,
            workload.flink(timeout),
            rate,
            warmup,
            measured,
            "pipeline.latency.buffer-" + timeout);
      }
    }
    return 0;
  }

  /**
   * Events/s the job takes in over {@code seconds}, after as many of warm-up, while a producer
   * sends as fast as it can (faster than the job takes them: a backlog builds up).
   */
  private double sustainedMaximum(BenchInstallation installation, String timeout, int seconds)
      throws Exception {
    installation.newRun(patterns);
    try (EngineUnderTest engine =
            EngineUnderTest.start(installation, Graph.WHOLE, workload.flink(timeout));
        EventProducer producer =
            new EventProducer(installation.bootstrap(), installation.topics().events())) {
      java.util.concurrent.atomic.AtomicBoolean stop =
          new java.util.concurrent.atomic.AtomicBoolean();
      Thread sending =
          new Thread(() -> producer.paced(workload.stream(), 1e9, stop::get), "max-producer");
      sending.start();
      try {
        Thread.sleep(seconds * 1000L);
        long from = engine.eventsThrough(Graph.WHOLE);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long through = engine.eventsThrough(Graph.WHOLE) - from;
        return through / ((System.nanoTime() - start) / 1e9);
      } finally {
        stop.set(true);
        sending.join();
      }
    }
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
    if (traceDirectory != null) {
      Files.createDirectories(traceDirectory);
      uncommitted.writeTrace(traceDirectory.resolve(name + ".read-uncommitted.tsv"));
      committed.writeTrace(traceDirectory.resolve(name + ".read-committed.tsv"));
    }
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
            latencies.add(sent, seen - sent);
          }
        });
  }
}
