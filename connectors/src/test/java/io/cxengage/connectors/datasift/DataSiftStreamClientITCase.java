package io.cxengage.connectors.datasift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.config.IntegrationDocument;
import io.cxengage.connectors.config.ListenerDocument;
import io.cxengage.connectors.fakes.FakeDataSift;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.listeners.Await;
import io.cxengage.connectors.listeners.EventWriter;
import io.cxengage.connectors.listeners.ListenerClient;
import io.cxengage.connectors.listeners.ListenerKafka;
import io.cxengage.connectors.listeners.ListenerKey;
import io.cxengage.connectors.listeners.ListenerSpec;
import io.cxengage.connectors.listeners.RecordingSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DataSift stream client against a local WebSocket server that speaks DataSift's protocol. */
class DataSiftStreamClientITCase {

  static ListenerKafka kafka;
  static KafkaProducer<String, byte[]> producer;
  static ScheduledExecutorService scheduler;
  static int tenants;

  FakeDataSift fake;
  ListenerClient client;
  String tenant;

  @BeforeAll
  static void startKafka() {
    kafka = new ListenerKafka();
    producer = kafka.eventProducer();
    scheduler = Executors.newScheduledThreadPool(2);
  }

  @AfterAll
  static void stopKafka() {
    producer.close();
    scheduler.shutdownNow();
    kafka.close();
  }

  @BeforeEach
  void startFake() {
    fake = new FakeDataSift("ann", "key-123");
    tenant = "ds" + ++tenants;
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    fake.close();
  }

  private RecordingSink start(String apiKey, Duration silenceLimit) {
    DataSiftStreaming streaming =
        new DataSiftStreaming(
            fake.uri(),
            Duration.ofSeconds(2),
            Duration.ofMillis(100),
            Duration.ofMillis(400),
            silenceLimit,
            scheduler);
    ListenerDocument listener =
        new ListenerDocument(
            "LI1",
            "sentiment",
            "datasift",
            true,
            Map.of(
                "id", "twitter.user.screen_name",
                "username", "interaction.author.username",
                "sentiment", "salience.content.sentiment"),
            null,
            null,
            "hash-1",
            null,
            1L);
    ListenerSpec spec =
        new ListenerSpec(
            new ListenerKey(tenant, "LI1"),
            listener,
            "id",
            new IntegrationDocument(Map.of("username", "ann", "api-key", apiKey)));
    RecordingSink sink = new RecordingSink(spec, new EventWriter(producer, kafka.topics, 16384));
    client = streaming.client(spec, sink);
    client.start();
    return sink;
  }

  private static ObjectNode tweet(String screenName, int sentiment) {
    ObjectNode data = Json.mapper().createObjectNode();
    data.putObject("interaction")
        .put("type", "twitter")
        .putObject("author")
        .put("username", "u-" + screenName);
    data.putObject("twitter").putObject("user").put("screen_name", screenName);
    data.putObject("salience").putObject("content").put("sentiment", sentiment);
    return data;
  }

  private void awaitSubscribers(long count) {
    Await.until(
        count + " subscribers of hash-1",
        () -> fake.subscribers("hash-1") == count,
        Duration.ofSeconds(15),
        fake::actions);
  }

  @Test
  void interactionsArriveMappedWhileTicksAndDeletionsAreSkipped() {
    RecordingSink sink = start("key-123", Duration.ofSeconds(30));
    awaitSubscribers(1);
    fake.tick();
    fake.interaction("hash-1", tweet("ann_s", 4));
    fake.deletion("hash-1", "1e8a");
    fake.tick();
    fake.interaction("hash-1", tweet("bob_s", -2));

    List<JsonNode> events = kafka.events(tenant, 2);

    assertThat(events)
        .containsExactly(
            Json.tree(
                "{\"listener\":\"LI1\",\"id\":\"ann_s\",\"username\":\"u-ann_s\",\"sentiment\":4}"),
            Json.tree(
                "{\"listener\":\"LI1\",\"id\":\"bob_s\",\"username\":\"u-bob_s\",\"sentiment\":-2}"));
    assertThat(fake.actions())
        .containsExactly(Json.tree("{\"action\":\"subscribe\",\"hash\":\"hash-1\"}"));
    assertThat(sink.states())
        .containsExactly(
            new RecordingSink.State("started", "subscribed to datasift stream hash-1"));
  }

