package io.cxengage.job.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.config.AugmentDocument;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.config.IntegrationDocument;
import io.cxengage.connectors.config.KeyAttributeDocument;
import io.cxengage.connectors.config.PatternDocument;
import io.cxengage.connectors.config.TenantDocument;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.secrets.SecretCipher;
import io.cxengage.connectors.topics.EventHeaders;
import io.cxengage.connectors.topics.TopicNames;
import io.cxengage.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** A broker with the engine's topics, a producer for config and events, readers of the outputs. */
final class KafkaFixture implements AutoCloseable {

  final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary();
  final TopicNames topics = TopicNames.defaults();
  final KafkaProducer<byte[], byte[]> producer;

  /** The offset of the last configuration record written here (cx.config has one partition). */
  private final AtomicLong lastConfigOffset = new AtomicLong(-1);

  KafkaFixture() {
    broker.createTopics(topics.newTopics(2, (short) 1));
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  void tenant(String tenant, String keyAttribute) throws Exception {
    config(ConfigKey.tenant(tenant), new TenantDocument(tenant, tenant, null, 1L));
    config(ConfigKey.keyAttribute(tenant), new KeyAttributeDocument(keyAttribute, 1L));
  }

  void pattern(String tenant, String id, String when, String then, boolean enabled)
      throws Exception {
    config(
        ConfigKey.of(tenant, ConfigKind.PATTERN, id),
        new PatternDocument(id, id, null, enabled, when, then, 1L));
  }

  void deletePattern(String tenant, String id) throws Exception {
    write(ConfigKey.of(tenant, ConfigKind.PATTERN, id), null);
  }

  void config(ConfigKey key, Object doc) throws Exception {
    write(key, Json.writeBytes(doc));
  }

  private void write(ConfigKey key, byte[] value) throws Exception {
    RecordMetadata written =
        producer.send(new ProducerRecord<>(topics.config(), bytes(key.toString()), value)).get();
    lastConfigOffset.accumulateAndGet(written.offset(), Math::max);
  }

  /** An augment and, for a file, the manifest of its upload as the admin API writes it. */
  void augment(String tenant, AugmentDocument doc, String... columns) throws Exception {
    config(ConfigKey.of(tenant, ConfigKind.AUGMENT, doc.id()), doc);
    if (columns.length > 0) {
      config(
          ConfigKey.of(tenant, ConfigKind.AUGMENT_FILE, doc.id()),
          Map.of("generation", 1, "state", "complete", "columns", List.of(columns)));
    }
  }

  /** A row of an uploaded file, as the admin API writes it (null deletes it). */
  void row(String tenant, String augmentId, String joinValue, String json) throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                topics.augmentRows(),
                bytes(tenant + "/" + augmentId + "/" + joinValue),
                json == null ? null : bytes(json)))
        .get();
  }

  /**
   * The tenant's Twilio integration for a {@code FakeTwilio} that knows account {@code AC123} with
   * token {@code tw-token}; messages come from {@code +15550000001}.
   */
  void twilio(String tenant, SecretCipher cipher) throws Exception {
    config(
        ConfigKey.of(tenant, ConfigKind.INTEGRATION, "twilio"),
        new IntegrationDocument(
            Map.of(
                "id",
                "twilio",
                "account",
                "AC123",
                "password",
                cipher.encrypt("tw-token"),
                "from",
                "+15550000001")));
  }

  void raw(String key, String value) throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                topics.events(),
                key == null ? null : bytes(key),
                value == null ? null : bytes(value)))
        .get();
  }

  /**
   * An event of {@code tenant} as the admin API writes it: with the offset of the configuration
   * written so far ({@link EventHeaders#CONFIG_OFFSET}), so the job matches it only once that
   * configuration is in force. (Rows of augments have no such ordering: they are not
   * configuration.)
   */
  void event(String tenant, String json) throws Exception {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topics.events(), bytes(tenant), bytes(json));
    record.headers().add(EventHeaders.CONFIG_OFFSET, bytes(Long.toString(lastConfigOffset.get())));
    producer.send(record).get();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a topic (committed records only) from the start until {@code done} holds. */
  List<String> awaitRecords(String topic, Predicate<List<String>> done, Duration timeout) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<String> values = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(values)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("timed out waiting on " + topic + "; have " + values);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
        }
      }
      return values;
    }
  }

  /** The reactions (read from the start of cx.reactions) once {@code done} holds of them. */
  List<JsonNode> reactions(Predicate<List<JsonNode>> done) {
    return awaitRecords(
            topics.reactions(),
            values -> done.test(values.stream().map(Json::tree).toList()),
            Duration.ofSeconds(90))
        .stream()
        .map(Json::tree)
        .toList();
  }

  /** Everything a topic holds (committed), read for {@code time}. */
  List<String> readFor(String topic, Duration time) {
    long until = System.nanoTime() + time.toNanos();
    return awaitRecords(topic, v -> System.nanoTime() > until, time.plusSeconds(5));
  }

  @Override
  public void close() {
    producer.close();
    broker.close();
  }
}
