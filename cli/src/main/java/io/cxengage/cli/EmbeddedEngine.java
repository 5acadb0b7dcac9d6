package io.cxengage.cli;

import io.cxengage.connectors.topics.TopicNames;
import io.cxengage.job.EngineJob;
import io.cxengage.job.JobSettings;
import io.cxengage.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: one JVM with an in-process Kafka broker (KRaft, data under {@code
 * CX_DATA_DIR}), the job on a local Flink cluster (RocksDB, checkpoints under the data folder,
 * resumed from the latest one on restart) and the admin API. SIGTERM and Ctrl-C stop it cleanly.
 */
public final class EmbeddedEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);

  private final Path dataDir;
  private final int kafkaPort;
  private final Map<String, String> env;
  private EmbeddedKafkaBroker broker;
  private JobClient job;
  private final CountDownLatch stopped = new CountDownLatch(1);

  EmbeddedEngine(Path dataDir, int kafkaPort, Map<String, String> env) {
    this.dataDir = dataDir;
    this.kafkaPort = kafkaPort;
    this.env = env;
  }

  static EmbeddedEngine fromEnvironment(Map<String, String> env) {
    Path data = Path.of(env.getOrDefault("CX_DATA_DIR", "data")).toAbsolutePath();
    int kafkaPort = port("CX_KAFKA_PORT", env.getOrDefault("CX_KAFKA_PORT", "9092"));
    return new EmbeddedEngine(data, kafkaPort, env);
  }

  static int port(String option, String value) {
    try {
      int p = Integer.parseInt(value.trim());
      if (p >= 0 && p < 65536) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        option + " must be a port number (0-65535), not '" + value + "'");
  }

  /** Starts everything, prints where to find it, and waits for a stop signal. */
  int runUntilStopped() throws Exception {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  close();
                  stopped.countDown();
                },
                "cxengage-shutdown"));
    start();
    System.out.println("CxEngage is running.");
    System.out.println("  Kafka:  " + broker.bootstrapServers());
    System.out.println("  data:   " + dataDir);
    System.out.println("Stop it with Ctrl-C.");
    System.out.flush();
    stopped.await();
    return 0;
  }

  void start() throws Exception {
    Files.createDirectories(dataDir);
    broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), "127.0.0.1", kafkaPort);
    Map<String, String> jobEnv = new HashMap<>(env);
    jobEnv.put("CX_KAFKA_BOOTSTRAP", broker.bootstrapServers());
    jobEnv.putIfAbsent("CX_CHECKPOINT_DIR", dataDir.resolve("checkpoints").toUri().toString());
    JobSettings settings = JobSettings.from(new String[0], jobEnv);
    int partitions = Math.max(2, settings.parallelism());
    broker.createTopics(new TopicNames(settings.topicPrefix()).newTopics(partitions, (short) 1));
    Configuration conf = EngineJob.configuration(settings);
    latestCheckpoint(dataDir.resolve("checkpoints"))
        .ifPresent(
            cp -> {
              LOG.info("resuming from checkpoint {}", cp);
              conf.set(StateRecoveryOptions.SAVEPOINT_PATH, cp.toUri().toString());
            });
    StreamExecutionEnvironment flink =
        StreamExecutionEnvironment.createLocalEnvironment(settings.parallelism(), conf);
    EngineJob.define(flink, settings);
    job = flink.executeAsync("cxengage");
  }

  /** The newest completed checkpoint under {@code dir} (a {@code chk-N} folder with metadata). */
  static Optional<Path> latestCheckpoint(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.walk(dir, 3)) {
      return s.filter(p -> p.getFileName().toString().equals("_metadata"))
          .map(Path::getParent)
          .filter(p -> p.getFileName().toString().startsWith("chk-"))
          .max(Comparator.comparingLong(EmbeddedEngine::modified));
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  public String kafkaBootstrap() {
    return broker.bootstrapServers();
  }

  @Override
  public synchronized void close() {
    if (job != null) {
      try {
        job.cancel().get();
      } catch (Exception e) {
        LOG.warn("the job did not cancel cleanly: {}", e.getMessage());
      }
      job = null;
    }
    if (broker != null) {
      broker.close();
      broker = null;
    }
  }
}
