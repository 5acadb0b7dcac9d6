package io.cxengage.bench.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code cx.reactions} from the start on a thread of its own and hands each reaction, with
 * the instant (epoch µs) the poll returned it, to a callback.
 *
 * <p>The job writes reactions in Kafka transactions committed at each checkpoint. A {@code
 * read_committed} reader sees them only then (what a consumer that must not see a reaction twice
 * gets); a {@code read_uncommitted} reader sees them as soon as they are written (what a live
 * display gets, at the price of seeing a reaction again after a failure).
 */
final class ReactionWatcher implements AutoCloseable {

  /** What the bench does with a reaction. */
  interface Sink {
    void reaction(JsonNode reaction, long seenMicros);
  }

  private final Thread thread;
  private volatile boolean stop;

  /** {@code isolation} is {@code read_committed} or {@code read_uncommitted}. */
  ReactionWatcher(String bootstrap, String topic, String isolation, Sink sink) {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation.toLowerCase(Locale.ROOT)),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(topic));
    thread =
        new Thread(
            () -> {
              try (consumer) {
                while (!stop) {
                  var records = consumer.poll(Duration.ofMillis(50));
                  long seen = EventProducer.micros();
                  for (ConsumerRecord<byte[], byte[]> r : records) {
                    sink.reaction(read(r.value()), seen);
                  }
                }
              }
            },
            "reactions-" + isolation);
    thread.setDaemon(true);
    thread.start();
  }

  private static JsonNode read(byte[] value) {
    try {
      return Json.mapper().readTree(value);
    } catch (IOException e) {
      throw new IllegalStateException("a reaction that is not JSON on cx.reactions", e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join();
  }
}
