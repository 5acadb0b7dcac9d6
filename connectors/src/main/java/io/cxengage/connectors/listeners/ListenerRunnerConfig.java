package io.cxengage.connectors.listeners;

import io.cxengage.connectors.secrets.SecretCipher;
import io.cxengage.connectors.topics.TopicNames;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumMap;
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
    require(
        kafkaBootstrap != null && !kafkaBootstrap.isBlank(),
        RunnerOption.KAFKA_BOOTSTRAP,
        "is required");
    require(
        runnerId != null && !runnerId.isBlank() && !runnerId.contains("/"),
        RunnerOption.RUNNER_ID,
        "must be non-empty and contain no '/'");
    require(assignmentPartitions >= 1, RunnerOption.ASSIGNMENT_PARTITIONS, "must be at least 1");
    require(
        isUrl(salesforceLoginUrl, "http", "https"),
        RunnerOption.SALESFORCE_LOGIN_URL,
        "must be an http(s) URL");
    require(isUrl(datasiftUrl, "ws", "wss"), RunnerOption.DATASIFT_URL, "must be a ws(s) URL");
    require(requestTimeout.toMillis() >= 100, RunnerOption.REQUEST_TIMEOUT_MS, "must be >= 100");
    require(reconnectMin.toMillis() >= 10, RunnerOption.RECONNECT_MIN_MS, "must be >= 10");
    require(
        reconnectMax.compareTo(reconnectMin) >= 0,
        RunnerOption.RECONNECT_MAX_MS,
        "must be at least reconnect-min-ms");
    require(silenceLimit.toMillis() >= 100, RunnerOption.SILENCE_LIMIT_MS, "must be >= 100");
    require(maxEventBytes >= 64, RunnerOption.MAX_EVENT_BYTES, "must be at least 64");
  }

  /** The defaults, on the given Kafka with the given secret key (tests, the embedded default). */
  public static ListenerRunnerConfig defaults(String kafkaBootstrap, String secretKey) {
    Map<RunnerOption, String> values = new EnumMap<>(RunnerOption.class);
    values.put(RunnerOption.KAFKA_BOOTSTRAP, kafkaBootstrap);
    values.put(RunnerOption.SECRET_KEY, secretKey);
    return of(values);
  }

  /**
   * From the environment ({@code CX_SECRET_KEY}) and flags ({@code --secret-key=...}, which win).
   */
  public static ListenerRunnerConfig from(Map<String, String> environment, String... args) {
    Map<RunnerOption, String> values = new EnumMap<>(RunnerOption.class);
    for (RunnerOption option : RunnerOption.values()) {
      String value = environment.get(option.env());
      if (value != null && !value.isEmpty()) {
        values.put(option, value);
      }
    }
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("unknown argument '" + arg + "': use --option=value");
      }
      String flag = arg.substring(2, arg.indexOf('='));
      RunnerOption option = null;
      for (RunnerOption candidate : RunnerOption.values()) {
        if (candidate.flag().equals(flag)) {
          option = candidate;
        }
      }
      if (option == null) {
        throw new IllegalArgumentException("unknown option --" + flag);
      }
      values.put(option, arg.substring(arg.indexOf('=') + 1));
    }
    return of(values);
  }

  private static ListenerRunnerConfig of(Map<RunnerOption, String> values) {
    String secretKey = values.get(RunnerOption.SECRET_KEY);
    require(
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
      topics = new TopicNames(text(values, RunnerOption.TOPIC_PREFIX));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "option " + RunnerOption.TOPIC_PREFIX.display() + ": " + e.getMessage());
    }
    String runnerId = values.get(RunnerOption.RUNNER_ID);
    return new ListenerRunnerConfig(
        text(values, RunnerOption.KAFKA_BOOTSTRAP),
        topics,
        cipher,
        runnerId == null ? defaultRunnerId() : runnerId,
        text(values, RunnerOption.RUNNER_GROUP),
        integer(values, RunnerOption.ASSIGNMENT_PARTITIONS),
        uri(values, RunnerOption.SALESFORCE_LOGIN_URL),
        uri(values, RunnerOption.DATASIFT_URL),
        millis(values, RunnerOption.REQUEST_TIMEOUT_MS),
        millis(values, RunnerOption.RECONNECT_MIN_MS),
        millis(values, RunnerOption.RECONNECT_MAX_MS),
        millis(values, RunnerOption.SILENCE_LIMIT_MS),
        integer(values, RunnerOption.MAX_EVENT_BYTES));
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

  private static String text(Map<RunnerOption, String> values, RunnerOption option) {
    String value = values.getOrDefault(option, option.defaultValue());
    return value == null ? "" : value;
  }

  private static int integer(Map<RunnerOption, String> values, RunnerOption option) {
    String value = text(values, option);
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "option " + option.display() + " must be a whole number, not '" + value + "'");
    }
  }

  private static Duration millis(Map<RunnerOption, String> values, RunnerOption option) {
    return Duration.ofMillis(integer(values, option));
  }

  private static URI uri(Map<RunnerOption, String> values, RunnerOption option) {
    String value = text(values, option);
    try {
      return URI.create(value.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "option " + option.display() + " must be a URL, not '" + value + "'");
    }
  }

  private static boolean isUrl(URI uri, String... schemes) {
    return uri != null
        && uri.getHost() != null
        && java.util.List.of(schemes).contains(uri.getScheme());
  }

  private static void require(boolean condition, RunnerOption option, String problem) {
    if (!condition) {
      throw new IllegalArgumentException("option " + option.display() + " " + problem);
    }
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
