package io.cxengage.connectors.listeners;

import io.cxengage.connectors.settings.ServiceOption;

/**
 * The options of the listener runner: a flag ({@code --kafka-bootstrap=host:9092}), an environment
 * variable ({@code CX_KAFKA_BOOTSTRAP}, the same names as the admin API's where they mean the
 * same), a default and a description. Flags win over the environment.
 */
public enum RunnerOption implements ServiceOption {
  KAFKA_BOOTSTRAP("kafka-bootstrap", "localhost:9092", "Kafka bootstrap servers"),
  TOPIC_PREFIX("topic-prefix", "", "prefix of every topic name"),
  SECRET_KEY(
      "secret-key",
      null,
      "required: the base64 AES key (as the admin API's) that decrypts integration secrets"),
  RUNNER_ID("runner-id", null, "this runner's name in status documents (default: host and pid)"),
  RUNNER_GROUP(
      "runner-group",
      "cxengage-listener-runners",
      "consumer group of the runners that share the listeners"),
  ASSIGNMENT_PARTITIONS(
      "assignment-partitions",
      "12",
      "partitions of the assignment topic, created when missing: at most this many runners share"
          + " the work"),
  SALESFORCE_LOGIN_URL(
      "salesforce-login-url",
      "https://login.salesforce.com",
      "Salesforce's OAuth login URL (https://test.salesforce.com for sandboxes)"),
  DATASIFT_URL(
      "datasift-url", "wss://websocket.datasift.com/multi", "DataSift's streaming WebSocket URL"),
  REQUEST_TIMEOUT_MS("request-timeout-ms", "10000", "limit of a login request and of connecting"),
  RECONNECT_MIN_MS("reconnect-min-ms", "1000", "first wait before reconnecting a failed stream"),
  RECONNECT_MAX_MS("reconnect-max-ms", "60000", "longest wait before reconnecting"),
  SILENCE_LIMIT_MS(
      "silence-limit-ms",
      "120000",
      "a DataSift stream silent this long (no data, no tick) is reconnected"),
  MAX_EVENT_BYTES(
      "max-event-bytes", "16384", "largest mapped event; larger ones go to cx.deadletter");

  private final String flag;
  private final String defaultValue;
  private final String description;

  RunnerOption(String flag, String defaultValue, String description) {
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
