package io.cxengage.bench.pipeline;

import io.cxengage.job.CxEngageJob;
import io.cxengage.job.EngineJob;
import io.cxengage.job.JobSettings;
import io.cxengage.job.kafka.KafkaIo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.FileUtils;

/**
 * The real job on a local Flink cluster in this JVM, set up as the embedded default sets it up
 * (JobSettings' defaults: parallelism 2, RocksDB, a checkpoint every 10 s, exactly-once reactions,
 * arrival ordering; sends are dry runs, and the patterns only {@code echo}). Either the whole graph
 * of {@link EngineJob#define} or, for the baseline, its front ({@link CxEngageJob#route}) into a
 * discard sink.
 */
final class EngineUnderTest implements AutoCloseable {

  /** Which graph runs. */
  enum Graph {
    WHOLE,
    /** Kafka in, parse, event time, route, discard: the job without the engine. */
    ROUTING_ONLY
  }

  static final String DISCARD = "discard";

  private final JobClient job;
  private final JobSettings settings;
  private final Path checkpoints;

  private EngineUnderTest(JobClient job, JobSettings settings, Path checkpoints) {
    this.job = job;
    this.settings = settings;
    this.checkpoints = checkpoints;
  }

  /** Starts the job on {@code installation}'s current topics; {@code flink} adds options. */
  static EngineUnderTest start(
      BenchInstallation installation, Graph graph, Map<String, String> flink) throws Exception {
    Path checkpoints = Files.createTempDirectory("cx-bench-checkpoints");
    Map<String, String> env = new HashMap<>();
    env.put("CX_KAFKA_BOOTSTRAP", installation.bootstrap());
    env.put("CX_TOPIC_PREFIX", installation.topics().prefix());
    env.put("CX_CHECKPOINT_DIR", checkpoints.toUri().toString());
    env.put("CX_SECRET_KEY", installation.secretKey());
    env.put("CX_DRY_RUN", "true");
    JobSettings settings = JobSettings.from(new String[0], env);

    Configuration conf = EngineJob.configuration(settings);
    OperatorCounters.register(conf);
    flink.forEach(conf::setString);
    OperatorCounters.reset();
    StreamExecutionEnvironment local =
        StreamExecutionEnvironment.createLocalEnvironment(settings.parallelism(), conf);
    if (graph == Graph.WHOLE) {
      EngineJob.define(local, settings);
    } else {
      KafkaIo kafka = EngineJob.kafka(settings);
      CxEngageJob.route(
              kafka.events(local), kafka.config(local), EngineJob.options(kafka, settings))
          .events()
          .sinkTo(new DiscardingSink<>())
          .name(DISCARD);
    }
    return new EngineUnderTest(local.executeAsync("cxengage-bench"), settings, checkpoints);
  }

  JobClient job() {
    return job;
  }

  int parallelism() {
    return settings.parallelism();
  }

  /**
   * Events the last operator of the graph has taken in: the CEP operator's input without the
   * configuration records broadcast to each of its subtasks, or the discard sink's input.
   */
  long eventsThrough(Graph graph) {
    if (graph == Graph.ROUTING_ONLY) {
      return OperatorCounters.sum(DISCARD, "numRecordsIn");
    }
    return OperatorCounters.sum("dynamic CEP", "numRecordsIn")
        - settings.parallelism() * OperatorCounters.sum("config: feed", "numRecordsOut");
  }

  /** Whether every match the CEP operator found has reached the reaction operator. */
  boolean reactionsCaughtUp() {
    long matchesIn =
        OperatorCounters.sum("reactions", "numRecordsIn")
            - settings.parallelism() * OperatorCounters.sum("config: feed", "numRecordsOut");
    return matchesIn >= OperatorCounters.sum("dynamic CEP", "matches");
  }

  long matches() {
    return OperatorCounters.sum("dynamic CEP", "matches");
  }

  /** Events the parser has taken in: the first one starts the clock. */
  long eventsParsed() {
    return OperatorCounters.sum("parse events", "numRecordsIn");
  }

  @Override
  public void close() throws Exception {
    job.cancel().get();
    // retained on cancellation, as in production: hundreds of megabytes per run here
    FileUtils.deleteDirectoryQuietly(checkpoints.toFile());
  }
}
