package io.cxengage.connectors.listeners;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.topics.TopicNames;
import io.cxengage.kafka.embedded.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A broker with the installation's topics for listener tests: writes configuration documents, makes
 * the runner's producer, and reads topics until a condition holds.
 */
public final class ListenerKafka implements AutoCloseable {

  /** One record read back. */
  public record Read(String key, JsonNode value) {}

  public final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary();
  public final TopicNames topics = TopicNames.defaults();
  private final KafkaProducer<String, String> config;

  public ListenerKafka() {
    broker.createTopics(topics.newTopics(2, (short) 1));
    config =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer());
  }

  public String bootstrap() {
    return broker.bootstrapServers();
  }

  /** The runner's kind of producer: idempotent, acks=all. */
  public KafkaProducer<String, byte[]> eventProducer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true),
        new StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer());
  }

  /** Writes a configuration document (a JSON text, or null to delete) and waits for the ack. */
  public void put(ConfigKey key, String json) {
    try {
      config
          .send(
              new org.apache.kafka.clients.producer.ProducerRecord<>(
                  topics.config(), key.toString(), json))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a topic from the start until {@code done} holds for what it holds with that key. */
  public List<Read> await(String topic, String key, Predicate<List<Read>> done, Duration timeout) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      // assigned, not subscribed: no group to join, so a read starts at once
      consumer.assign(
          consumer.partitionsFor(topic).stream()
              .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
              .toList());
      List<Read> values = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(values)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "timed out waiting on " + topic + " for " + key + "; have " + values);
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
          if (key == null || key.equals(r.key())) {
            values.add(new Read(r.key(), r.value() == null ? null : Json.tree(r.value())));
          }
        }
      }
      return values;
    }
  }

  /** The events of a tenant on cx.events once there are at least {@code count}. */
  public List<JsonNode> events(String tenant, int count) {
    return await(topics.events(), tenant, v -> v.size() >= count, Duration.ofSeconds(30)).stream()
        .map(Read::value)
        .toList();
  }

  /** The dead letters of a tenant once there are at least {@code count}. */
  public List<JsonNode> deadLetters(String tenant, int count) {
    return await(topics.deadletter(), tenant, v -> v.size() >= count, Duration.ofSeconds(30))
        .stream()
        .map(Read::value)
        .toList();
  }

  /**
   * The latest document of every key of a topic (null for a deletion), once {@code done} holds for
   * them.
   */
  public Map<String, JsonNode> latest(
      String topic, Predicate<Map<String, JsonNode>> done, Duration timeout) {
    Map<String, JsonNode> latest = new java.util.HashMap<>();
    await(
        topic,
        null,
        reads -> {
          latest.clear();
          reads.forEach(r -> latest.put(r.key(), r.value()));
          return done.test(latest);
        },
        timeout);
    return latest;
  }

  /** The latest status document of the listener once {@code done} holds for it. */
  public JsonNode status(ListenerKey key, Predicate<JsonNode> done) {
    String statusKey = key.statusKey().toString();
    List<Read> reads =
        await(
            topics.config(),
            statusKey,
            v -> !v.isEmpty() && done.test(v.get(v.size() - 1).value()),
            Duration.ofSeconds(30));
    return reads.get(reads.size() - 1).value();
  }

  @Override
  public void close() {
    config.close();
    broker.close();
  }
}
