package io.cxengage.cli;

import io.cxengage.admin.AdminApi;
import io.cxengage.admin.AdminApiConfig;
import io.cxengage.connectors.listeners.ListenerRunner;
import io.cxengage.connectors.listeners.ListenerRunnerConfig;
import io.cxengage.connectors.secrets.SecretCipher;
import io.cxengage.connectors.topics.TopicNames;
import io.cxengage.job.EngineJob;
import io.cxengage.job.JobSettings;
import io.cxengage.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
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
 * CX_DATA_DIR}, default {@code ./data}), the job on a local Flink cluster (RocksDB, checkpoints
 * under the data folder, resumed from the latest one after a restart), the admin API and the
 * listener runner. With {@code CX_KAFKA_BOOTSTRAP} set it uses that Kafka instead of starting one.
 * SIGTERM and Ctrl-C stop it cleanly.
 */
public final class EmbeddedEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngine.class);

  private final Path dataDir;
  private final Map<String, String> env;
  private final PrintStream console;
  private final List<AutoCloseable> running = new ArrayList<>();
  private EmbeddedKafkaBroker broker;
  private AdminApi adminApi;
  private JobClient job;
  private String kafkaBootstrap;
  private final CountDownLatch stopped = new CountDownLatch(1);

  EmbeddedEngine(Path dataDir, Map<String, String> env, PrintStream console) {
    this.dataDir = dataDir;
    this.env = env;
    this.console = console;
  }

  static EmbeddedEngine fromEnvironment(Map<String, String> env, PrintStream console) {
    Path data = Path.of(env.getOrDefault("CX_DATA_DIR", "data")).toAbsolutePath();
    return new EmbeddedEngine(data, env, console);
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
    stopped.await();
    return 0;
  }

  void start() throws Exception {
    Files.createDirectories(dataDir);
    Map<String, String> settings = new HashMap<>(env);
    String secretKey =
        env.containsKey("CX_SECRET_KEY")
            ? env.get("CX_SECRET_KEY")
            : persisted("secret.key", SecretCipher::generateKey);
    settings.put("CX_SECRET_KEY", secretKey);
    Credentials admin = adminCredentials();
    settings.put("CX_ADMIN_CLIENT_ID", admin.id());
    settings.put("CX_ADMIN_CLIENT_SECRET", admin.secret());

    kafkaBootstrap = env.get("CX_KAFKA_BOOTSTRAP");
    if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
      int kafkaPort = port("CX_KAFKA_PORT", env.getOrDefault("CX_KAFKA_PORT", "9092"));
      broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), "127.0.0.1", kafkaPort);
      running.add(broker);
      kafkaBootstrap = broker.bootstrapServers();
    }
    settings.put("CX_KAFKA_BOOTSTRAP", kafkaBootstrap);
    settings.putIfAbsent("CX_CHECKPOINT_DIR", dataDir.resolve("checkpoints").toUri().toString());
    JobSettings jobSettings = JobSettings.from(new String[0], settings);
    TopicNames topics = new TopicNames(jobSettings.topicPrefix());
    if (broker != null) {
      broker.createTopics(topics.newTopics(Math.max(2, jobSettings.parallelism()), (short) 1));
    }

    settings.put("CX_PORT", env.getOrDefault("CX_HTTP_PORT", "8080"));
    settings.remove("CX_HOST");
    AdminApiConfig adminConfig = AdminApiConfig.from(settings);
    adminApi =
        AdminApi.start(
            adminConfig, topics, SecretCipher.fromBase64(secretKey), Clock.systemUTC(), console);
    running.add(adminApi);
    running.add(ListenerRunner.start(ListenerRunnerConfig.from(settings)));

    Configuration conf = EngineJob.configuration(jobSettings);
    latestCheckpoint(dataDir.resolve("checkpoints"))
        .ifPresent(
            cp -> {
              LOG.info("resuming from checkpoint {}", cp);
              conf.set(StateRecoveryOptions.SAVEPOINT_PATH, cp.toUri().toString());
            });
    StreamExecutionEnvironment flink =
        StreamExecutionEnvironment.createLocalEnvironment(jobSettings.parallelism(), conf);
    EngineJob.define(flink, jobSettings);
    job = flink.executeAsync("cxengage");
    printWelcome(admin);
  }

  private void printWelcome(Credentials admin) {
    String api = "http://localhost:" + adminApi.port();
    console.println();
    console.println("CxEngage is running.");
    console.println("  admin API      " + api + "   (OpenAPI: " + api + "/openapi.json)");
    console.println(
        "  Kafka          "
            + kafkaBootstrap
            + "   (topics "
            + String.join(", ", topicNames())
            + ")");
    console.println("  data           " + dataDir);
    console.println("  admin client   id " + admin.id() + "  secret " + admin.secret());
    console.println();
    console.println("Quick start (README.md has the whole tutorial):");
    console.println(
        "  TOKEN=$(curl -s -u "
            + admin.id()
            + ":"
            + admin.secret()
            + " -d grant_type=client_credentials "
            + api
            + "/1.0/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
    console.println(
        "  curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' -d '{\"id\":\"demo\",\"name\":\"Demo\"}' "
            + api
            + "/1.0/tenants");
    console.println(
        "  ./cxengage reactions --kafka " + kafkaBootstrap + "      # follow the reactions");
    console.println();
    console.println("Stop it with Ctrl-C.");
    console.flush();
  }

  private List<String> topicNames() {
    TopicNames t = new TopicNames(env.getOrDefault("CX_TOPIC_PREFIX", ""));
    return List.of(t.events(), t.config(), t.reactions(), t.stream(), t.deadletter());
  }

  /** The admin client: from the environment, or generated once and kept in the data folder. */
  private Credentials adminCredentials() throws IOException {
    String id = env.get("CX_ADMIN_CLIENT_ID");
    String secret = env.get("CX_ADMIN_CLIENT_SECRET");
    if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
      return new Credentials(id, secret);
    }
    Path file = dataDir.resolve("admin.properties");
    Properties p = new Properties();
    if (Files.exists(file)) {
      try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
      }
    } else {
      p.setProperty("client-id", "admin");
      p.setProperty("client-secret", UUID.randomUUID().toString().replace("-", ""));
      writePrivate(file, w -> p.store(w, "the embedded engine's platform admin"));
    }
    return new Credentials(p.getProperty("client-id"), p.getProperty("client-secret"));
  }

  private record Credentials(String id, String secret) {}

  private interface Writer {
    void write(java.io.Writer w) throws IOException;
  }

  private String persisted(String name, java.util.function.Supplier<String> generate)
      throws IOException {
    Path file = dataDir.resolve(name);
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    String value = generate.get();
    writePrivate(file, w -> w.write(value));
    return value;
  }

  private static void writePrivate(Path file, Writer content) throws IOException {
    try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      content.write(w);
    }
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the folder's own permissions apply
    }
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

  String kafkaBootstrap() {
    return kafkaBootstrap;
  }

  int httpPort() {
    return adminApi.port();
  }

  @Override
  public synchronized void close() {
    if (job != null) {
      try {
        job.cancel().get();
      } catch (Exception e) {
        LOG.warn("the job did not stop cleanly: {}", e.getMessage());
      }
      job = null;
    }
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        LOG.warn(
            "{} did not stop cleanly: {}",
            running.get(i).getClass().getSimpleName(),
            e.getMessage());
      }
    }
    running.clear();
  }
}
