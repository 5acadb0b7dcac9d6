package io.cxengage.job.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.config.IntegrationDocument;
import io.cxengage.connectors.config.KeyAttributeDocument;
import io.cxengage.connectors.config.PatternDocument;
import io.cxengage.connectors.config.TenantDocument;
import io.cxengage.connectors.fakes.FakeSendgrid;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.secrets.SecretCipher;
import io.cxengage.connectors.topics.TopicNames;
import io.cxengage.job.EngineJob;
import io.cxengage.job.JobSettings;
import io.cxengage.job.fault.FaultInjector;
import io.cxengage.kafka.embedded.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promises under faults and bad input (issue "Proof under faults and load"): no event given is
 * lost and no reaction is written twice, while tasks fail at random points and a fifth of the input
 * is broken in every way.
 */
class FaultToleranceITCase {

  static final int EVENTS = 100_000;
  static EmbeddedKafkaBroker broker;
  static KafkaProducer<byte[], byte[]> producer;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    broker = EmbeddedKafkaBroker.startTemporary();
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, "20",
                ProducerConfig.BATCH_SIZE_CONFIG, "262144"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
  }

  @AfterAll
  static void stop() {
    producer.close();
    broker.close();
  }

  private JobClient submit(String prefix, Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>(extra);
    env.put("CX_KAFKA_BOOTSTRAP", broker.bootstrapServers());
    env.put("CX_TOPIC_PREFIX", prefix);
    env.put("CX_GROUP_ID", prefix + "job");
    env.put("CX_PARALLELISM", "2");
    env.put("CX_CHECKPOINT_INTERVAL", "1s");
    // the embedded default's state: RocksDB with the state changelog, restored after every fault
    env.put("CX_CHECKPOINT_DIR", tmp.resolve(prefix + "cp").toUri().toString());
    JobSettings settings = JobSettings.from(new String[0], env);
    StreamExecutionEnvironment flink =
        StreamExecutionEnvironment.createLocalEnvironment(2, EngineJob.configuration(settings));
    EngineJob.define(flink, settings);
    return flink.executeAsync(prefix + "faults");
  }

  private static void config(TopicNames t, ConfigKey key, Object doc) throws Exception {
    producer
        .send(new ProducerRecord<>(t.config(), bytes(key.toString()), Json.writeBytes(doc)))
        .get();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a topic (committed records) until {@code done} holds for what was read. */
  private static List<String> read(String topic, Predicate<List<String>> done, Duration timeout) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      java.util.ArrayList<String> values = new java.util.ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!done.test(values)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("timed out on " + topic + " with " + values.size() + " records");
        }
        consumer
            .poll(Duration.ofMillis(500))
            .forEach(r -> values.add(new String(r.value(), StandardCharsets.UTF_8)));
      }
      return values;
    }
  }

  @Test
  void everyReactionIsWrittenOnceWhileTasksFailAtRandom() throws Exception {
    String prefix = "f1-";
    TopicNames t = new TopicNames(prefix);
    broker.createTopics(t.newTopics(2, (short) 1));
    String key = SecretCipher.generateKey();
    try (FakeSendgrid sendgrid = new FakeSendgrid("SG.fault")) {
      config(t, ConfigKey.tenant("acme"), new TenantDocument("acme", "acme", null, 1L));
      config(t, ConfigKey.keyAttribute("acme"), new KeyAttributeDocument("user", 1L));
      config(
          t,
          ConfigKey.of("acme", ConfigKind.INTEGRATION, "sendgrid"),
          new IntegrationDocument(
              Map.of(
                  "id",
                  "sendgrid",
                  "password",
                  SecretCipher.fromBase64(key).encrypt("SG.fault"),
                  "from",
                  "a@example.com")));
      config(
          t,
          ConfigKey.of("acme", ConfigKind.PATTERN, "HIT"),
          new PatternDocument(
              "HIT",
              "hit",
              null,
              true,
              "(event (= type \"hit\"))",
              "(send echo message {:n *n*})",
              1L));
      config(
          t,
          ConfigKey.of("acme", ConfigKind.PATTERN, "MAIL"),
          new PatternDocument(
              "MAIL",
              "mail",
              null,
              true,
              "(event (= type \"mail\"))",
              "(send sendgrid email {:to *email* :subject \"hi\" :message *n*})",
              1L));
      String fault = "random:0.00005:3:" + System.nanoTime();
      JobClient job =
          submit(
              prefix,
              Map.of(
                  "CX_TEST_FAULT",
                  fault,
                  "CX_SECRET_KEY",
                  key,
                  "CX_SENDGRID_URL",
                  sendgrid.uri().toString(),
                  "CX_SENDS_PER_SECOND",
                  "1000",
                  "CX_SEND_BURST",
                  "1000"));
      try {
        long now = System.currentTimeMillis();
        int hits = 0;
        int mails = 0;
        for (int i = 0; i < EVENTS; i++) {
          String type = i % 10 == 0 ? "hit" : i % 250 == 7 ? "mail" : "noise";
          hits += type.equals("hit") ? 1 : 0;
          mails += type.equals("mail") ? 1 : 0;
          String event =
              "{\"user\":\"c"
                  + (i % 5000)
                  + "\",\"type\":\""
                  + type
                  + "\",\"n\":"
                  + i
                  + ",\"email\":\"c"
                  + i
                  + "@example.com\",\"timestamp\":"
                  + (now + i / 10)
                  + "}";
          producer.send(new ProducerRecord<>(t.events(), bytes("acme/" + (i % 7)), bytes(event)));
        }
        producer.flush();
        int expected = hits + mails;
        List<String> reactions =
            read(t.reactions(), v -> v.size() >= expected, Duration.ofMinutes(6));
        // a little longer, so that a duplicate written late would be seen too
        reactions =
            read(
                t.reactions(),
                v -> v.size() >= expected && System.nanoTime() > 0,
                Duration.ofSeconds(30));
        Map<String, Integer> bySendId = new HashMap<>();
        for (String r : reactions) {
          JsonNode n = Json.tree(r);
          assertThat(n.get("status").asText()).as(r).isEqualTo("sent");
          bySendId.merge(n.get("sendId").asText(), 1, Integer::sum);
        }
        long kafkaDuplicates = bySendId.values().stream().filter(c -> c > 1).count();
        int faults = FaultInjector.failures(fault);
        System.out.printf(
            "faults injected: %d, reactions: %d (expected %d), duplicates on cx.reactions: %d%n",
            faults, reactions.size(), expected, kafkaDuplicates);
        assertThat(faults).as("tasks failed").isGreaterThanOrEqualTo(1);
        assertThat(bySendId).hasSize(expected);
        assertThat(kafkaDuplicates).as("duplicates on cx.reactions").isZero();

        // HTTP: a send made after the last checkpoint before a failure is made again after the
        // restore; sends are rate-limited to 1000/s per tenant and integration and checkpoints
        // come every second, so at most 2 x 1000 sends per failure can repeat (two subtasks).
        Map<String, Integer> atFake = new HashMap<>();
        for (var received : sendgrid.received()) {
          atFake.merge(
              Json.tree(received.body()).path("custom_args").path("cx_send_id").asText(),
              1,
              Integer::sum);
        }
        long httpDuplicates = atFake.values().stream().mapToLong(c -> c - 1).sum();
        System.out.printf(
            "emails: %d distinct at the fake, %d repeats%n", atFake.size(), httpDuplicates);
        assertThat(atFake).hasSize(mails);
        assertThat(httpDuplicates).isLessThanOrEqualTo((long) faults * 2 * 1000);
      } finally {
        job.cancel().get();
      }
    }
  }

  @Test
  void aFifthBrokenInEveryWayIsDeadLetteredAndNothingIsLost() throws Exception {
    String prefix = "f2-";
    TopicNames t = new TopicNames(prefix);
    broker.createTopics(t.newTopics(2, (short) 1));
    config(t, ConfigKey.tenant("acme"), new TenantDocument("acme", "acme", null, 1L));
    config(t, ConfigKey.keyAttribute("acme"), new KeyAttributeDocument("user", 1L));
    config(
        t,
        ConfigKey.of("acme", ConfigKind.PATTERN, "ALL"),
        new PatternDocument(
            "ALL", "all", null, true, "(event (exists type))", "(send echo message {})", 1L));
    JobClient job = submit(prefix, Map.of());
    try {
      long now = System.currentTimeMillis();
      String deep = "[".repeat(1000) + "]".repeat(1000);
      int broken = 0;
      for (int i = 0; i < EVENTS; i++) {
        String key = "acme/" + (i % 7);
        String value;
        if (i % 5 == 0) {
          broken++;
          switch ((i / 5) % 7) {
            case 0 -> value = "{not json " + i;
            case 1 ->
                value = "{\"user\":{\"a\":" + i + "},\"type\":\"x\"}"; // key of the wrong type
            case 2 -> value = "{\"type\":\"x\",\"n\":" + i + "}"; // no key attribute
            case 3 ->
                value = "{\"user\":\"u\",\"pad\":\"" + "x".repeat(17_000) + "\"}"; // too large
            case 4 -> value = "{\"user\":\"u\",\"deep\":" + deep + "}"; // nested 1,000 deep
            case 5 -> {
              key = "nobody/" + i; // a tenant that does not exist
              value = "{\"user\":\"u\",\"type\":\"x\"}";
            }
            default -> value = "[" + i + "]"; // not an object
          }
        } else {
          value =
              "{\"user\":\"c"
                  + (i % 3000)
                  + "\",\"type\":\"t\",\"timestamp\":"
                  + (now + i / 10)
                  + "}";
        }
        producer.send(new ProducerRecord<>(t.events(), bytes(key), bytes(value)));
      }
      producer.flush();
      int good = EVENTS - broken;
      List<String> reactions = read(t.reactions(), v -> v.size() >= good, Duration.ofMinutes(5));
      int expectedDead = broken;
      List<String> dead =
          read(t.deadletter(), v -> v.size() >= expectedDead, Duration.ofMinutes(2));
      assertThat(job.getJobStatus().get().isTerminalState()).as("the job keeps running").isFalse();
      System.out.printf(
          "sent %d: processed %d + dead-lettered %d%n", EVENTS, reactions.size(), dead.size());
      assertThat(reactions.size() + dead.size()).isEqualTo(EVENTS);
      assertThat(dead)
          .allSatisfy(d -> assertThat(Json.tree(d).get("reason").asText()).isNotBlank());
    } finally {
      job.cancel().get();
    }
  }
}
