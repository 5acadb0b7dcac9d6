package io.cxengage.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerITCase {

  @TempDir Path dir;

  @Test
  void keepsRecordsAcrossARestartOnTheSameDirectory() throws Exception {
    Path data = Files.createDirectories(dir.resolve("kafka"));
    int port;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data, "127.0.0.1", 0)) {
      port = broker.port();
      broker.createTopics(List.of(new NewTopic("t", 2, (short) 1)));
      broker.createTopics(List.of(new NewTopic("t", 2, (short) 1))); // idempotent
      try (var producer = producer(broker)) {
        producer.send(new ProducerRecord<>("t", "k", "v1")).get();
      }
    }
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data, "127.0.0.1", port)) {
      try (var producer = producer(broker)) {
        producer.send(new ProducerRecord<>("t", "k", "v2")).get();
      }
      assertThat(readAll(broker, "t", 2)).containsExactly("v1", "v2");
    }
  }

  @Test
  void subscribingConsumerReceivesRecords() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary()) {
      broker.createTopics(List.of(new NewTopic("s", 1, (short) 1)));
      try (var producer = producer(broker)) {
        producer.send(new ProducerRecord<>("s", "k", "hello")).get();
      }
      try (var consumer = consumer(broker)) {
        consumer.subscribe(List.of("s"));
        List<String> seen = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (seen.isEmpty() && System.currentTimeMillis() < deadline) {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
        }
        assertThat(seen).containsExactly("hello");
      }
    }
  }

  private static List<String> readAll(EmbeddedKafkaBroker broker, String topic, int expected) {
    try (var consumer = consumer(broker)) {
      consumer.subscribe(List.of(topic));
      List<String> values = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 30_000;
      while (values.size() < expected && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          values.add(r.value());
        }
      }
      return values;
    }
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringSerializer(),
        new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(EmbeddedKafkaBroker broker) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "g-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest"),
        new StringDeserializer(),
        new StringDeserializer());
  }
}
