package io.cxengage.bench.augment;

import io.cxengage.bench.JvmTimes;
import io.cxengage.bench.Report;
import io.cxengage.bench.cep.BenchStream;
import io.cxengage.bench.cep.ReferenceCounts;
import io.cxengage.bench.cep.StreamOptions;
import io.cxengage.bench.cep.StreamOptions.Backend;
import io.cxengage.job.model.RoutedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The benchmark of issue #7: throughput of the whole job ({@link AugmentJob}) on the {@code
 * seq-within} stream of bench-workloads.md, with an engine file augment of (by default) a million
 * rows joined on the key attribute, against the same job for a tenant without augments, side by
 * side in one JVM. The rows are loaded before the events are let in, and timed apart. Prints one
 * {@code name: value unit} line per figure, then the ratio; fails if the two variants disagree on
 * the matches or a reaction lacks its customer's tier.
 */
@Command(
    name = "augment-bench",
    mixinStandardHelpOptions = true,
    description = "Events per second of the job with a file augment and without one.")
public final class AugmentBench implements Callable<Integer> {

  @Mixin StreamOptions options;

  @Option(
      names = "--rows",
      description =
          "Rows of the augment's file, c0 … c(rows-1) (default 1,000,000, quick 100,000).")
  Long rows;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "Parallelism of the job, and parts of the stream (${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--backends",
      split = ",",
      defaultValue = "rocksdb",
      description = "State backends to run on (${DEFAULT-VALUE}; the job's default).")
  List<Backend> backends;

  private final Report report = new Report(System.out, "per-process-cpu");

  /** One execution: the report's figures, and what the checks need. */
  private record Run(Report.Result result, long reactions, long withTier, long deadLetters) {}

  public static void main(String[] args) {
    System.exit(
        new CommandLine(new AugmentBench())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long n = options.events();
    int k = options.keys();
    long r = rows != null ? rows : options.quick() ? 100_000 : 1_000_000;
    long warmup = options.warmupEvents();
    int repeat = options.repeat();
    if (repeat < 1 || r < 1 || parallelism < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--repeat, --rows and --parallelism must be >= 1");
    }
    report.comment(
        "augment bench: %d events, %d keys, %d rows, seed %d, parallelism %d, backends %s, %d"
            + " repetition(s), median reported, %d cores",
        n,
        k,
        r,
        options.seed(),
        parallelism,
        backends,
        repeat,
        Runtime.getRuntime().availableProcessors());

    if (warmup > 0) {
      EventParts.set(stream(warmup, k).generate(), parallelism);
      for (Backend backend : backends) {
        execute(backend, 0);
        execute(backend, Math.min(r, warmup));
      }
      report.comment("warmed up on %d events", warmup);
    }
    RoutedEvent[] generated = stream(n, k).generate();
    long reference = ReferenceCounts.count(AugmentJob.WORKLOAD, generated);
    report.print("augment.reference.matches", Long.toString(reference), "matches");
    EventParts.set(generated, parallelism);
    generated = null; // the parts hold what the job needs
    for (Backend backend : backends) {
      String p = "augment." + backend + ".";
      List<Run> without = new ArrayList<>();
      List<Run> with = new ArrayList<>();
      List<Double> rowRates = new ArrayList<>();
      // rounds rather than repetitions in a row: both variants see the machine's moods alike
      for (int round = 0; round < repeat; round++) {
        without.add(measure(backend, 0));
        with.add(measure(backend, r));
        rowRates.add(r / JobMeter.rowSeconds());
      }
      check(reference, without, with);
      report.figures(p + "without", results(without), "reactions");
      report.figures(p + "with-" + r + "-rows", results(with), "reactions");
      report.print(
          p + "rows-load",
          String.format(
              Locale.ROOT,
              "%.0f",
              Report.median(rowRates.stream().mapToDouble(Double::doubleValue).toArray())),
          "rows/s");
      report.ratio(p + "with-vs-without", p + "with-" + r + "-rows", p + "without");
    }
    EventParts.clear();
    if (options.out() != null) {
      report.appendTo(options.out());
    }
    return 0;
  }

  private BenchStream stream(long events, int keys) {
    return new BenchStream(events, keys, options.seed(), AugmentJob.WORKLOAD.types());
  }

  /**
   * Both variants must find the reference's matches every time, none may be dead-lettered, and with
   * the augment every reaction must carry the tier of its customer's row (without it, none does).
   */
  private static void check(long reactions, List<Run> without, List<Run> with) {
    List<Run> all = new ArrayList<>(without);
    all.addAll(with);
    for (Run run : all) {
      if (run.reactions() != reactions || run.deadLetters() != 0) {
        throw new IllegalStateException(
            "the runs disagree with the reference's " + reactions + " matches: " + all);
      }
    }
    if (reactions == 0) {
      throw new IllegalStateException("no match: nothing shows that the augment joined");
    }
    if (with.stream().anyMatch(run -> run.withTier() != reactions)
        || without.stream().anyMatch(run -> run.withTier() != 0)) {
      throw new IllegalStateException("a reaction lacks its customer's tier: " + all);
    }
  }

  private static List<Report.Result> results(List<Run> runs) {
    return runs.stream().map(Run::result).toList();
  }

  private Run measure(Backend backend, long rows) throws Exception {
    System.gc();
    long gcBefore = JvmTimes.gcMillis();
    execute(backend, rows);
    long gc = JvmTimes.gcMillis() - gcBefore;
    double seconds = JobMeter.seconds();
    long n = EventParts.size();
    return new Run(
        new Report.Result(
            n / seconds, n / JobMeter.cpuSeconds(), JobMeter.reactions(), seconds, gc),
        JobMeter.reactions(),
        JobMeter.reactionsWithTier(),
        JobMeter.deadLetters());
  }

  private void execute(Backend backend, long rows) throws Exception {
    StreamExecutionEnvironment env = options.environment(backend, parallelism);
    AugmentJob.define(env, rows);
    JobMeter.reset();
    env.execute(rows > 0 ? "with augment" : "without augment");
  }
}
