package io.cxengage.connectors.listeners;

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
 * The Kafka clients of a listener runner, named after it so the broker's view shows whose they are.
 */
final class RunnerKafka {

  private RunnerKafka() {}

  static Admin admin(String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }

  /** Reads {@code cx.config} by assignment: every runner reads all of it, so no group. */
  static KafkaConsumer<String, byte[]> configReader(String bootstrap, String runnerId) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.CLIENT_ID_CONFIG,
            "cx-listener-config-" + runnerId),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  /** Events, dead letters and statuses: idempotent, {@code acks=all}. */
  static KafkaProducer<String, byte[]> producer(String bootstrap, String runnerId) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.CLIENT_ID_CONFIG,
            "cx-listener-runner-" + runnerId),
        new StringSerializer(),
        new ByteArraySerializer());
  }
}
