package io.cxengage.admin.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients of the admin API, configured in one place: every producer is idempotent with
 * {@code acks=all}, so an acknowledged write is on every in-sync replica and never duplicated by a
 * retry.
 */
public final class KafkaClients {

  private final String bootstrap;
  private final Duration timeout;

  public KafkaClients(String bootstrap, Duration timeout) {
    this.bootstrap = bootstrap;
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }

  /** A durable producer; {@code lingerMs} trades latency for batching. */
  public KafkaProducer<String, byte[]> producer(String clientId, int lingerMs) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
    int millis = (int) timeout.toMillis();
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis + lingerMs);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** A consumer without a group: the caller assigns partitions and seeks itself. */
  public KafkaConsumer<String, byte[]> consumer(String clientId) {
    return consumer(clientId, "earliest");
  }

  /**
   * A consumer without a group for a live tail: a position that is no longer in the log (retention
   * removed it) moves to the end, not back to the oldest record. Its metadata is at most {@code
   * metadataMaxAge} old, so partitions added to a topic show in {@code partitionsFor} that soon.
   */
  public KafkaConsumer<String, byte[]> tailConsumer(String clientId, Duration metadataMaxAge) {
    return consumer(
        clientId,
        "latest",
        Map.of(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) metadataMaxAge.toMillis()));
  }

  private KafkaConsumer<String, byte[]> consumer(String clientId, String offsetReset) {
    return consumer(clientId, offsetReset, Map.of());
  }

  private KafkaConsumer<String, byte[]> consumer(
      String clientId, String offsetReset, Map<String, Object> overrides) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
    props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    props.putAll(overrides);
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  public Admin admin() {
    int millis = (int) timeout.toMillis();
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(millis, 5000)));
  }
}
