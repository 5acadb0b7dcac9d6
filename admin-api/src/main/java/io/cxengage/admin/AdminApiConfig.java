package io.cxengage.admin;

import io.cxengage.admin.stream.StreamSettings;
import io.cxengage.connectors.settings.OptionValues;
import java.time.Duration;
import java.util.Base64;
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
    OptionValues.require(port >= 0 && port <= 65535, Option.PORT, "must be between 0 and 65535");
    OptionValues.require(topicPartitions >= 1, Option.TOPIC_PARTITIONS, "must be at least 1");
    OptionValues.require(topicReplication >= 1, Option.TOPIC_REPLICATION, "must be at least 1");
    OptionValues.require(
        kafkaBootstrap != null && !kafkaBootstrap.isBlank(), Option.KAFKA_BOOTSTRAP, "is required");
    OptionValues.require(
        secretKey != null && !secretKey.isBlank(),
        Option.SECRET_KEY,
        "is required; generate one with: openssl rand -base64 32");
    OptionValues.require(
        decodedLength(secretKey) == 32, Option.SECRET_KEY, "must be base64 of exactly 32 bytes");
    tokenKey.ifPresent(
        k ->
            OptionValues.require(
                decodedLength(k) >= 32, Option.TOKEN_KEY, "must be base64 of at least 32 bytes"));
    OptionValues.require(
        !tokenLifetime.isNegative() && !tokenLifetime.isZero(),
        Option.TOKEN_LIFETIME_SECONDS,
        "must be positive");
    OptionValues.require(
        adminClientId.isPresent() == adminClientSecret.isPresent(),
        Option.ADMIN_CLIENT_SECRET,
        "admin-client-id and admin-client-secret must be given together");
    adminClientId.ifPresent(
        id ->
            OptionValues.require(
                !id.contains("/") && !id.contains(":"),
                Option.ADMIN_CLIENT_ID,
                "must not contain '/' or ':'"));
    adminClientSecret.ifPresent(
        s ->
            OptionValues.require(
                s.length() >= 12, Option.ADMIN_CLIENT_SECRET, "must have at least 12 characters"));
    OptionValues.require(eventsPerSecond >= 1, Option.EVENTS_PER_SECOND, "must be at least 1");
    OptionValues.require(maxBodyBytes >= 1024, Option.MAX_BODY_BYTES, "must be at least 1024");
    OptionValues.require(maxEventBytes >= 64, Option.MAX_EVENT_BYTES, "must be at least 64");
    OptionValues.require(maxBatchEvents >= 1, Option.MAX_BATCH_EVENTS, "must be at least 1");
    OptionValues.require(
        maxBatchBytes >= maxEventBytes, Option.MAX_BATCH_BYTES, "must be at least max-event-bytes");
    OptionValues.require(
        kafkaTimeout.toMillis() >= 100, Option.KAFKA_TIMEOUT_MS, "must be at least 100");
    OptionValues.require(
        ticketLifetime.toSeconds() >= 1, Option.TICKET_LIFETIME_SECONDS, "must be at least 1");
    OptionValues.require(hashIterations >= 1000, Option.HASH_ITERATIONS, "must be at least 1000");
    OptionValues.require(stream.queueLimit() >= 1, Option.STREAM_QUEUE_LIMIT, "must be at least 1");
    OptionValues.require(
        stream.pingInterval().toSeconds() >= 1, Option.STREAM_PING_SECONDS, "must be at least 1");
    OptionValues.require(
        stream.idleTimeout().compareTo(stream.pingInterval()) > 0,
        Option.STREAM_IDLE_TIMEOUT_SECONDS,
        "must be longer than stream-ping-seconds, or idle sockets time out between two pings");
    OptionValues.require(
        stream.recentSendIds() >= 1, Option.STREAM_RECENT_SEND_IDS, "must be at least 1");
    OptionValues.require(
        stream.partitionRefresh().toSeconds() >= 1,
        Option.STREAM_PARTITION_REFRESH_SECONDS,
        "must be at least 1");
  }

  /** The defaults, with the given Kafka and secret key (tests, the embedded default). */
  public static AdminApiConfig defaults(String kafkaBootstrap, String secretKey) {
    return of(
        OptionValues.of(
            Option.class,
            Map.of(Option.KAFKA_BOOTSTRAP, kafkaBootstrap, Option.SECRET_KEY, secretKey)));
  }

  /**
   * The configuration from the environment ({@code CX_PORT}) and flags ({@code --port=8080}, which
   * win).
   */
  public static AdminApiConfig from(Map<String, String> environment, String... args) {
    return of(OptionValues.parse(Option.class, environment, args));
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

  private static AdminApiConfig of(OptionValues<Option> values) {
    return new AdminApiConfig(
        values.text(Option.HOST),
        values.integer(Option.PORT),
        values.text(Option.KAFKA_BOOTSTRAP),
        values.text(Option.TOPIC_PREFIX),
        values.integer(Option.TOPIC_PARTITIONS),
        (short) values.integer(Option.TOPIC_REPLICATION),
        values.bool(Option.CREATE_TOPICS),
        values.text(Option.SECRET_KEY),
        Optional.ofNullable(values.text(Option.TOKEN_KEY)),
        Duration.ofSeconds(values.number(Option.TOKEN_LIFETIME_SECONDS)),
        Optional.ofNullable(values.text(Option.ADMIN_CLIENT_ID)),
        Optional.ofNullable(values.text(Option.ADMIN_CLIENT_SECRET)),
        values.integer(Option.EVENTS_PER_SECOND),
        values.number(Option.MAX_BODY_BYTES),
        values.integer(Option.MAX_EVENT_BYTES),
        values.integer(Option.MAX_BATCH_EVENTS),
        values.number(Option.MAX_BATCH_BYTES),
        Duration.ofMillis(values.number(Option.KAFKA_TIMEOUT_MS)),
        Duration.ofSeconds(values.number(Option.TICKET_LIFETIME_SECONDS)),
        values.integer(Option.HASH_ITERATIONS),
        new StreamSettings(
            values.integer(Option.STREAM_QUEUE_LIMIT),
            Duration.ofSeconds(values.number(Option.STREAM_PING_SECONDS)),
            Duration.ofSeconds(values.number(Option.STREAM_IDLE_TIMEOUT_SECONDS)),
            values.integer(Option.STREAM_RECENT_SEND_IDS),
            Duration.ofSeconds(values.number(Option.STREAM_PARTITION_REFRESH_SECONDS))));
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
}
