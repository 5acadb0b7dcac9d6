package io.cxengage.connectors.pusher;

import static io.cxengage.connectors.fakes.Sends.await;
import static io.cxengage.connectors.fakes.Sends.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.dispatch.SendResult;
import io.cxengage.connectors.dispatch.SendResult.Outcome;
import io.cxengage.connectors.fakes.FakePusher;
import io.cxengage.connectors.fakes.FakeServer.Received;
import io.cxengage.connectors.fakes.FakeServer.Reply;
import io.cxengage.connectors.fakes.Sends;
import io.cxengage.connectors.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PusherDispatcherITCase {

  private static final Map<String, String> CREDENTIALS =
      Map.of("app-id", "4242", "key", "app-key", "secret", "app-secret", "cluster", "eu");
  private static final String EVENT =
      "{\"channel\":\"orders\",\"event\":\"shipped\",\"message\":\"order 17 shipped\"}";

  private final FakePusher fake = new FakePusher("4242", "app-key", "app-secret");
  private final PusherDispatcher dispatcher =
      new PusherDispatcher(Sends.endpointsAt(fake), Clock.systemUTC());

  @AfterEach
  void stop() {
    dispatcher.close();
    fake.close();
  }

  @Test
  void triggersASignedEventWithTheMessageAsData() {
    SendResult result = await(dispatcher.send(request("pusher", "event", EVENT, CREDENTIALS)));

    assertThat(result).isEqualTo(SendResult.sent(200, null));
    Received received = fake.received().get(0);
    assertThat(received.path()).isEqualTo("/apps/4242/events");
    assertThat(received.queryParams())
        .containsKeys("auth_key", "auth_timestamp", "auth_version", "body_md5", "auth_signature");
    JsonNode body = Json.tree(received.body());
    assertThat(body.path("name").asText()).isEqualTo("shipped");
    assertThat(body.path("channels").toString()).isEqualTo("[\"orders\"]");
    assertThat(body.path("data").asText()).isEqualTo("order 17 shipped");
  }

  @Test
  void sendsTheOtherParamsAsJsonDataWithoutAMessage() {
    await(
        dispatcher.send(
            request(
                "pusher",
                "event",
                "{\"channel\":\"orders\",\"event\":\"shipped\",\"order\":17,\"items\":[\"a\"]}",
                CREDENTIALS)));

    JsonNode body = Json.tree(fake.received().get(0).body());
    assertThat(Json.tree(body.path("data").asText()))
        .isEqualTo(Json.tree("{\"order\":17,\"items\":[\"a\"]}"));
  }

  @Test
  void givesUpWhenTheSignatureIsWrong() {
    Map<String, String> wrongSecret =
        Map.of("app-id", "4242", "key", "app-key", "secret", "not-the-secret");

    SendResult result = await(dispatcher.send(request("pusher", "event", EVENT, wrongSecret)));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(result.httpStatus()).isEqualTo(401);
    assertThat(result.error()).contains("Invalid signature");
  }

  @Test
  void retriesAfterRetryAfterOn429() {
    fake.failNext(new Reply(429, Map.of("Retry-After", "12"), "Too many requests"));

    SendResult result = await(dispatcher.send(request("pusher", "event", EVENT, CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
    assertThat(result.httpStatus()).isEqualTo(429);
    assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void retriesAServerError() {
    fake.failNext(new Reply(502, Map.of(), "Bad gateway"));

    SendResult result = await(dispatcher.send(request("pusher", "event", EVENT, CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
    assertThat(result.httpStatus()).isEqualTo(502);
    assertThat(result.retryAfter()).isNull();
  }

  @Test
  void retriesATimeoutWithoutBlockingTheCaller() {
    fake.stallNext(Duration.ofSeconds(5));

    CompletableFuture<SendResult> future =
        dispatcher.send(request("pusher", "event", EVENT, CREDENTIALS));
    assertThat(future).isNotDone();

    SendResult result = await(future);
    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
    assertThat(result.error()).contains("timed out");
  }

  @Test
  void givesUpOnABadRequest() {
    fake.failNext(new Reply(400, Map.of(), "Invalid channel name"));

    SendResult result = await(dispatcher.send(request("pusher", "event", EVENT, CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(result.httpStatus()).isEqualTo(400);
    assertThat(result.error()).isEqualTo("pusher event failed with HTTP 400: Invalid channel name");
  }

  @Test
  void refusesAnEventWithoutChannelBeforeSending() {
    SendResult result =
        await(dispatcher.send(request("pusher", "event", "{\"event\":\"shipped\"}", CREDENTIALS)));

    assertThat(result)
        .isEqualTo(
            SendResult.permanent(
                0, "pusher event: missing mandatory param 'channel' for pusher event"));
    assertThat(fake.received()).isEmpty();
  }

  @Test
  void refusesAnInvalidChannelNameBeforeSending() {
    SendResult result =
        await(
            dispatcher.send(
                request(
                    "pusher",
                    "event",
                    "{\"channel\":\"no spaces\",\"event\":\"e\"}",
                    CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(fake.received()).isEmpty();
  }

  @Test
  void refusesWithoutASecretBeforeSending() {
    SendResult result =
        await(
            dispatcher.send(
                request("pusher", "event", EVENT, Map.of("app-id", "4242", "key", "app-key"))));

    assertThat(result)
        .isEqualTo(
            SendResult.permanent(
                0, "pusher event: the pusher integration has no 'secret' configured"));
    assertThat(fake.received()).isEmpty();
  }
}