  @Test
  void aDroppedConnectionReconnectsAndSubscribesAgain() {
    RecordingSink sink = start("key-123", Duration.ofSeconds(30));
    awaitSubscribers(1);
    fake.interaction("hash-1", tweet("before", 1));
    kafka.events(tenant, 1);

    fake.dropAll();
    Await.until("a second connection", () -> fake.connections() == 2, Duration.ofSeconds(15));
    awaitSubscribers(1);
    fake.interaction("hash-1", tweet("after", 2));

    assertThat(kafka.events(tenant, 2))
        .extracting(e -> e.get("id").asText())
        .containsExactly("before", "after");
    assertThat(fake.actions())
        .hasSize(2)
        .allSatisfy(a -> assertThat(a.get("action").asText()).isEqualTo("subscribe"));
    assertThat(sink.states()).anySatisfy(s -> assertThat(s.message()).endsWith("; reconnecting"));
    assertThat(sink.last())
        .isEqualTo(new RecordingSink.State("started", "subscribed to datasift stream hash-1"));
  }

  @Test
  void aSilentStreamIsReplacedByANewConnection() {
    start("key-123", Duration.ofMillis(600));
    awaitSubscribers(1);

    Await.until(
        "a new connection after the silence",
        () -> fake.connections() >= 2,
        Duration.ofSeconds(10));
    awaitSubscribers(1);
    fake.interaction("hash-1", tweet("alive", 0));
    assertThat(kafka.events(tenant, 1).get(0).get("id").asText()).isEqualTo("alive");
  }

  @Test
  void aWarningKeepsTheStreamAndIsReported() {
    RecordingSink sink = start("key-123", Duration.ofSeconds(30));
    awaitSubscribers(1);

    fake.warning("hash-1", "You are approaching your usage limit");

    Await.until("the warning reported", () -> sink.states().size() == 2, Duration.ofSeconds(10));
    assertThat(sink.last())
        .isEqualTo(
            new RecordingSink.State(
                "started",
                "subscribed to datasift stream hash-1; datasift warns: You are approaching your"
                    + " usage limit"));
    assertThat(fake.connections()).isEqualTo(1);
  }

  @Test
  void aRefusedSubscriptionFailsTheListenerWithDatasiftsMessage() {
    fake.refuse("hash-1");
    RecordingSink sink = start("key-123", Duration.ofSeconds(30));

    Await.until("a failure", () -> sink.last() != null, Duration.ofSeconds(10));
    assertThat(sink.last())
        .isEqualTo(
            new RecordingSink.State(
                "failed", "datasift refused stream hash-1: Stream hash-1 is not available"));
  }

  @Test
  void aWrongApiKeyFailsWithoutShowingTheKey() {
    RecordingSink sink = start("wrong-key", Duration.ofSeconds(30));

    Await.until("a failure", () -> sink.last() != null, Duration.ofSeconds(10));
    assertThat(sink.last().status()).isEqualTo("failed");
    assertThat(sink.last().message())
        .startsWith("cannot connect to datasift: ")
        .doesNotContain("wrong-key");
  }

  @Test
  void closingUnsubscribesAndDisconnects() {
    start("key-123", Duration.ofSeconds(30));
    awaitSubscribers(1);

    client.close();
    client = null;

    awaitSubscribers(0);
    assertThat(fake.actions())
        .containsExactly(
            Json.tree("{\"action\":\"subscribe\",\"hash\":\"hash-1\"}"),
            Json.tree("{\"action\":\"unsubscribe\",\"hash\":\"hash-1\"}"));
  }
}
