package io.cxengage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.admin.AdminApi;
import io.cxengage.admin.AdminApiConfig;
import io.cxengage.connectors.fakes.FakeSalesforceStreaming;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.listeners.Await;
import io.cxengage.connectors.listeners.ListenerRunner;
import io.cxengage.connectors.listeners.ListenerRunnerConfig;
import io.cxengage.connectors.secrets.SecretCipher;
import io.cxengage.connectors.topics.TopicNames;
import io.cxengage.job.EngineJob;
import io.cxengage.job.JobSettings;
import io.cxengage.kafka.embedded.EmbeddedKafkaBroker;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #8 end to end: the broker, the admin API, the listener runner and the job on a local Flink
 * cluster; a salesforce listener created over REST against a fake Streaming API (the runner's
 * Salesforce login URL points at it), a record pushed by the fake, and a pattern firing on it.
 */
class ListenersEndToEndITCase {

  static final String ADMIN_ID = "e2e-admin";
  static final String ADMIN_SECRET = "e2e-admin-secret-0123456789";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static EmbeddedKafkaBroker broker;
  static AdminApi api;
  static FakeSalesforceStreaming salesforce;
  static ListenerRunner runner;
  static JobClient job;
  static String token;

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafkaBroker.startTemporary();
    TopicNames topics = TopicNames.defaults();
    broker.createTopics(topics.newTopics(2, (short) 1));
    String secretKey = SecretCipher.generateKey();
    api =
        AdminApi.start(
            AdminApiConfig.defaults(broker.bootstrapServers(), secretKey)
                .withPort(0)
                .withAdmin(ADMIN_ID, ADMIN_SECRET)
                .withHashIterations(1000),
            topics,
            SecretCipher.fromBase64(secretKey),
            Clock.systemUTC(),
            new PrintStream(OutputStream.nullOutputStream()));
    salesforce =
        new FakeSalesforceStreaming(
            "ck", "cs", "ann@acme.example", "pw" + "tok", Duration.ofMillis(500));
    runner =
        ListenerRunner.start(
            ListenerRunnerConfig.defaults(broker.bootstrapServers(), secretKey)
                .withRunnerId("e2e-runner")
                .withServices(
                    salesforce.uri(),
                    URI.create("ws://127.0.0.1:9/multi"),
                    Duration.ofMillis(100),
                    Duration.ofSeconds(1)));
    JobSettings settings =
        JobSettings.from(
            new String[0],
            Map.of(
                "CX_KAFKA_BOOTSTRAP", broker.bootstrapServers(),
                "CX_PARALLELISM", "1",
                "CX_CHECKPOINT_INTERVAL", "500ms",
                "CX_STATE_BACKEND", "heap",
                "CX_SECRET_KEY", secretKey));
    StreamExecutionEnvironment flink =
        StreamExecutionEnvironment.createLocalEnvironment(1, EngineJob.configuration(settings));
    EngineJob.define(flink, settings);
    job = flink.executeAsync("listeners-e2e");
    token = token();
  }

  @AfterAll
  static void stop() throws Exception {
    if (job != null) {
      job.cancel().get();
    }
    if (runner != null) {
      runner.close();
    }
    if (salesforce != null) {
      salesforce.close();
    }
    if (api != null) {
      api.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aRecordPushedToASalesforceListenerCreatedOverRestFiresAPattern() throws Exception {
    assertThat(post("/1.0/tenants", "{\"id\": \"acme\", \"name\": \"Acme\"}").statusCode())
        .isEqualTo(201);
    assertThat(post("/1.0/tenants/acme/key-attribute", "{\"key\": \"user\"}").statusCode())
        .isEqualTo(200);
    assertThat(
            post(
                    "/1.0/tenants/acme/integrations/salesforce",
                    "{\"consumer-key\": \"ck\", \"consumer-secret\": \"cs\","
                        + " \"username\": \"ann@acme.example\", \"password\": \"pw\","
                        + " \"secret-token\": \"tok\"}")
                .statusCode())
        .isEqualTo(201);
    HttpResponse<String> pattern =
        post(
            "/1.0/tenants/acme/patterns",
            "{\"name\": \"won deal\", \"status\": true,"
                + " \"when\": \"(event (= stage \\\"Closed Won\\\"))\","
                + " \"then\": \"(send echo message {:message \\\"won\\\"})\"}");
    assertThat(pattern.statusCode()).as(pattern.body()).isEqualTo(201);
    String patternId = Json.tree(pattern.body()).get("id").asText();
    HttpResponse<String> listener =
        post(
            "/1.0/tenants/acme/listeners",
            "{\"status\": true, \"topic\": \"CxDemo_0720v2\", \"name\": \"My Salesforce Listener\","
                + " \"version\": \"62.0\", \"type\": \"salesforce\", \"mapping\": {\"user\":"
                + " \"user__c\", \"type\": \"Type\", \"stage\": \"StageName\", \"amount\":"
                + " \"Amount\"}}");
    assertThat(listener.statusCode()).as(listener.body()).isEqualTo(201);
    String listenerId = Json.tree(listener.body()).get("id").asText();

    JsonNode status = awaitStatus(listenerId, "started");
    assertThat(status.get("message").asText())
        .isEqualTo("subscribed to /topic/CxDemo_0720v2 (API 62.0)");
    salesforce.publish(
        "CxDemo_0720v2",
        Json.mapper()
            .createObjectNode()
            .put("Id", "006xx0000012345")
            .put("user__c", "u-42")
            .put("Type", "New Business")
            .put("StageName", "Closed Won")
            .put("Amount", 12000));

    JsonNode reaction = awaitReaction(patternId, "u-42");
    assertThat(reaction.get("params").get("message").asText()).isEqualTo("won");
    assertThat(reaction.get("status").asText()).isEqualTo("sent");

    // disabled over REST: the runner lets go of the stream within seconds, and the status says so
    long disabledAt = System.nanoTime();
    assertThat(put("/1.0/tenants/acme/listeners/" + listenerId, "{\"status\": false}").statusCode())
        .isEqualTo(200);
    JsonNode stopped = awaitStatus(listenerId, "stopped");
    assertThat(stopped.get("message").asText()).isEqualTo("the listener is disabled");
    Await.until(
        "the fake has no subscriber left",
        () -> salesforce.subscribers("CxDemo_0720v2") == 0,
        Duration.ofSeconds(5));
    assertThat(Duration.ofNanos(System.nanoTime() - disabledAt)).isLessThan(Duration.ofSeconds(5));
  }

  private static JsonNode awaitStatus(String listenerId, String wanted) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode status = null;
    while (System.nanoTime() < deadline) {
      status = Json.tree(get("/1.0/tenants/acme/listeners/" + listenerId + "/status").body());
      if (wanted.equals(status.path("status").asText())) {
        return status;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("listener " + listenerId + " never " + wanted + "; last " + status);
  }

  /** Reads cx.reactions (committed records only) until the pattern fired for the key. */
  private static JsonNode awaitReaction(String pattern, String key) {
    String topic = TopicNames.defaults().reactions();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<JsonNode> seen = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          JsonNode reaction = Json.tree(r.value());
          seen.add(reaction);
          if (pattern.equals(reaction.path("pattern").asText())
              && key.equals(reaction.path("key").asText())) {
            return reaction;
          }
        }
      }
      throw new AssertionError("pattern " + pattern + " never fired for " + key + "; saw " + seen);
    }
  }

  private static String token() throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((ADMIN_ID + ":" + ADMIN_SECRET).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(uri("/1.0/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return Json.tree(r.body()).get("access_token").asText();
  }

  private static HttpResponse<String> post(String path, String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> put(String path, String json) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + api.port() + path);
  }
}
