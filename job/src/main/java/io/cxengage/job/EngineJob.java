package io.cxengage.job;

import io.cxengage.connectors.topics.TopicNames;
import io.cxengage.job.kafka.KafkaIo;
import io.cxengage.job.state.CheckpointFriendlyRocksDb;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.changelog.fs.FsStateChangelogOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The engine on Kafka: the job graph of {@link CxEngageJob} between the topics of design.md, with
 * checkpoints, RocksDB state and stable operator ids. {@link #main} is what {@code flink run}
 * starts; the embedded default calls {@link #define} on a local environment.
 */
public final class EngineJob {

  private EngineJob() {}

  public static void main(String[] args) throws Exception {
    JobSettings settings = JobSettings.from(args, System.getenv());
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(configuration(settings));
    define(env, settings);
    env.execute("cxengage");
  }

  /**
   * The Flink configuration the settings ask for: checkpoints, their retention, the backend, the
   * network buffer timeout.
   */
  public static Configuration configuration(JobSettings settings) {
    Configuration conf = new Configuration();
    boolean heap = settings.stateBackend().equals("heap");
    conf.set(StateBackendOptions.STATE_BACKEND, heap ? "hashmap" : "rocksdb");
    if (!heap) {
      conf.set(RocksDBOptions.OPTIONS_FACTORY, CheckpointFriendlyRocksDb.class.getName());
      if (settings.stateChangelog()) {
        // a RocksDB checkpoint flushes and copies the database on the task thread, which held
        // the events for 100-500 ms every 10 s; with the changelog a checkpoint persists the log of
        // changes since the last one, and RocksDB is copied every 10 minutes only (bench/README.md)
        conf.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, true);
        conf.set(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE, "filesystem");
        conf.set(FsStateChangelogOptions.BASE_PATH, changelogDirectory(settings));
        // the changelog cannot take the full copy that a restore which leaves its checkpoint to
        // its owner (NO_CLAIM) needs first: the job claims what it restores from, and Flink deletes
        // it once newer checkpoints subsume it
        conf.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
      }
    }
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofMillis(500));
    // a record waits at most this long for its network buffer to fill: Flink's 100 ms would be most
    // of a reaction's latency; the default 0 sends each record at once, which on 2 cores cost no
    // throughput, as no flusher threads wake every few ms (bench/README.md, "Whole pipeline")
    conf.set(ExecutionOptions.BUFFER_TIMEOUT, settings.bufferTimeout());
    if (!settings.checkpointDir().isBlank()) {
      conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.checkpointDir());
    }
    return conf;
  }

  /**
   * Where the state changelog goes: beside the checkpoints, which refer to its files, or a
   * directory of this machine when checkpoints are kept in memory only.
   */
  static String changelogDirectory(JobSettings settings) {
    String checkpoints = settings.checkpointDir();
    if (checkpoints.isBlank()) {
      return Path.of(System.getProperty("java.io.tmpdir"), "cxengage-changelog").toUri().toString();
    }
    return checkpoints.replaceAll("/+$", "") + "/changelog";
  }

  /** Adds the engine's sources, graph and sinks to {@code env}. */
  public static void define(StreamExecutionEnvironment env, JobSettings settings) {
    env.setParallelism(settings.parallelism());
    KafkaIo kafka = kafka(settings);
    CxEngageJob.Outputs out =
        CxEngageJob.build(
            kafka.events(env),
            kafka.config(env),
            kafka.augmentRows(env),
            options(kafka, settings),
            settings.dispatch());
    kafka.reactions(out.reactions());
    kafka.stream(out.stream());
    kafka.deadLetters(out.deadLetters());
  }

  /** The engine's topics, with reactions and dead letters written exactly once. */
  public static KafkaIo kafka(JobSettings settings) {
    return new KafkaIo(
        settings.bootstrapServers(),
        new TopicNames(settings.topicPrefix()),
        settings.groupId(),
        DeliveryGuarantee.EXACTLY_ONCE);
  }

  /**
   * The graph's options on Kafka: live time, and ready once the configuration log is read as far as
   * it reached when the job started.
   */
  public static JobOptions options(KafkaIo kafka, JobSettings settings) {
    long configEnd = kafka.configEndOffset();
    return new JobOptions(
        settings.tolerance(),
        true,
        settings.ordering(),
        configEnd < 0,
        configEnd,
        settings.testFault(),
        settings.augments());
  }
}
