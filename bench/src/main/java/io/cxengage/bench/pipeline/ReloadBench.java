package io.cxengage.bench.pipeline;

import io.cxengage.bench.Report;
import io.cxengage.bench.admin.AdminClient;
import io.cxengage.bench.pipeline.EngineUnderTest.Graph;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Pattern hot reload: the time from {@code POST /1.0/tenants/bench/patterns} (real HTTP) answering
 * 201 to the first reaction of the new pattern on {@code cx.reactions}, while the 100-pattern
 * workload flows at a steady rate through the job with the embedded default's settings. Each new
 * pattern is {@code (event (= type "Tn"))}, which one event in ten satisfies, so the wait for a
 * matching event is a few milliseconds at the default rate; it is deleted once it has fired, so the
 * patterns do not pile up. Reactions are read by a {@code read_uncommitted} and a {@code
 * read_committed} reader.
 */
@Command(
    name = "pipeline-reload",
    mixinStandardHelpOptions = true,
    description = "Time from a new pattern's 201 to its first reaction.")
public final class ReloadBench implements Callable<Integer> {

  @Option(names = "--quick", description = "10 reloads instead of 50")
  boolean quick;

  @Option(names = "--reloads", description = "patterns created one after another (default 50)")
  Integer reloads;

  @Option(names = "--rate", description = "events/s flowing meanwhile (default 2,000)")
  double rate = 2_000;

  @Mixin WorkloadOptions workload = new WorkloadOptions();

  private final Report report = new Report(System.out, "per-process-cpu");
  private final Map<String, Long> firstUncommitted = new ConcurrentHashMap<>();
  private final Map<String, Long> firstCommitted = new ConcurrentHashMap<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new ReloadBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int n = reloads != null ? reloads : quick ? 10 : 50;
    report.comment(
        "pipeline reload: %d new patterns over 100, %.0f events/s, embedded default", n, rate);
    Latencies uncommitted = new Latencies();
    Latencies committed = new Latencies();
    try (BenchInstallation installation = new BenchInstallation()) {
      installation.newRun(100);
      AdminClient admin = installation.admin();
      String topic = installation.topics().reactions();
      try (EngineUnderTest engine = EngineUnderTest.start(installation, Graph.WHOLE, Map.of());
          ReactionWatcher a = firstOf(installation, topic, "read_uncommitted", firstUncommitted);
          ReactionWatcher b = firstOf(installation, topic, "read_committed", firstCommitted);
          EventProducer producer =
              new EventProducer(installation.bootstrap(), installation.topics().events())) {
        var done = new AtomicBoolean();
        Thread events =
            new Thread(() -> producer.paced(workload.stream(), rate, done::get), "events");
        events.start();
        Await.until(() -> engine.eventsThrough(Graph.WHOLE) > 0, Duration.ofMinutes(2), "events");
        Thread.sleep(5_000);
        long[] created = new long[n];
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
          String when = "(event (= type \"T" + (i % PipelineWorkload.TYPES) + "\"))";
          String id =
              admin.createPattern(
                  PipelineWorkload.TENANT, "reload" + i, when, PipelineWorkload.THEN);
          created[i] = System.nanoTime();
          ids[i] = id;
          Await.until(
              () -> firstUncommitted.containsKey(id), Duration.ofSeconds(60), "pattern " + id);
          admin.delete("/1.0/tenants/" + PipelineWorkload.TENANT + "/patterns/" + id);
        }
        // read_committed readers see each reaction at the checkpoint after it: waiting for them
        // one pattern at a time would take a checkpoint interval per pattern
        for (int i = 0; i < n; i++) {
          String id = ids[i];
          Await.until(
              () -> firstCommitted.containsKey(id), Duration.ofSeconds(60), "pattern " + id);
          uncommitted.add(Math.max(0, firstUncommitted.get(id) - created[i]) / 1000);
          committed.add(Math.max(0, firstCommitted.get(id) - created[i]) / 1000);
        }
        done.set(true);
        events.join();
      }
    }
    uncommitted.print(report, "pipeline.reload.read-uncommitted");
    committed.print(report, "pipeline.reload.read-committed");
    return 0;
  }

  /** Notes when (System.nanoTime) each pattern's first reaction was seen. */
  private static ReactionWatcher firstOf(
      BenchInstallation installation, String topic, String isolation, Map<String, Long> first) {
    return new ReactionWatcher(
        installation.bootstrap(),
        topic,
        isolation,
        (reaction, seen) ->
            first.putIfAbsent(reaction.path("pattern").asText(), System.nanoTime()));
  }
}
