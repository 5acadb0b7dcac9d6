package io.cxengage.admin;

import io.cxengage.connectors.settings.ServiceOption;

/**
 * The configuration options of the admin API: each has a flag name ({@code --port=8080}), an
 * environment variable ({@code CX_PORT}), a default and a description. Flags win over the
 * environment.
 */
public enum Option implements ServiceOption {
  HOST("host", "0.0.0.0", "interface the HTTP server listens on"),
  PORT("port", "8080", "HTTP port; 0 picks a free one"),
  KAFKA_BOOTSTRAP("kafka-bootstrap", "localhost:9092", "Kafka bootstrap servers"),
  TOPIC_PREFIX("topic-prefix", "", "prefix of every topic name, to share a Kafka cluster"),
  TOPIC_PARTITIONS(
      "topic-partitions", "3", "partitions of topics created at start (cx.config always has 1)"),
  TOPIC_REPLICATION("topic-replication", "1", "replication factor of topics created at start"),
  CREATE_TOPICS("create-topics", "true", "create missing topics at start"),
  SECRET_KEY(
      "secret-key",
      null,
      "required: base64 of 32 random bytes (openssl rand -base64 32); encrypts integration"
          + " secrets and, unless token-key is set, signs tokens"),
  TOKEN_KEY("token-key", null, "base64 of at least 32 bytes that signs bearer tokens"),
  TOKEN_LIFETIME_SECONDS("token-lifetime-seconds", "2592000", "lifetime of a bearer token"),
  ADMIN_CLIENT_ID("admin-client-id", null, "client id of the bootstrap platform admin"),
  ADMIN_CLIENT_SECRET("admin-client-secret", null, "client secret of the bootstrap platform admin"),
  EVENTS_PER_SECOND(
      "events-per-second", "1000", "default per-tenant event rate limit (tenant field overrides)"),
  MAX_BODY_BYTES("max-body-bytes", "1048576", "largest JSON request body"),
  MAX_EVENT_BYTES("max-event-bytes", "16384", "largest single event"),
  MAX_BATCH_EVENTS("max-batch-events", "10000", "most events in one batch"),
  MAX_BATCH_BYTES("max-batch-bytes", "33554432", "largest batch body"),
  KAFKA_TIMEOUT_MS("kafka-timeout-ms", "10000", "how long a Kafka write or read may take"),
  TICKET_LIFETIME_SECONDS("ticket-lifetime-seconds", "120", "lifetime of a stream ticket"),
  HASH_ITERATIONS("hash-iterations", "210000", "PBKDF2-HMAC-SHA256 iterations for client secrets"),
  STREAM_QUEUE_LIMIT(
      "stream-queue-limit",
      "256",
      "messages that may wait for one WebSocket; one more disconnects the client as too slow (1008)"),
  STREAM_PING_SECONDS(
      "stream-ping-seconds", "30", "a WebSocket that was sent nothing for this long gets a ping"),
  STREAM_IDLE_TIMEOUT_SECONDS(
      "stream-idle-timeout-seconds",
      "120",
      "a WebSocket on which nothing could be written or read for this long is closed"),
  STREAM_RECENT_SEND_IDS(
      "stream-recent-send-ids",
      "100000",
      "send ids the relay remembers, to drop a message the job wrote twice"),
  STREAM_PARTITION_REFRESH_SECONDS(
      "stream-partition-refresh-seconds",
      "30",
      "how often the relay looks for partitions added to cx.stream");

  private final String flag;
  private final String defaultValue;
  private final String description;

  Option(String flag, String defaultValue, String description) {
    this.flag = flag;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  @Override
  public String flag() {
    return flag;
  }

  @Override
  public String defaultValue() {
    return defaultValue;
  }

  @Override
  public String description() {
    return description;
  }
}
