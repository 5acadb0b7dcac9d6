package io.cxengage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cxengage run} as a user runs it: a separate process on free ports, the README tutorial's
 * requests, the reaction on {@code cx.reactions}; then the process is killed in the middle of a
 * half-matched pattern, started again, and the match completes.
 */
class EmbeddedEngineITCase {

  @TempDir Path data;
  private Process engine;
  private final HttpClient http = HttpClient.newHttpClient();
  private int httpPort;
  private int kafkaPort;
  private String token;

  @AfterEach
  void stop() throws Exception {
    if (engine != null && engine.isAlive()) {
      engine.destroy();
      engine.waitFor();
    }
  }

  @Test
  void tutorialWorksAndAKillInTheMiddleOfAMatchLosesNothing() throws Exception {
    httpPort = freePort();
    kafkaPort = freePort();
    start();
    token = token();
    // the tutorial
    assertThat(post("/1.0/tenants", "{\"id\":\"demo\",\"name\":\"Demo\"}").statusCode())
        .isEqualTo(201);
    assertThat(post("/1.0/tenants/demo/key-attribute", "{\"key\":\"user\"}").statusCode())
        .isEqualTo(200);
    HttpResponse<String> template =
        post(
            "/1.0/tenants/demo/templates",
            "{\"name\":\"Greeting\",\"template\":\"Hello {{user}}, can we help?\"}");
    assertThat(template.statusCode()).isEqualTo(201);
    HttpResponse<String> pattern =
        post(
            "/1.0/tenants/demo/patterns",
            "{\"name\":\"Locked out\",\"status\":true,"
                + "\"when\":\"(within 10 minutes (seq (count 3 (event (= type \\\"login-failed\\\"))) (event (= type \\\"password-reset\\\"))))\","
                + "\"then\":\"(send echo message {:user *user*} (template {:message +TM1}))\"}");
    assertThat(pattern.statusCode()).as(pattern.body()).isEqualTo(201);
    for (String type : List.of("login-failed", "login-failed", "login-failed", "password-reset")) {
      assertThat(
              post("/1.0/tenants/demo/event", "{\"user\":\"ann\",\"type\":\"" + type + "\"}")
                  .statusCode())
          .isEqualTo(202);
    }
    JsonNode first = awaitReactions(1).get(0);
    assertThat(first.get("pattern").asText())
        .isEqualTo(Json.tree(pattern.body()).get("id").asText());
    assertThat(first.get("params").get("message").asText()).isEqualTo("Hello ann, can we help?");

    // half a match, then a kill
    post(
        "/1.0/tenants/demo/patterns",
        "{\"name\":\"Two step\",\"status\":true,\"when\":\"(seq (event (= type \\\"cart\\\")) (event (= type \\\"checkout\\\")))\","
            + "\"then\":\"(send echo message {:message \\\"thanks\\\"})\"}");
    post("/1.0/tenants/demo/event", "{\"user\":\"bob\",\"type\":\"probe\"}");
    awaitUntil(() -> checkpoints() >= 1, "a first checkpoint");
    assertThat(post("/1.0/tenants/demo/event", "{\"user\":\"bob\",\"type\":\"cart\"}").statusCode())
        .isEqualTo(202);
    int before = checkpoints();
    awaitUntil(() -> checkpoints() >= before + 2, "two checkpoints after the cart");
    engine.destroyForcibly().waitFor();

    start();
    token = token();
    assertThat(
            post("/1.0/tenants/demo/event", "{\"user\":\"bob\",\"type\":\"checkout\"}")
                .statusCode())
        .isEqualTo(202);
    List<JsonNode> all = awaitReactions(2);
    assertThat(all)
        .anySatisfy(
            r -> {
              assertThat(r.get("key").asText()).isEqualTo("bob");
              assertThat(r.get("params").get("message").asText()).isEqualTo("thanks");
            });
    assertThat(all.stream().filter(r -> r.get("key").asText().equals("ann"))).hasSize(1);
  }

  private void start() throws Exception {
    Path script = repository().resolve("cxengage");
    ProcessBuilder pb = new ProcessBuilder(script.toString(), "run");
    pb.environment()
        .putAll(
            Map.of(
                "CX_HTTP_PORT", String.valueOf(httpPort),
                "CX_KAFKA_PORT", String.valueOf(kafkaPort),
                "CX_DATA_DIR", data.toString(),
                "CX_CHECKPOINT_INTERVAL", "1s",
                "CX_PARALLELISM", "1",
                "CX_ADMIN_CLIENT_ID", "it-admin",
                "CX_ADMIN_CLIENT_SECRET", "it-secret-0123456789"));
    pb.redirectErrorStream(true);
    pb.redirectOutput(data.resolve("engine-" + UUID.randomUUID() + ".log").toFile());
    engine = pb.start();
    awaitUntil(() -> ready(), "the engine to answer /ready");
  }

  private boolean ready() {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/ready"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode()
          == 200;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private String token() throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString("it-admin:it-secret-0123456789".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/1.0/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.tree(r.body()).get("access_token").asText();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private List<JsonNode> awaitReactions(int count) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + kafkaPort,
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("cx.reactions"));
      List<JsonNode> out = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (out.size() < count) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "timed out waiting for " + count + " reactions; have " + out + "\n" + engineLog());
        }
        consumer
            .poll(Duration.ofMillis(300))
            .forEach(r -> out.add(Json.tree(new String(r.value(), StandardCharsets.UTF_8))));
      }
      return out;
    }
  }

  /** The engine's output so far, for a failure message. */
  private String engineLog() {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> logs = Files.list(data)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("engine-")).toList()) {
        List<String> lines = Files.readAllLines(log);
        Files.createDirectories(Path.of("target", "engine-logs"));
        Files.copy(
            log,
            Path.of("target", "engine-logs", log.getFileName().toString()),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        sb.append("--- ").append(log.getFileName()).append('\n');
        lines.stream()
            .filter(l -> l.contains("WARN") || l.contains("ERROR") || l.contains("Exception"))
            .filter(l -> !l.contains("MetricGroup"))
            .limit(40)
            .forEach(l -> sb.append(l).append('\n'));
      }
    } catch (IOException e) {
      sb.append("(no log: ").append(e.getMessage()).append(')');
    }
    return sb.toString();
  }

  private int checkpoints() {
    Path dir = data.resolve("checkpoints");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    // Flink keeps only the latest checkpoint: its number says how many were taken
    for (int attempt = 1; ; attempt++) {
      try (Stream<Path> s = Files.walk(dir, 3)) {
        return s.filter(p -> p.getFileName().toString().equals("_metadata"))
            .map(p -> p.getParent().getFileName().toString())
            .filter(n -> n.startsWith("chk-"))
            .mapToInt(n -> Integer.parseInt(n.substring(4)))
            .max()
            .orElse(0);
      } catch (IOException | UncheckedIOException e) {
        // Flink deletes the previous checkpoint's directory as it completes the next one, and a
        // walk that meets a directory as it goes fails: walk again (zero would read as "none yet")
        if (attempt == 10) {
          throw new IllegalStateException("cannot list the checkpoints in " + dir, e);
        }
      }
    }
  }

  private static void awaitUntil(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static Path repository() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("cxengage"))) {
      p = p.getParent();
    }
    return p;
  }
}
