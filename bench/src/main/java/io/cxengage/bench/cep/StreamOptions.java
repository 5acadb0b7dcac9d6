package io.cxengage.bench.cep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Option;

/**
 * The options every bench over the workload stream of bench-workloads.md shares (a picocli mixin),
 * so that {@code bench/run.sh}'s extra arguments mean the same to each, and the local cluster they
 * run their jobs on.
 */
public final class StreamOptions {

  /** A state backend a bench runs on. */
  public enum Backend {
    heap("hashmap"),
    rocksdb("rocksdb");

    final String option;

    Backend(String option) {
      this.option = option;
    }
  }

  @Option(
      names = "--quick",
      description = "Sized for a quick look: 100,000 events over 10,000 keys.")
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
      names = "--warmup-events",
      description = "Events of the warm-up runs (default: a fifth of the stream, at most 100,000).")
  Long warmupEvents;

  @Option(
      names = "--rocksdb-dir",
      description = "Where RocksDB keeps its files (default: a new temporary directory).")
  Path rocksdbDir;

  @Option(
      names = "--repeat",
      description = "Measure every figure this many times, in rounds, and report the median (1).")
  int repeat = 1;

  @Option(names = "--out", description = "Also append the figure lines to this file.")
  Path out;

  public boolean quick() {
    return quick;
  }

  public long events() {
    return events(100_000);
  }

  /** The events of the stream, {@code quickEvents} in a quick run unless given. */
  public long events(long quickEvents) {
    return events != null ? events : quick ? quickEvents : 1_000_000;
  }

  public int keys() {
    return keys != null ? keys : quick ? 10_000 : 100_000;
  }

  public long seed() {
    return seed;
  }

  public long warmupEvents() {
    return warmupEvents != null ? warmupEvents : Math.min(events() / 5, 100_000);
  }

  public int repeat() {
    return repeat;
  }

  /** Where to append the figure lines; null: nowhere. */
  public Path out() {
    return out;
  }

  /** A local environment on {@code backend}, RocksDB's files in {@code --rocksdb-dir}. */
  public StreamExecutionEnvironment environment(Backend backend, int parallelism)
      throws IOException {
    if (rocksdbDir == null) {
      rocksdbDir = Files.createTempDirectory("bench-rocksdb");
      rocksdbDir.toFile().deleteOnExit(); // Flink removes its own directories inside
    }
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, backend.option);
    conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
    if (backend == Backend.rocksdb) {
      conf.set(RocksDBOptions.LOCAL_DIRECTORIES, rocksdbDir.toString());
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    return env;
  }
}
