package io.cxengage.cli;

import io.cxengage.connectors.topics.TopicNames;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cxengage reactions}: prints the records of {@code cx.reactions} (or another of the
 * engine's topics) as they come, one JSON line each, so the tutorial needs no Kafka tools.
 */
@Command(
    name = "reactions",
    description = "Print the reactions (cx.reactions) as they come, one JSON line each.")
public final class ReactionsCommand implements Callable<Integer> {

  @Option(
      names = "--kafka",
      defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers (default ${DEFAULT-VALUE})")
  String kafka;

  @Option(names = "--topic-prefix", defaultValue = "", description = "prefix of the topic names")
  String prefix;

  @Option(
      names = "--topic",
      defaultValue = "reactions",
      description = "reactions, stream or deadletter (default ${DEFAULT-VALUE})")
  String topic;

  @Option(
      names = "--from-beginning",
      description = "start at the oldest record instead of the newest")
  boolean fromBeginning;

  @Option(
      names = "--max",
      defaultValue = "0",
      description = "stop after this many records (0: never)")
  int max;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    TopicNames names = new TopicNames(prefix);
    String name =
        switch (topic) {
          case "reactions" -> names.reactions();
          case "stream" -> names.stream();
          case "deadletter" -> names.deadletter();
          default ->
              throw new picocli.CommandLine.ParameterException(
                  spec.commandLine(),
                  "--topic takes reactions, stream or deadletter, not '" + topic + "'");
        };
    PrintWriter out = spec.commandLine().getOut();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka,
                ConsumerConfig.GROUP_ID_CONFIG,
                "cxengage-cli-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                fromBeginning ? "earliest" : "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(name));
      int seen = 0;
      while (max == 0 || seen < max) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          out.println(r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8));
          out.flush();
          if (max > 0 && ++seen >= max) {
            break;
          }
        }
      }
    }
    return 0;
  }
}
