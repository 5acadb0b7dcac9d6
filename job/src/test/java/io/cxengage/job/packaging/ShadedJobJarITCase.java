package io.cxengage.job.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.config.KeyAttributeDocument;
import io.cxengage.connectors.config.PatternDocument;
import io.cxengage.connectors.config.TenantDocument;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.topics.TopicNames;
import io.cxengage.kafka.embedded.EmbeddedKafkaBroker;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's jar for {@code flink run}: it carries our code and the connectors but none of Flink's
 * own classes, and its {@code main} starts the engine (here on a local cluster in another JVM, with
 * Flink supplied on the class path, as a Flink distribution supplies it).
 */
class ShadedJobJarITCase {

  @TempDir Path tmp;

  static Path jar() throws Exception {
    try (Stream<Path> s = Files.list(Path.of("target"))) {
      return s.filter(p -> p.getFileName().toString().endsWith("-flink.jar"))
          .findFirst()
          .orElseThrow();
    }
  }

  @Test
  void carriesNoFlinkRuntimeAndNamesItsMainClass() throws Exception {
    try (JarFile jar = new JarFile(jar().toFile())) {
      List<String> names = jar.stream().map(e -> e.getName()).toList();
      assertThat(names)
          .contains(
              "io/cxengage/job/EngineJob.class", "io/cxengage/dsl/compile/PatternCompiler.class");
      assertThat(names).anyMatch(n -> n.startsWith("org/apache/flink/connector/kafka/"));
      assertThat(names).anyMatch(n -> n.startsWith("org/apache/flink/cep/"));
      assertThat(names)
          .noneMatch(
              n ->
                  n.startsWith("org/apache/flink/runtime/")
                      || n.startsWith("org/apache/flink/api/")
                      || n.startsWith("org/apache/flink/core/")
                      || n.startsWith("org/apache/flink/configuration/")
                      || n.startsWith("org/apache/flink/streaming/api/")
                      || n.startsWith("org/apache/flink/shaded/")
                      || n.startsWith("org/apache/flink/client/"));
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo("io.cxengage.job.EngineJob");
    }
  }

  @Test
  void itsMainRunsTheEngine() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary();
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
      TopicNames topics = TopicNames.defaults();
      broker.createTopics(topics.newTopics(1, (short) 1));
      config(producer, topics, ConfigKey.tenant("t"), new TenantDocument("t", "t", null, 1L));
      config(producer, topics, ConfigKey.keyAttribute("t"), new KeyAttributeDocument("id", 1L));
      config(
          producer,
          topics,
          ConfigKey.of("t", ConfigKind.PATTERN, "PT1"),
          new PatternDocument(
              "PT1",
              "p",
              null,
              true,
              "(event (= type \"x\"))",
              "(send echo message {:message \"from the jar\"})",
              1L));
      // Flink from the class path, as a distribution provides it; our modules only from the jar
      String classPath =
          jar().toAbsolutePath()
              + File.pathSeparator
              + Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                  .filter(
                      e ->
                          !e.contains("/target/classes")
                              && !e.contains("/target/test-classes")
                              && !e.contains("io/cxengage"))
                  .collect(Collectors.joining(File.pathSeparator));
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  classPath,
                  "io.cxengage.job.EngineJob",
                  "--kafka-bootstrap",
                  broker.bootstrapServers(),
                  "--parallelism",
                  "1",
                  "--state-backend",
                  "heap",
                  "--checkpoint-interval",
                  "1s",
                  "--checkpoint-dir",
                  tmp.resolve("cp").toUri().toString()));
      Process job =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("job.log").toFile())
              .start();
      try {
        String event =
            "{\"id\":\"k\",\"type\":\"x\",\"timestamp\":" + System.currentTimeMillis() + "}";
        producer
            .send(
                new ProducerRecord<>(
                    topics.events(),
                    "t".getBytes(StandardCharsets.UTF_8),
                    event.getBytes(StandardCharsets.UTF_8)))
            .get();
        String reaction = firstReaction(broker, topics, job);
        assertThat(Json.tree(reaction).get("params").get("message").asText())
            .isEqualTo("from the jar");
      } finally {
        job.destroy();
        job.waitFor();
      }
    }
  }

  private static void config(
      KafkaProducer<byte[], byte[]> p, TopicNames t, ConfigKey key, Object doc) throws Exception {
    p.send(
            new ProducerRecord<>(
                t.config(), key.toString().getBytes(StandardCharsets.UTF_8), Json.writeBytes(doc)))
        .get();
  }

  private String firstReaction(EmbeddedKafkaBroker broker, TopicNames topics, Process job)
      throws Exception {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "jar-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topics.reactions()));
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < deadline) {
        if (!job.isAlive()) {
          throw new AssertionError("the job ended: " + Files.readString(tmp.resolve("job.log")));
        }
        for (var r : consumer.poll(Duration.ofMillis(300))) {
          return new String(r.value(), StandardCharsets.UTF_8);
        }
      }
      throw new AssertionError("no reaction; job log: " + Files.readString(tmp.resolve("job.log")));
    }
  }
}
