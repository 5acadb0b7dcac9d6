package io.cxengage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.admin.AdminApi;
import io.cxengage.admin.AdminApiConfig;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.secrets.SecretCipher;
import io.cxengage.connectors.topics.TopicNames;
import io.cxengage.job.EngineJob;
import io.cxengage.job.JobSettings;
import io.cxengage.kafka.embedded.EmbeddedKafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Generic Streaming Endpoint end to end, as a user drives it over HTTP: a template and a
 * pattern with {@code send generic message}, a stream ticket and a WebSocket, then events posted to
 * {@code /event}; the job on a local Flink cluster renders the template into cx.stream, and the
 * admin API relays it to the socket.
 */
class GenericStreamEndToEndITCase {

  /** The JSON template of the original document's GSE section. */
  private static final String SEED_TEMPLATE =
      "{\"id\" : \"{{id}}\"\n {{#name}}\n ,\"name\" : \"{{name}}\"\n {{/name}}}";

  private static final String ADMIN_ID = "e2e-admin";
  private static final String ADMIN_SECRET = "e2e-admin-secret-0123456789";
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path tmp;
  private static EmbeddedKafkaBroker broker;
  private static AdminApi api;
  private static JobClient job;
  private static String base;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafkaBroker.startTemporary();
    TopicNames topics = TopicNames.defaults();
    broker.createTopics(topics.newTopics(2, (short) 1));
    String key = SecretCipher.generateKey();
    api =
        AdminApi.start(
            AdminApiConfig.defaults(broker.bootstrapServers(), key)
                .withPort(0)
                .withAdmin(ADMIN_ID, ADMIN_SECRET)
                .withHashIterations(1000),
            topics,
            SecretCipher.fromBase64(key),
            Clock.systemUTC(),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    base = "http://127.0.0.1:" + api.port();
    JobSettings settings =
        JobSettings.from(
            new String[0],
            Map.of(
                "CX_KAFKA_BOOTSTRAP",
                broker.bootstrapServers(),
                "CX_PARALLELISM",
                "1",
                "CX_CHECKPOINT_INTERVAL",
                "1s",
                "CX_STATE_BACKEND",
                "heap",
                "CX_SECRET_KEY",
                key,
                "CX_CHECKPOINT_DIR",
                tmp.resolve("checkpoints").toUri().toString()));
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(1, EngineJob.configuration(settings));
    EngineJob.define(env, settings);
    job = env.executeAsync("cxengage-gse-e2e");
  }

  @AfterAll
  static void stop() throws Exception {
    if (job != null) {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
    if (api != null) {
      api.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aGenericMessageRenderedFromATemplateReachesTheTenantsSocket() throws Exception {
    token = token();
    assertThat(post("/1.0/tenants", "{\"id\": \"shop\", \"name\": \"Shop\"}").statusCode())
        .isEqualTo(201);
    assertThat(post("/1.0/tenants/shop/key-attribute", "{\"key\": \"id\"}").statusCode())
        .isEqualTo(200);
    HttpResponse<String> template =
        post(
            "/1.0/tenants/shop/templates",
            Json.mapper()
                .createObjectNode()
                .put("name", "json")
                .put("template", SEED_TEMPLATE)
                .toString());
    assertThat(template.statusCode()).isEqualTo(201);
    assertThat(Json.tree(template.body()).get("id").asText()).isEqualTo("TM1");
    HttpResponse<String> pattern =
        post(
            "/1.0/tenants/shop/patterns",
            Json.mapper()
                .createObjectNode()
                .put("name", "ping to the stream")
                .put("status", true)
                .put("when", "(event (= type \"ping\"))")
                .put("then", "(seq (send generic message {} (template {:body +TM1})))")
                .toString());
    assertThat(pattern.statusCode()).as(pattern.body()).isEqualTo(201);

    String ticket = Json.tree(post("/1.0/tenants/shop/ticket", "").body()).get("ticket").asText();
    Socket socket = Socket.open(api.port(), ticket);

    // The job may not have read the pattern yet when the first event arrives: post until the
    // socket hears of one.
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (socket.messages.isEmpty()) {
      assertThat(System.nanoTime() - deadline).as("a message within " + WAIT).isNegative();
      HttpResponse<String> accepted =
          post(
              "/1.0/tenants/shop/event", "{\"id\": \"u1\", \"type\": \"ping\", \"name\": \"Ada\"}");
      assertThat(accepted.statusCode()).isEqualTo(202);
      socket.await(m -> !m.isEmpty(), Duration.ofSeconds(3));
    }
    String first = socket.messages.get(0);
    assertThat(first).startsWith("{\"id\" : \"u1\"");
    assertThat(Json.tree(first)).isEqualTo(Json.tree("{\"id\": \"u1\", \"name\": \"Ada\"}"));

    // without a name the template's section is left out
    assertThat(post("/1.0/tenants/shop/event", "{\"id\": \"u2\", \"type\": \"ping\"}").statusCode())
        .isEqualTo(202);
    assertThat(socket.await(m -> m.stream().anyMatch(b -> b.contains("u2")), WAIT)).isTrue();
    JsonNode second =
        Json.tree(socket.messages.stream().filter(b -> b.contains("u2")).findFirst().orElseThrow());
    assertThat(second).isEqualTo(Json.tree("{\"id\": \"u2\"}"));
  }

  private static String token() throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((ADMIN_ID + ":" + ADMIN_SECRET).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/1.0/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return Json.tree(r.body()).get("access_token").asText();
  }

  private static HttpResponse<String> post(String path, String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A browser's view of the stream: the JDK's WebSocket client, keeping every text message. */
  private static final class Socket implements WebSocket.Listener {
    final List<String> messages = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();

    static Socket open(int port, String ticket) {
      Socket socket = new Socket();
      HTTP.newWebSocketBuilder()
          .buildAsync(URI.create("ws://127.0.0.1:" + port + "/1.0/stream/" + ticket), socket)
          .orTimeout(10, TimeUnit.SECONDS)
          .join();
      return socket;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    /** Waits until the messages satisfy the condition; false after the timeout. */
    boolean await(Predicate<List<String>> condition, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!condition.test(messages)) {
        if (System.nanoTime() - deadline > 0) {
          return false;
        }
        Thread.sleep(20);
      }
      return true;
    }
  }
}
