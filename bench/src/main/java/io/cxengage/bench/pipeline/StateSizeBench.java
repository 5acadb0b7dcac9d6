package io.cxengage.bench.pipeline;

import io.cxengage.bench.Report;
import io.cxengage.bench.pipeline.EngineUnderTest.Graph;
import java.io.DataInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.util.FileUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Bytes of RocksDB state the CEP operator holds per key and per partial match, measured on the real
 * job (embedded default settings) with savepoints of both formats: native (RocksDB's own SST files,
 * what a checkpoint copies) and canonical (Flink's serialised key/values, portable).
 *
 * <p>One pattern, {@code (within 1 hours (seq (event (= type "T0")) (event (= type "T1"))))}, and
 * events of type T0 only, so every event starts a partial match that stays (its window is far away,
 * its second step never comes) and the partial matches are counted exactly. Phase 1 gives each of K
 * keys one event (K partial matches, one per key); phase 2 gives each key a second (2K). Phase 1's
 * state divided by K is the state of a key with one partial match; the growth from phase 1 to phase
 * 2 divided by K is what one more partial match costs.
 */
@Command(
    name = "pipeline-state",
    mixinStandardHelpOptions = true,
    description = "RocksDB state per key and per partial match.")
public final class StateSizeBench implements Callable<Integer> {

  static final String PROBE =
      "(within 1 hours (seq (event (= type \"T0\")) (event (= type \"T1\"))))";

  @Option(names = "--quick", description = "100,000 keys instead of 1,000,000")
  boolean quick;

  @Option(names = "--keys", description = "keys (default 1,000,000)")
  Integer keys;

  private final Report report = new Report(System.out, "per-process-cpu");

  public static void main(String[] args) {
    System.exit(new CommandLine(new StateSizeBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int k = keys != null ? keys : quick ? 100_000 : 1_000_000;
    report.comment("pipeline state: %d keys, 1 then 2 partial matches per key, RocksDB", k);
    PipelineWorkload.Event[] oneEach = new PipelineWorkload.Event[k];
    for (int key = 0; key < k; key++) {
      oneEach[key] = new PipelineWorkload.Event(key, 0, key % 3, key % PipelineWorkload.CODES);
    }
    Path savepoints = Files.createTempDirectory("cx-bench-savepoints");
    try (BenchInstallation installation = new BenchInstallation()) {
      installation.newRun(0);
      installation
          .admin()
          .createPattern(PipelineWorkload.TENANT, "probe", PROBE, PipelineWorkload.THEN);
      try (EngineUnderTest engine = EngineUnderTest.start(installation, Graph.WHOLE, Map.of());
          EventProducer producer =
              new EventProducer(installation.bootstrap(), installation.topics().events())) {
        long next = System.currentTimeMillis();
        long[][] sizes = new long[2][];
        for (int phase = 0; phase < 2; phase++) {
          next = producer.produceAll(oneEach, next);
          long through = (long) k * (phase + 1);
          Await.until(
              () -> engine.eventsThrough(Graph.WHOLE) >= through,
              Duration.ofHours(1),
              through + " events through the CEP operator");
          sizes[phase] =
              new long[] {
                cepKeyedState(engine, savepoints, SavepointFormatType.NATIVE),
                cepKeyedState(engine, savepoints, SavepointFormatType.CANONICAL)
              };
        }
        String[] formats = {"native", "canonical"};
        for (int f = 0; f < 2; f++) {
          String name = "pipeline.state." + formats[f];
          report.print(name + ".keys", Integer.toString(k), "keys");
          report.print(name + ".one-partial-match-each", Long.toString(sizes[0][f]), "bytes");
          report.print(name + ".two-partial-matches-each", Long.toString(sizes[1][f]), "bytes");
          report.print(name + ".per-key", perKey(sizes[0][f], k), "bytes");
          report.print(name + ".per-partial-match", perKey(sizes[1][f] - sizes[0][f], k), "bytes");
        }
      }
    }
    // the savepoints of a million keys take gigabytes
    FileUtils.deleteDirectoryQuietly(savepoints.toFile());
    return 0;
  }

  private static String perKey(long bytes, int keys) {
    return String.format(Locale.ROOT, "%.1f", (double) bytes / keys);
  }

  /** Takes a savepoint and returns the size of the CEP operator's keyed state in it. */
  private long cepKeyedState(EngineUnderTest engine, Path dir, SavepointFormatType format)
      throws Exception {
    String path = engine.job().triggerSavepoint(dir.toUri().toString(), format).get();
    Path metadata = Path.of(java.net.URI.create(path)).resolve("_metadata");
    CheckpointMetadata savepoint;
    try (InputStream in = Files.newInputStream(metadata)) {
      savepoint =
          Checkpoints.loadCheckpointMetadata(
              new DataInputStream(in), getClass().getClassLoader(), path);
    }
    long size = -1;
    for (OperatorState op : savepoint.getOperatorStates()) {
      long keyed = 0;
      for (OperatorSubtaskState subtask : op.getStates()) {
        keyed += subtask.getManagedKeyedState().getStateSize();
      }
      String name = op.getOperatorName().orElse("?") + " (" + op.getOperatorUid().orElse("?") + ")";
      if (keyed > 0) {
        report.comment("%s savepoint: %s keyed state %d bytes", format, name, keyed);
      }
      if (op.getOperatorUid().map("cx-dynamic-cep"::equals).orElse(false)
          || op.getOperatorName().map(n -> n.contains("dynamic CEP")).orElse(false)) {
        size = keyed;
      }
    }
    if (size < 0) {
      throw new IllegalStateException(
          "no state of the CEP operator (uid cx-dynamic-cep) in " + path);
    }
    return size;
  }
}
