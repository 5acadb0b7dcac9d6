package io.cxengage.connectors.listeners;

import io.cxengage.connectors.secrets.SecretCipher;
import io.cxengage.connectors.settings.OptionValues;
import io.cxengage.connectors.topics.TopicNames;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

/**
 * The listener runner's configuration, typed and validated once: a bad value fails at start with a
 * message that names the option. Build it with {@link #from(Map, String...)} (environment and
 * flags) or {@link #defaults(String, String)} and the {@code with...} copies in tests.
 */
public record ListenerRunnerConfig(
    String kafkaBootstrap,
    TopicNames topics,
    SecretCipher cipher,
    String runnerId,
    String runnerGroup,
    int assignmentPartitions,
    URI salesforceLoginUrl,
    URI datasiftUrl,
    Duration requestTimeout,
    Duration reconnectMin,
    Duration reconnectMax,
    Duration silenceLimit,
    int maxEventBytes) {

  public ListenerRunnerConfig {
    OptionValues.require(
        kafkaBootstrap != null && !kafkaBootstrap.isBlank(),
        RunnerOption.KAFKA_BOOTSTRAP,
        "is required");
    OptionValues.require(
        runnerId != null && !runnerId.isBlank() && !runnerId.contains("/"),
        RunnerOption.RUNNER_ID,
        "must be non-empty and contain no '/'");
    OptionValues.require(
        assignmentPartitions >= 1, RunnerOption.ASSIGNMENT_PARTITIONS, "must be at least 1");
    OptionValues.require(
        isUrl(salesforceLoginUrl, "http", "https"),
        RunnerOption.SALESFORCE_LOGIN_URL,
        "must be an http(s) URL");
    OptionValues.require(
        isUrl(datasiftUrl, "ws", "wss"), RunnerOption.DATASIFT_URL, "must be a ws(s) URL");
    OptionValues.require(
        requestTimeout.toMillis() >= 100, RunnerOption.REQUEST_TIMEOUT_MS, "must be >= 100");
    OptionValues.require(
        reconnectMin.toMillis() >= 10, RunnerOption.RECONNECT_MIN_MS, "must be >= 10");
    OptionValues.require(
        reconnectMax.compareTo(reconnectMin) >= 0,
        RunnerOption.RECONNECT_MAX_MS,
        "must be at least reconnect-min-ms");
    OptionValues.require(
        silenceLimit.toMillis() >= 100, RunnerOption.SILENCE_LIMIT_MS, "must be >= 100");
    OptionValues.require(maxEventBytes >= 64, RunnerOption.MAX_EVENT_BYTES, "must be at least 64");
  }

  /** The defaults, on the given Kafka with the given secret key (tests, the embedded default). */
  public static ListenerRunnerConfig defaults(String kafkaBootstrap, String secretKey) {
    return of(
        OptionValues.of(
            RunnerOption.class,
            Map.of(
                RunnerOption.KAFKA_BOOTSTRAP, kafkaBootstrap, RunnerOption.SECRET_KEY, secretKey)));
  }

  /**
   * From the environment ({@code CX_SECRET_KEY}) and flags ({@code --secret-key=...}, which win).
   */
  public static ListenerRunnerConfig from(Map<String, String> environment, String... args) {
    return of(OptionValues.parse(RunnerOption.class, environment, args));
  }

  private static ListenerRunnerConfig of(OptionValues<RunnerOption> values) {
    String secretKey = values.given(RunnerOption.SECRET_KEY);
    OptionValues.require(
        secretKey != null && !secretKey.isBlank(),
        RunnerOption.SECRET_KEY,
        "is required; it is the admin API's secret-key");
    SecretCipher cipher;
    try {
      cipher = SecretCipher.fromBase64(secretKey);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "option " + RunnerOption.SECRET_KEY.display() + ": " + e.getMessage());
    }
    TopicNames topics;
    try {
      topics = new TopicNames(values.text(RunnerOption.TOPIC_PREFIX));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "option " + RunnerOption.TOPIC_PREFIX.display() + ": " + e.getMessage());
    }
    String runnerId = values.given(RunnerOption.RUNNER_ID);
    return new ListenerRunnerConfig(
        values.text(RunnerOption.KAFKA_BOOTSTRAP),
        topics,
        cipher,
        runnerId == null ? defaultRunnerId() : runnerId,
        values.text(RunnerOption.RUNNER_GROUP),
        values.integer(RunnerOption.ASSIGNMENT_PARTITIONS),
        values.uri(RunnerOption.SALESFORCE_LOGIN_URL),
        values.uri(RunnerOption.DATASIFT_URL),
        values.millis(RunnerOption.REQUEST_TIMEOUT_MS),
        values.millis(RunnerOption.RECONNECT_MIN_MS),
        values.millis(RunnerOption.RECONNECT_MAX_MS),
        values.millis(RunnerOption.SILENCE_LIMIT_MS),
        values.integer(RunnerOption.MAX_EVENT_BYTES));
  }

  public ListenerRunnerConfig withRunnerId(String id) {
    return new ListenerRunnerConfig(
        kafkaBootstrap,
        topics,
        cipher,
        id,
        runnerGroup,
        assignmentPartitions,
        salesforceLoginUrl,
        datasiftUrl,
        requestTimeout,
        reconnectMin,
        reconnectMax,
        silenceLimit,
        maxEventBytes);
  }

  /** A copy with services elsewhere (local fakes) and quicker reconnections. */
  public ListenerRunnerConfig withServices(
      URI salesforceLogin, URI datasift, Duration reconnectMin, Duration reconnectMax) {
    return new ListenerRunnerConfig(
        kafkaBootstrap,
        topics,
        cipher,
        runnerId,
        runnerGroup,
        assignmentPartitions,
        salesforceLogin,
        datasift,
        requestTimeout,
        reconnectMin,
        reconnectMax,
        silenceLimit,
        maxEventBytes);
  }

  private static boolean isUrl(URI uri, String... schemes) {
    return uri != null
        && uri.getHost() != null
        && java.util.List.of(schemes).contains(uri.getScheme());
  }

  private static String defaultRunnerId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "runner";
    }
    String pid = ManagementFactory.getRuntimeMXBean().getName().split("@")[0];
    return host + "-" + pid + "-" + Long.toHexString(System.nanoTime() & 0xffff);
  }

  /** Never the key. */
  @Override
  public String toString() {
    return "ListenerRunnerConfig[kafka=" + kafkaBootstrap + ", runner=" + runnerId + "]";
  }
}
