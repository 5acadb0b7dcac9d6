package io.cxengage.admin;

import io.cxengage.admin.stream.StreamSettings;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API's configuration, typed and validated once: a bad value fails at start with a
 * message that names the option. Build it with {@link #from(Map, String...)} (environment and
 * flags) or {@link #defaults(String, String)} in tests.
 */
public record AdminApiConfig(
    String host,
    int port,
    String kafkaBootstrap,
    String topicPrefix,
    int topicPartitions,
    short topicReplication,
    boolean createTopics,
    String secretKey,
    Optional<String> tokenKey,
    Duration tokenLifetime,
    Optional<String> adminClientId,
    Optional<String> adminClientSecret,
    int eventsPerSecond,
    long maxBodyBytes,
    int maxEventBytes,
    int maxBatchEvents,
    long maxBatchBytes,
    Duration kafkaTimeout,
    Duration ticketLifetime,
    int hashIterations,
    StreamSettings stream) {

  public AdminApiConfig {
    require(port >= 0 && port <= 65535, Option.PORT, "must be between 0 and 65535");
    require(topicPartitions >= 1, Option.TOPIC_PARTITIONS, "must be at least 1");
    require(topicReplication >= 1, Option.TOPIC_REPLICATION, "must be at least 1");
    require(
        kafkaBootstrap != null && !kafkaBootstrap.isBlank(), Option.KAFKA_BOOTSTRAP, "is required");
    require(
        secretKey != null && !secretKey.isBlank(),
        Option.SECRET_KEY,
        "is required; generate one with: openssl rand -base64 32");
    require(
        decodedLength(secretKey) == 32, Option.SECRET_KEY, "must be base64 of exactly 32 bytes");
    tokenKey.ifPresent(
        k ->
            require(
                decodedLength(k) >= 32, Option.TOKEN_KEY, "must be base64 of at least 32 bytes"));
    require(
        !tokenLifetime.isNegative() && !tokenLifetime.isZero(),
        Option.TOKEN_LIFETIME_SECONDS,
        "must be positive");
    require(
        adminClientId.isPresent() == adminClientSecret.isPresent(),
        Option.ADMIN_CLIENT_SECRET,
        "admin-client-id and admin-client-secret must be given together");
    adminClientId.ifPresent(
        id ->
            require(
                !id.contains("/") && !id.contains(":"),
                Option.ADMIN_CLIENT_ID,
                "must not contain '/' or ':'"));
    adminClientSecret.ifPresent(
        s ->
            require(
                s.length() >= 12, Option.ADMIN_CLIENT_SECRET, "must have at least 12 characters"));
    require(eventsPerSecond >= 1, Option.EVENTS_PER_SECOND, "must be at least 1");
    require(maxBodyBytes >= 1024, Option.MAX_BODY_BYTES, "must be at least 1024");
    require(maxEventBytes >= 64, Option.MAX_EVENT_BYTES, "must be at least 64");
    require(maxBatchEvents >= 1, Option.MAX_BATCH_EVENTS, "must be at least 1");
    require(
        maxBatchBytes >= maxEventBytes, Option.MAX_BATCH_BYTES, "must be at least max-event-bytes");
    require(kafkaTimeout.toMillis() >= 100, Option.KAFKA_TIMEOUT_MS, "must be at least 100");
    require(ticketLifetime.toSeconds() >= 1, Option.TICKET_LIFETIME_SECONDS, "must be at least 1");
    require(hashIterations >= 1000, Option.HASH_ITERATIONS, "must be at least 1000");
    require(stream.queueLimit() >= 1, Option.STREAM_QUEUE_LIMIT, "must be at least 1");
    require(
        stream.pingInterval().toSeconds() >= 1, Option.STREAM_PING_SECONDS, "must be at least 1");
    require(
        stream.idleTimeout().compareTo(stream.pingInterval()) > 0,
        Option.STREAM_IDLE_TIMEOUT_SECONDS,
        "must be longer than stream-ping-seconds, or idle sockets time out between two pings");
    require(stream.recentSendIds() >= 1, Option.STREAM_RECENT_SEND_IDS, "must be at least 1");
    require(
        stream.partitionRefresh().toSeconds() >= 1,
        Option.STREAM_PARTITION_REFRESH_SECONDS,
        "must be at least 1");
  }

  /** The defaults, with the given Kafka and secret key (tests, the embedded default). */
  public static AdminApiConfig defaults(String kafkaBootstrap, String secretKey) {
    Map<Option, String> values = new EnumMap<>(Option.class);
    values.put(Option.KAFKA_BOOTSTRAP, kafkaBootstrap);
    values.put(Option.SECRET_KEY, secretKey);
    return of(values);
  }

  /**
   * The configuration from the environment ({@code CX_PORT}) and flags ({@code --port=8080}, which
   * win).
   */
  public static AdminApiConfig from(Map<String, String> environment, String... args) {
    Map<Option, String> values = new EnumMap<>(Option.class);
    for (Option option : Option.values()) {
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
      Option option = null;
      for (Option candidate : Option.values()) {
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

  /** A copy on another port. */
  public AdminApiConfig withPort(int newPort) {
    return new AdminApiConfig(
        host,
        newPort,
        kafkaBootstrap,
        topicPrefix,
        topicPartitions,
        topicReplication,
        createTopics,
        secretKey,
        tokenKey,
        tokenLifetime,
        adminClientId,
        adminClientSecret,
        eventsPerSecond,
        maxBodyBytes,
        maxEventBytes,
        maxBatchEvents,
        maxBatchBytes,
        kafkaTimeout,
        ticketLifetime,
        hashIterations,
        stream);
  }

  /** A copy on other Kafka bootstrap servers. */
  public AdminApiConfig withKafkaBootstrap(String servers) {
    return new AdminApiConfig(
        host,
        port,
        servers,
        topicPrefix,
        topicPartitions,
        topicReplication,
        createTopics,
        secretKey,
        tokenKey,
        tokenLifetime,
        adminClientId,
        adminClientSecret,
        eventsPerSecond,
        maxBodyBytes,
        maxEventBytes,
        maxBatchEvents,
        maxBatchBytes,
        kafkaTimeout,
        ticketLifetime,
        hashIterations,
        stream);
  }

  /** A copy with a configured bootstrap admin. */
  public AdminApiConfig withAdmin(String clientId, String clientSecret) {
    return new AdminApiConfig(
        host,
        port,
        kafkaBootstrap,
        topicPrefix,
        topicPartitions,
        topicReplication,
        createTopics,
        secretKey,
        tokenKey,
        tokenLifetime,
        Optional.of(clientId),
        Optional.of(clientSecret),
        eventsPerSecond,
        maxBodyBytes,
        maxEventBytes,
        maxBatchEvents,
        maxBatchBytes,
        kafkaTimeout,
        ticketLifetime,
        hashIterations,
        stream);
  }

  /** A copy with another default event rate. */
  public AdminApiConfig withEventsPerSecond(int rate) {
    return new AdminApiConfig(
        host,
        port,
        kafkaBootstrap,
        topicPrefix,
        topicPartitions,
        topicReplication,
        createTopics,
        secretKey,
        tokenKey,
        tokenLifetime,
        adminClientId,
        adminClientSecret,
        rate,
        maxBodyBytes,
        maxEventBytes,
        maxBatchEvents,
        maxBatchBytes,
        kafkaTimeout,
        ticketLifetime,
        hashIterations,
        stream);
  }

  /** A copy with another PBKDF2 work factor (tests use a small one). */
  public AdminApiConfig withHashIterations(int iterations) {
    return new AdminApiConfig(
        host,
        port,
        kafkaBootstrap,
        topicPrefix,
        topicPartitions,
        topicReplication,
        createTopics,
        secretKey,
        tokenKey,
        tokenLifetime,
        adminClientId,
        adminClientSecret,
        eventsPerSecond,
        maxBodyBytes,
        maxEventBytes,
        maxBatchEvents,
        maxBatchBytes,
        kafkaTimeout,
        ticketLifetime,
        iterations,
        stream);
  }

  /** A copy with other WebSocket relay settings. */
  public AdminApiConfig withStream(StreamSettings settings) {
    return new AdminApiConfig(
        host,
        port,
        kafkaBootstrap,
        topicPrefix,
        topicPartitions,
        topicReplication,
        createTopics,
        secretKey,
        tokenKey,
        tokenLifetime,
        adminClientId,
        adminClientSecret,
        eventsPerSecond,
        maxBodyBytes,
        maxEventBytes,
        maxBatchEvents,
        maxBatchBytes,
        kafkaTimeout,
        ticketLifetime,
        hashIterations,
        settings);
  }

  /** The key that signs tokens: the configured one, or one derived from the secret key. */
  public byte[] tokenKeyBytes() {
    return tokenKey
        .map(k -> Base64.getDecoder().decode(k.trim()))
        .orElseGet(
            () ->
                io.cxengage.admin.auth.TokenIssuer.deriveKey(
                    Base64.getDecoder().decode(secretKey.trim())));
  }

  private static AdminApiConfig of(Map<Option, String> values) {
    return new AdminApiConfig(
        text(values, Option.HOST),
        integer(values, Option.PORT),
        text(values, Option.KAFKA_BOOTSTRAP),
        text(values, Option.TOPIC_PREFIX),
        integer(values, Option.TOPIC_PARTITIONS),
        (short) integer(values, Option.TOPIC_REPLICATION),
        bool(values, Option.CREATE_TOPICS),
        text(values, Option.SECRET_KEY),
        Optional.ofNullable(text(values, Option.TOKEN_KEY)),
        Duration.ofSeconds(number(values, Option.TOKEN_LIFETIME_SECONDS)),
        Optional.ofNullable(text(values, Option.ADMIN_CLIENT_ID)),
        Optional.ofNullable(text(values, Option.ADMIN_CLIENT_SECRET)),
        integer(values, Option.EVENTS_PER_SECOND),
        number(values, Option.MAX_BODY_BYTES),
        integer(values, Option.MAX_EVENT_BYTES),
        integer(values, Option.MAX_BATCH_EVENTS),
        number(values, Option.MAX_BATCH_BYTES),
        Duration.ofMillis(number(values, Option.KAFKA_TIMEOUT_MS)),
        Duration.ofSeconds(number(values, Option.TICKET_LIFETIME_SECONDS)),
        integer(values, Option.HASH_ITERATIONS),
        new StreamSettings(
            integer(values, Option.STREAM_QUEUE_LIMIT),
            Duration.ofSeconds(number(values, Option.STREAM_PING_SECONDS)),
            Duration.ofSeconds(number(values, Option.STREAM_IDLE_TIMEOUT_SECONDS)),
            integer(values, Option.STREAM_RECENT_SEND_IDS),
            Duration.ofSeconds(number(values, Option.STREAM_PARTITION_REFRESH_SECONDS))));
  }

  private static String text(Map<Option, String> values, Option option) {
    return values.getOrDefault(option, option.defaultValue());
  }

  private static long number(Map<Option, String> values, Option option) {
    String text = text(values, option);
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException(
          "option " + option.display() + " must be a whole number, got '" + text + "'");
    }
  }

  private static int integer(Map<Option, String> values, Option option) {
    long value = number(values, option);
    if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
      throw new IllegalArgumentException("option " + option.display() + " is too large: " + value);
    }
    return (int) value;
  }

  private static boolean bool(Map<Option, String> values, Option option) {
    String text = text(values, option).trim();
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException(
          "option " + option.display() + " must be true or false, got '" + text + "'");
    }
    return Boolean.parseBoolean(text);
  }

  private static int decodedLength(String base64) {
    if (base64 == null) {
      return -1;
    }
    try {
      return Base64.getDecoder().decode(base64.trim()).length;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private static void require(boolean ok, Option option, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("option " + option.display() + " " + problem);
    }
  }
}
