package io.cxengage.admin;

import io.cxengage.connectors.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes {@code cx.stream} records as the job does: key tenant, value body, header send id. */
public final class StreamWriter implements AutoCloseable {

  private final KafkaProducer<String, String> producer;
  private final String topic;

  public StreamWriter(String bootstrap, String topic) {
    this.topic = topic;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true),
            new StringSerializer(),
            new StringSerializer());
  }

  /** Writes one message and waits for the broker's acknowledgement. */
  public void write(String tenant, String body, String sendId) {
    write(new ProducerRecord<>(topic, tenant, body), sendId);
  }

  /** Writes one message to a chosen partition. */
  public void write(int partition, String tenant, String body, String sendId) {
    write(new ProducerRecord<>(topic, partition, tenant, body), sendId);
  }

  private void write(ProducerRecord<String, String> record, String sendId) {
    if (sendId != null) {
      record.headers().add(Topic.SEND_ID_HEADER, sendId.getBytes(StandardCharsets.UTF_8));
    }
    try {
      producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot write to " + topic, e.getCause());
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
