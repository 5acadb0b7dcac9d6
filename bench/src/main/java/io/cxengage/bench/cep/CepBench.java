package io.cxengage.bench.cep;

import io.cxengage.job.model.RoutedEvent;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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

  /** A state backend the bench runs on. */
  enum Backend {
    heap("hashmap"),
    rocksdb("rocksdb");

    final String option;

    Backend(String option) {
      this.option = option;
    }
  }

  /** The runs, by name: {@code --runs} selects among them. */
  static final List<String> RUNS =
      List.of("baseline", "static", "seq-within", "loyalty", "hundred", "thousand");

  @Option(
      names = "--quick",
      description = "Sized for a few minutes: 200,000 events over 20,000 keys.")
  boolean quick;

  @Option(names = "--events", description = "Events in the stream (default 1,000,000).")
  Long events;

  @Option(names = "--keys", description = "Keys (customers) in the stream (default 100,000).")
  Integer keys;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "SplitMix64 seed (${DEFAULT-VALUE}).")
  long seed;

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
              + " quadratically there (default 20,000, quick 10,000; 0 = all).")
  Long staticRocksdbEvents;

  @Option(
      names = "--warmup-events",
      description = "Events of the warm-up runs (default: a fifth of the stream, at most 100,000).")
  Long warmupEvents;

  @Option(
      names = "--rocksdb-dir",
      description = "Where RocksDB keeps its files (default: a new temporary directory).")
  Path rocksdbDir;

  @Option(names = "--out", description = "Also append the figure lines to this file.")
  Path out;

  private final PrintStream console = System.out;
  private final Map<String, Double> figures = new LinkedHashMap<>();
  private final Map<String, Double> cpuFigures = new LinkedHashMap<>();
  private final List<String> lines = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(
        new CommandLine(new CepBench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long n = events != null ? events : quick ? 200_000 : 1_000_000;
    int k = keys != null ? keys : quick ? 20_000 : 100_000;
    long staticCap = staticRocksdbEvents != null ? staticRocksdbEvents : quick ? 10_000 : 20_000;
    staticCap = staticCap <= 0 ? n : Math.min(n, staticCap);
    long warmup = warmupEvents != null ? warmupEvents : Math.min(n / 5, 100_000);
    for (String run : runs) {
      if (!RUNS.contains(run)) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "unknown run '" + run + "'; known: " + RUNS);
      }
    }
    if (rocksdbDir == null) {
      rocksdbDir = Files.createTempDirectory("cep-bench-rocksdb");
      rocksdbDir.toFile().deleteOnExit(); // Flink removes its own directories inside
    }
    console.printf(
        Locale.ROOT,
        "# cep bench: %d events, %d keys, seed %d, parallelism %d, backends %s, runs %s%n",
        n,
        k,
        seed,
        parallelism,
        backends,
        runs);

    warmUp(warmup, k);
    Workload seq = Workload.seqWithin();
    for (Backend backend : backends) {
      String p = "cep." + backend + ".";
      if (runs.contains("baseline") && backend == Backend.heap) {
        measure(
            p + "baseline", backend, seq, n, k, (env, m) -> BenchJobs.baseline(env, m), "events");
      }
      if (runs.contains("static")) {
        long m = backend == Backend.rocksdb ? staticCap : n;
        if (m < n) {
          console.printf(
              Locale.ROOT,
              "# static on rocksdb: the first %d events only (--static-rocksdb-events)%n",
              m);
        }
        measure(
            p + "static.seq-within",
            backend,
            seq,
            m,
            k,
            (env, x) -> BenchJobs.staticCep(env, x, seq.whens().get(0)),
            "matches");
      }
      for (Workload w : Workload.all()) {
        if (runs.contains(w.name())) {
          measure(
              p + "dynamic." + w.name(),
              backend,
              w,
              n,
              k,
              (env, m) -> BenchJobs.dynamicCep(env, m, w),
              "matches");
        }
      }
      ratio(p + "dynamic-vs-static", p + "dynamic.seq-within", p + "static.seq-within");
      ratio(p + "hundred-vs-one", p + "dynamic.hundred", p + "dynamic.seq-within");
      ratio(p + "thousand-vs-one", p + "dynamic.thousand", p + "dynamic.seq-within");
    }
    if (out != null) {
      Files.write(
          out, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    return 0;
  }

  /** Runs both operators once on every backend, so the JIT has seen the code before timing. */
  private void warmUp(long n, int k) throws Exception {
    if (n <= 0) {
      return;
    }
    Workload seq = Workload.seqWithin();
    RoutedEvent[] generated = new BenchStream(n, k, seed, seq.types()).generate();
    EventSupply.set(generated);
    for (Backend backend : backends) {
      // the static operator is slow on RocksDB from the start; the JIT has seen its code on heap
      long m = backend == Backend.heap ? n : Math.min(n, 5_000);
      execute(backend, env -> BenchJobs.staticCep(env, m, seq.whens().get(0)), "warm-up");
      execute(backend, env -> BenchJobs.dynamicCep(env, m, seq), "warm-up");
    }
    EventSupply.set(new RoutedEvent[0]);
    console.printf(Locale.ROOT, "# warmed up on %d events%n", n);
  }

  private void measure(
      String name,
      Backend backend,
      Workload workload,
      long n,
      int k,
      BiConsumer<StreamExecutionEnvironment, Long> job,
      String counted)
      throws Exception {
    EventSupply.set(new BenchStream(n, k, seed, workload.types()).generate());
    System.gc();
    long gcBefore = gcMillis();
    execute(backend, env -> job.accept(env, n), name);
    long gc = gcMillis() - gcBefore;
    EventSupply.set(new RoutedEvent[0]);
    double seconds = RunMeter.elapsedNanos() / 1e9;
    double rate = n / seconds;
    figures.put(name, rate);
    print(name, String.format(Locale.ROOT, "%.0f", rate), "events/s");
    print(name + ".matches", Long.toString(RunMeter.count()), counted);
    print(name + ".seconds", String.format(Locale.ROOT, "%.2f", seconds), "s");
    print(name + ".gc", Long.toString(gc), "ms");
    double cpuRate = n / (RunMeter.taskCpuNanos() / 1e9);
    cpuFigures.put(name, cpuRate);
    print(name + ".per-task-cpu", String.format(Locale.ROOT, "%.0f", cpuRate), "events/cpu-s");
  }

  private void execute(
      Backend backend, java.util.function.Consumer<StreamExecutionEnvironment> job, String name)
      throws Exception {
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, backend.option);
    conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    if (backend == Backend.rocksdb) {
      conf.set(RocksDBOptions.LOCAL_DIRECTORIES, rocksdbDir.toString());
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    job.accept(env);
    RunMeter.reset();
    env.execute(name);
  }

  /** Collection time of every collector of this JVM so far (the MiniCluster runs in it). */
  private static long gcMillis() {
    long total = 0;
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  private void ratio(String name, String numerator, String denominator) {
    Double a = figures.get(numerator);
    Double b = figures.get(denominator);
    if (a != null && b != null) {
      print(name, String.format(Locale.ROOT, "%.2f", a / b), "x");
      double cpu = cpuFigures.get(numerator) / cpuFigures.get(denominator);
      print(name + ".per-task-cpu", String.format(Locale.ROOT, "%.2f", cpu), "x");
    }
  }

  private void print(String name, String value, String unit) {
    String line = name + ": " + value + " " + unit;
    lines.add(line);
    console.println(line);
    console.flush();
  }
}
