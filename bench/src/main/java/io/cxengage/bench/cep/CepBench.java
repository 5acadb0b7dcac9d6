package io.cxengage.bench.cep;

import io.cxengage.bench.JvmTimes;
import io.cxengage.bench.Report;
import io.cxengage.bench.cep.StreamOptions.Backend;
import io.cxengage.job.model.RoutedEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The benchmark of issue #3: the dynamic CEP operator against Flink's static {@code CepOperator} on
 * the same pattern and events, and the dynamic operator with 1, 100 and 1,000 patterns per tenant,
 * on heap and on RocksDB, in one JVM. Prints one {@code name: value unit} line per figure, with the
 * matches found next to every throughput, then the ratios.
 */
@Command(
    name = "cep-bench",
    mixinStandardHelpOptions = true,
    description = "Events per second of the dynamic CEP operator and of Flink's static one.")
public final class CepBench implements Callable<Integer> {

  /** The runs, by name: {@code --runs} selects among them. */
  static final List<String> RUNS =
      List.of("baseline", "static", "seq-within", "loyalty", "hundred", "thousand");

  @Mixin StreamOptions options;

  @Option(
      names = "--parallelism",
      defaultValue = "1",
      description = "Parallelism of the operators (the source is always 1; ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--backends",
      split = ",",
      defaultValue = "heap,rocksdb",
      description = "State backends to run on (${DEFAULT-VALUE}).")
  List<Backend> backends;

  @Option(
      names = "--runs",
      split = ",",
      defaultValue = "baseline,static,seq-within,loyalty,hundred,thousand",
      description = "Runs to measure (${DEFAULT-VALUE}).")
  List<String> runs;

  @Option(
      names = "--static-rocksdb-events",
      description =
          "At most this many events for the static operator on RocksDB, which slows down"
              + " quadratically there (default 20,000, quick 5,000; 0 = all).")
  Long staticRocksdbEvents;

  @Option(
      names = "--reference",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Also count the matches of dsl.md's reference matcher over each stream, without Flink"
              + " (default; --no-reference skips it).")
  boolean reference;

  private final Report report = new Report(System.out, "per-task-cpu");

  /** One figure to measure: a job over the first {@code events} events of a workload's stream. */
  private record Run(
      String name,
      Workload workload,
      long events,
      BiConsumer<StreamExecutionEnvironment, Long> job,
      String counted) {}

  public static void main(String[] args) {
    System.exit(
        new CommandLine(new CepBench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    // sized to leave bench/run.sh --quick room for the pipeline steps
    long n = options.events(30_000);
    int k = options.keys();
    long seed = options.seed();
    int repeat = options.repeat();
    long staticCap =
        staticRocksdbEvents != null ? staticRocksdbEvents : options.quick() ? 5_000 : 20_000;
    staticCap = staticCap <= 0 ? n : Math.min(n, staticCap);
    long warmup = options.warmupEvents();
    for (String run : runs) {
      if (!RUNS.contains(run)) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "unknown run '" + run + "'; known: " + RUNS);
      }
    }
    if (repeat < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--repeat must be >= 1");
    }
    report.comment(
        "cep bench: %d events, %d keys, seed %d, parallelism %d, backends %s, runs %s, %d"
            + " repetition(s), median reported",
        n, k, seed, parallelism, backends, runs, repeat);

    if (reference) {
      for (Workload w : Workload.all()) {
        if (runs.contains(w.name()) || (w.name().equals("seq-within") && runs.contains("static"))) {
          RoutedEvent[] stream = new BenchStream(n, k, seed, w.types()).generate();
          report.print(
              "cep.reference." + w.name() + ".matches",
              Long.toString(ReferenceCounts.count(w, stream)),
              "matches");
        }
      }
    }
    warmUp(warmup, k);
    Workload seq = Workload.seqWithin();
    for (Backend backend : backends) {
      String p = "cep." + backend + ".";
      List<Run> plan = new ArrayList<>();
      if (runs.contains("baseline") && backend == Backend.heap) {
        plan.add(new Run(p + "baseline", seq, n, BenchJobs::baseline, "events"));
      }
      if (runs.contains("static")) {
        long m = backend == Backend.rocksdb ? staticCap : n;
        if (m < n) {
          report.comment(
              "static on rocksdb: the first %d events only (--static-rocksdb-events)", m);
        }
        String when = seq.whens().get(0);
        plan.add(
            new Run(
                p + "static.seq-within",
                seq,
                m,
                (env, x) -> BenchJobs.staticCep(env, x, when),
                "matches"));
      }
      for (Workload w : Workload.all()) {
        if (runs.contains(w.name())) {
          plan.add(
              new Run(
                  p + "dynamic." + w.name(),
                  w,
                  n,
                  (env, x) -> BenchJobs.dynamicCep(env, x, w),
                  "matches"));
        }
      }
      // rounds rather than repetitions in a row: every run sees the machine's moods alike
      Map<String, List<Report.Result>> results = new LinkedHashMap<>();
      for (int round = 0; round < repeat; round++) {
        for (Run run : plan) {
          results.computeIfAbsent(run.name(), x -> new ArrayList<>()).add(measure(backend, run, k));
          if (round == repeat - 1) {
            report.figures(run.name(), results.get(run.name()), run.counted());
          }
        }
      }
      report.ratio(p + "dynamic-vs-static", p + "dynamic.seq-within", p + "static.seq-within");
      report.ratio(p + "hundred-vs-one", p + "dynamic.hundred", p + "dynamic.seq-within");
      report.ratio(p + "thousand-vs-one", p + "dynamic.thousand", p + "dynamic.seq-within");
    }
    if (options.out() != null) {
      report.appendTo(options.out());
    }
    return 0;
  }

  /** Runs both operators once on every backend, so the JIT has seen the code before timing. */
  private void warmUp(long n, int k) throws Exception {
    if (n <= 0) {
      return;
    }
    Workload seq = Workload.seqWithin();
    EventSupply.set(new BenchStream(n, k, options.seed(), seq.types()).generate());
    for (Backend backend : backends) {
      // the static operator is slow on RocksDB from the start; the JIT has seen its code on heap
      long m = backend == Backend.heap ? n : Math.min(n, 5_000);
      execute(backend, env -> BenchJobs.staticCep(env, m, seq.whens().get(0)), "warm-up");
      execute(backend, env -> BenchJobs.dynamicCep(env, m, seq), "warm-up");
    }
    EventSupply.set(new RoutedEvent[0]);
    report.comment("warmed up on %d events", n);
  }

  private Report.Result measure(Backend backend, Run run, int k) throws Exception {
    long n = run.events();
    EventSupply.set(new BenchStream(n, k, options.seed(), run.workload().types()).generate());
    System.gc();
    long gcBefore = JvmTimes.gcMillis();
    execute(backend, env -> run.job().accept(env, n), run.name());
    long gc = JvmTimes.gcMillis() - gcBefore;
    EventSupply.set(new RoutedEvent[0]);
    double seconds = RunMeter.elapsedNanos() / 1e9;
    return new Report.Result(
        n / seconds, n / (RunMeter.taskCpuNanos() / 1e9), RunMeter.count(), seconds, gc);
  }

  private void execute(
      Backend backend, java.util.function.Consumer<StreamExecutionEnvironment> job, String name)
      throws Exception {
    StreamExecutionEnvironment env = options.environment(backend, parallelism);
    job.accept(env);
    RunMeter.reset();
    env.execute(name);
  }
}
