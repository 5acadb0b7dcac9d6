package io.cxengage.admin.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.admin.AdminApi;
import io.cxengage.admin.AdminApiConfig;
import io.cxengage.admin.ApiClient;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.secrets.SecretCipher;
import io.cxengage.connectors.topics.TopicNames;
import io.cxengage.kafka.embedded.EmbeddedKafkaBroker;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every event the admin API answered 202 for is in {@code cx.events}, even when the Kafka broker
 * restarts while events are being submitted (answers during the outage are errors, never a 202 for
 * an event that was not stored).
 */
class IntakeAcrossBrokerRestartITCase {

  @TempDir Path dir;

  @Test
  void everyAcceptedEventIsStoredAcrossABrokerRestart() throws Exception {
    Path data = dir.resolve("kafka");
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(data, "127.0.0.1", 0);
    int port = broker.port();
    TopicNames topics = TopicNames.defaults();
    broker.createTopics(topics.newTopics(2, (short) 1));
    String key = SecretCipher.generateKey();
    AdminApiConfig config =
        AdminApiConfig.defaults(broker.bootstrapServers(), key)
            .withPort(0)
            .withAdmin("fault-admin", "fault-admin-secret-0123")
            .withHashIterations(1000);
    Set<String> accepted = ConcurrentHashMap.newKeySet();
    Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
    try (AdminApi api =
        AdminApi.start(
            config,
            topics,
            SecretCipher.fromBase64(key),
            Clock.systemUTC(),
            new PrintStream(PrintStream.nullOutputStream()))) {
      ApiClient anonymous = new ApiClient(api.port(), null);
      ApiClient admin =
          anonymous.withToken(anonymous.token("fault-admin", "fault-admin-secret-0123"));
      assertThat(admin.post("/1.0/tenants", "{\"id\":\"t\",\"name\":\"T\"}").status())
          .isEqualTo(201);
      AtomicBoolean running = new AtomicBoolean(true);
      Thread submitter =
          new Thread(
              () -> {
                for (int i = 0; running.get(); i++) {
                  String seq = "s" + i;
                  ApiClient.Response r =
                      admin.post(
                          "/1.0/tenants/t/event",
                          "{\"id\":\"k" + (i % 50) + "\",\"seq\":\"" + seq + "\"}");
                  if (r.status() == 202) {
                    accepted.add(seq);
                  } else {
                    refused.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
                  }
                }
              });
      submitter.start();
      awaitSize(accepted, 200);
      broker.close();
      Thread.sleep(1500); // the outage itself: requests during it must not be answered 202
      broker = EmbeddedKafkaBroker.start(data, "127.0.0.1", port);
      int before = accepted.size();
      awaitSize(accepted, before + 200);
      running.set(false);
      submitter.join();
    } finally {
      broker.close();
    }
    // reopen the data of the stopped broker and read everything it holds
    try (EmbeddedKafkaBroker reopened = EmbeddedKafkaBroker.start(data, "127.0.0.1", port)) {
      Set<String> stored = readSeqs(reopened, topics.events(), accepted.size());
      System.out.printf(
          "accepted %d, refused during the outage %s, stored %d%n",
          accepted.size(), refused, stored.size());
      assertThat(stored).containsAll(accepted);
      // what was refused was refused as unavailable, never as our fault
      assertThat(refused.keySet())
          .doesNotContain(500)
          .allSatisfy(s -> assertThat(s).isIn(503, 504));
    }
  }

  private static void awaitSize(Set<String> set, int size) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (set.size() < size) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + set.size() + " events accepted");
      }
      Thread.sleep(20);
    }
  }

  private static Set<String> readSeqs(EmbeddedKafkaBroker broker, String topic, int atLeast) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "check-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      Set<String> seqs = new HashSet<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      long quietSince = System.nanoTime();
      while (System.nanoTime() < deadline) {
        var records = consumer.poll(Duration.ofMillis(300));
        records.forEach(
            r ->
                seqs.add(
                    Json.tree(new String(r.value(), StandardCharsets.UTF_8)).path("seq").asText()));
        if (!records.isEmpty()) {
          quietSince = System.nanoTime();
        } else if (seqs.size() >= atLeast
            && System.nanoTime() - quietSince > Duration.ofSeconds(2).toNanos()) {
          break;
        }
      }
      return seqs;
    }
  }
}
