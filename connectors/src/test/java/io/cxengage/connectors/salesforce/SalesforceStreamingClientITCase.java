package io.cxengage.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.config.IntegrationDocument;
import io.cxengage.connectors.config.ListenerDocument;
import io.cxengage.connectors.fakes.FakeSalesforceStreaming;
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

/**
 * The Streaming API client against a fake that speaks Bayeux long polling and Salesforce's OAuth
 * login, writing through the real {@link EventWriter} to a broker.
 */
class SalesforceStreamingClientITCase {

  static ListenerKafka kafka;
  static KafkaProducer<String, byte[]> producer;
  static ScheduledExecutorService scheduler;

  FakeSalesforceStreaming fake;
  SalesforceStreaming streaming;
  ListenerClient client;
  String tenant;
  static int tenants;

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
    fake =
        new FakeSalesforceStreaming(
            "ck", "cs", "ann@acme.example", "pw" + "tok", Duration.ofMillis(500));
    streaming =
        new SalesforceStreaming(
            fake.uri(),
            Duration.ofSeconds(2),
            Duration.ofMillis(100),
            Duration.ofMillis(400),
            scheduler);
    tenant = "sf" + ++tenants;
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    streaming.close();
    fake.close();
  }

  private RecordingSink start(String version, String password) {
    ListenerDocument listener =
        new ListenerDocument(
            "LI2",
            "opportunities",
            "salesforce",
            true,
            Map.of("user", "user__c", "stage", "StageName", "amount", "Amount"),
            "CxDemo",
            version,
            null,
            null,
            1L);
    IntegrationDocument credentials =
        new IntegrationDocument(
            Map.of(
                "consumer-key", "ck",
                "consumer-secret", "cs",
                "username", "ann@acme.example",
                "password", password,
                "secret-token", "tok"));
    ListenerSpec spec =
        new ListenerSpec(new ListenerKey(tenant, "LI2"), listener, "user", credentials);
    RecordingSink sink = new RecordingSink(spec, new EventWriter(producer, kafka.topics, 16384));
    client = streaming.client(spec, sink);
    client.start();
    return sink;
  }

  private static ObjectNode opportunity(String user, String stage) {
    return Json.mapper()
        .createObjectNode()
        .put("Id", "006" + user)
        .put("user__c", user)
        .put("StageName", stage)
        .put("Amount", 1200);
  }

  private void awaitSubscribed(RecordingSink sink, int subscriptions) {
    Await.until(
        "subscribed " + subscriptions + " times",
        () ->
            sink.states().stream().filter(s -> s.message().startsWith("subscribed")).count()
                    >= subscriptions
                && fake.subscribers("CxDemo") == 1,
        Duration.ofSeconds(20),
        () ->
            sink.states()
                + " after "
                + fake.received().stream()
                    .skip(Math.max(0, fake.received().size() - 6))
                    .map(r -> r.path() + " " + r.body())
                    .toList());
  }

  @Test
  void recordsOfThePushTopicArriveOnCxEventsMapped() {
    RecordingSink sink = start("62.0", "pw");
    awaitSubscribed(sink, 1);
    fake.publish("CxDemo", opportunity("u1", "Prospecting"));
    fake.publish("CxDemo", opportunity("u2", "Closed Won"));

    List<JsonNode> events = kafka.events(tenant, 2);

    assertThat(events)
        .containsExactly(
            Json.tree(
                "{\"listener\":\"LI2\",\"user\":\"u1\",\"stage\":\"Prospecting\",\"amount\":1200}"),
            Json.tree(
                "{\"listener\":\"LI2\",\"user\":\"u2\",\"stage\":\"Closed Won\",\"amount\":1200}"));
    assertThat(sink.states())
        .containsExactly(
            new RecordingSink.State("started", "subscribed to /topic/CxDemo (API 62.0)"));
    assertThat(fake.versions()).containsOnly("62.0");
    JsonNode subscribe = fake.subscribes().get(0);
    assertThat(subscribe.path("ext").path("replay").path("/topic/CxDemo").asLong()).isEqualTo(-1);
  }

  @Test
  void anExpiredSessionLogsInAgainAndHandshakesAnew() {
    RecordingSink sink = start("62.0", "pw");
    awaitSubscribed(sink, 1);
    fake.publish("CxDemo", opportunity("u1", "Prospecting"));
    kafka.events(tenant, 1);

    fake.expireSessions();
    Await.until("a 401 answered", () -> fake.unauthorized() > 0, Duration.ofSeconds(10));
    awaitSubscribed(sink, 2);
    fake.publish("CxDemo", opportunity("u3", "Negotiation"));

    assertThat(kafka.events(tenant, 2).get(1).get("user").asText()).isEqualTo("u3");
    assertThat(fake.logins()).isEqualTo(2);
    assertThat(fake.handshakes()).isEqualTo(2);
    // the new subscription continues after the event already handed on
    JsonNode resubscribe = fake.subscribes().get(fake.subscribes().size() - 1);
    assertThat(resubscribe.path("ext").path("replay").path("/topic/CxDemo").asLong()).isEqualTo(1);
  }

  @Test
  void aDroppedConnectionResumesAfterTheLastReplayId() {
    RecordingSink sink = start("62.0", "pw");
    awaitSubscribed(sink, 1);
    fake.publish("CxDemo", opportunity("u1", "Prospecting"));
    kafka.events(tenant, 1);

    // the server goes away: polls are cut off, and it forgets its clients meanwhile
    fake.dropNextConnects(2);
    fake.forgetClients();
    fake.publish("CxDemo", opportunity("u2", "Qualification"));
    fake.publish("CxDemo", opportunity("u3", "Closed Won"));
    awaitSubscribed(sink, 2);

    List<JsonNode> events = kafka.events(tenant, 3);
    assertThat(events).extracting(e -> e.get("user").asText()).containsExactly("u1", "u2", "u3");
    JsonNode resubscribe = fake.subscribes().get(fake.subscribes().size() - 1);
    assertThat(resubscribe.path("ext").path("replay").path("/topic/CxDemo").asLong()).isEqualTo(1);
    assertThat(sink.states()).anySatisfy(s -> assertThat(s.message()).contains("reconnecting"));
    assertThat(sink.last())
        .isEqualTo(new RecordingSink.State("started", "subscribed to /topic/CxDemo (API 62.0)"));
  }

  @Test
  void aRetiredVersionRunsWithoutReplayAndWarns() {
    RecordingSink sink = start("26.0", "pw");
    awaitSubscribed(sink, 1);
    fake.publish("CxDemo", opportunity("u1", "Prospecting"));

    assertThat(kafka.events(tenant, 1).get(0).get("user").asText()).isEqualTo("u1");
    assertThat(fake.versions()).containsOnly("26.0");
    assertThat(fake.subscribes().get(0).has("ext")).isFalse();
    assertThat(sink.last().message())
        .isEqualTo(
            "subscribed to /topic/CxDemo (API 26.0); warning: API version 26.0 is retired"
                + " (Salesforce retired 21.0 to 30.0 in Summer '25); set the listener's version"
                + " to 62.0");
  }

  @Test
  void aWrongPasswordFailsTheListenerWithSalesforcesAnswerAndKeepsTrying() {
    RecordingSink sink = start(null, "wrong");

    Await.until("two failed logins", () -> sink.states().size() >= 2, Duration.ofSeconds(10));
    assertThat(sink.states())
        .allSatisfy(
            s -> {
              assertThat(s.status()).isEqualTo("failed");
              assertThat(s.message())
                  .isEqualTo(
                      "salesforce login failed with HTTP 400: {\"error\":\"invalid_grant\","
                          + "\"error_description\":\"authentication failure\"}");
            });
    assertThat(fake.handshakes()).isZero();
  }

  @Test
  void closingDisconnectsFromTheServer() {
    RecordingSink sink = start("62.0", "pw");
    awaitSubscribed(sink, 1);

    client.close();
    client = null;

    assertThat(fake.disconnects()).isEqualTo(1);
    assertThat(fake.subscribers("CxDemo")).isZero();
  }
}
