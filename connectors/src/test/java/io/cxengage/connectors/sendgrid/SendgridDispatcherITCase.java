package io.cxengage.connectors.sendgrid;

import static io.cxengage.connectors.fakes.Sends.await;
import static io.cxengage.connectors.fakes.Sends.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.dispatch.SendResult;
import io.cxengage.connectors.dispatch.SendResult.Outcome;
import io.cxengage.connectors.dispatch.ServiceEndpoints;
import io.cxengage.connectors.fakes.FakeSendgrid;
import io.cxengage.connectors.fakes.FakeServer.Received;
import io.cxengage.connectors.fakes.FakeServer.Reply;
import io.cxengage.connectors.fakes.Sends;
import io.cxengage.connectors.json.Json;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendgridDispatcherITCase {

  private static final String KEY = "SG.test-api-key";
  private static final Map<String, String> CREDENTIALS =
      Map.of("account", "acme", "password", KEY, "from", "noreply@acme.test");

  private final FakeSendgrid fake = new FakeSendgrid(KEY);
  private final SendgridDispatcher dispatcher =
      new SendgridDispatcher(Sends.endpointsAt(fake), Clock.systemUTC());

  @AfterEach
  void stop() {
    dispatcher.close();
    fake.close();
  }

  private static String email() {
    return "{\"to\":\"ann@example.com\",\"toname\":\"Ann\",\"subject\":\"Welcome\","
        + "\"message\":\"Hello Ann\",\"html\":\"<p>Hello Ann</p>\",\"fromname\":\"Acme\"}";
  }

  @Test
  void sendsTheMailWithTheKeyAndTheSendIdInCustomArgs() {
    SendResult result = await(dispatcher.send(request("sendgrid", "email", email(), CREDENTIALS)));

    assertThat(result).isEqualTo(SendResult.sent(202, "msg-1"));
    Received received = fake.received().get(0);
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.path()).isEqualTo("/v3/mail/send");
    assertThat(received.header("Authorization")).isEqualTo("Bearer " + KEY);
    JsonNode mail = Json.tree(received.body());
    assertThat(mail.at("/personalizations/0/to/0/email").asText()).isEqualTo("ann@example.com");
    assertThat(mail.at("/personalizations/0/to/0/name").asText()).isEqualTo("Ann");
    assertThat(mail.at("/from/email").asText()).isEqualTo("noreply@acme.test");
    assertThat(mail.at("/from/name").asText()).isEqualTo("Acme");
    assertThat(mail.at("/subject").asText()).isEqualTo("Welcome");
    assertThat(mail.at("/content/0/type").asText()).isEqualTo("text/plain");
    assertThat(mail.at("/content/0/value").asText()).isEqualTo("Hello Ann");
    assertThat(mail.at("/content/1/type").asText()).isEqualTo("text/html");
    assertThat(mail.at("/content/1/value").asText()).isEqualTo("<p>Hello Ann</p>");
    assertThat(mail.at("/custom_args/cx_send_id").asText()).isEqualTo("send-1");
  }

  @Test
  void prefersTheFromParamAndAcceptsSeveralRecipients() {
    await(
        dispatcher.send(
            request(
                "sendgrid",
                "email",
                "{\"to\":[\"a@x.test\",\"b@x.test\"],\"from\":\"team@acme.test\","
                    + "\"subject\":\"s\",\"message\":\"m\"}",
                CREDENTIALS)));

    JsonNode mail = Json.tree(fake.received().get(0).body());
    assertThat(mail.at("/from/email").asText()).isEqualTo("team@acme.test");
    assertThat(mail.at("/personalizations/0/to/1/email").asText()).isEqualTo("b@x.test");
  }

  @Test
  void usesTheApiKeyFieldWhenTheIntegrationHasOne() {
    Map<String, String> withApiKey =
        Map.of("password", "old-password", "api-key", KEY, "from", "noreply@acme.test");

    SendResult result = await(dispatcher.send(request("sendgrid", "email", email(), withApiKey)));

    assertThat(result.outcome()).isEqualTo(Outcome.SENT);
  }

  @Test
  void retriesAfterRetryAfterOn429() {
    fake.failNext(
        new Reply(429, Map.of("Retry-After", "7"), "{\"errors\":[{\"message\":\"too many\"}]}"));

    SendResult result = await(dispatcher.send(request("sendgrid", "email", email(), CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
    assertThat(result.httpStatus()).isEqualTo(429);
    assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void readsSendgridsRateLimitResetWhenThereIsNoRetryAfter() {
    long reset = Clock.systemUTC().instant().plusSeconds(60).getEpochSecond();
    fake.failNext(new Reply(429, Map.of("X-RateLimit-Reset", Long.toString(reset)), "{}"));

    SendResult result = await(dispatcher.send(request("sendgrid", "email", email(), CREDENTIALS)));

    assertThat(result.retryAfter()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
  }

  @Test
  void retriesAServerError() {
    fake.failNext(Reply.json(503, "{\"errors\":[{\"message\":\"unavailable\"}]}"));

    SendResult result = await(dispatcher.send(request("sendgrid", "email", email(), CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
    assertThat(result.httpStatus()).isEqualTo(503);
    assertThat(result.error()).contains("unavailable");
  }

  @Test
  void retriesATimeoutWithoutBlockingTheCaller() {
    fake.stallNext(Duration.ofSeconds(5));

    CompletableFuture<SendResult> future =
        dispatcher.send(request("sendgrid", "email", email(), CREDENTIALS));
    // Had send() waited for the service, the future would be complete by now.
    assertThat(future).isNotDone();

    SendResult result = await(future);
    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
    assertThat(result.error()).contains("timed out");
  }

  @Test
  void retriesARefusedConnection() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ServiceEndpoints nowhere =
        ServiceEndpoints.builder()
            .sendgrid(URI.create("http://127.0.0.1:" + closedPort))
            .requestTimeout(Sends.TEST_TIMEOUT)
            .build();
    try (SendgridDispatcher refused = new SendgridDispatcher(nowhere, Clock.systemUTC())) {
      SendResult result = await(refused.send(request("sendgrid", "email", email(), CREDENTIALS)));

      assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
      assertThat(result.httpStatus()).isZero();
    }
  }

  @Test
  void givesUpOnABadRequest() {
    fake.failNext(
        Reply.json(
            400,
            "{\"errors\":[{\"message\":\"Does not contain a valid address.\","
                + "\"field\":\"personalizations.0.to.0.email\"}]}"));

    SendResult result = await(dispatcher.send(request("sendgrid", "email", email(), CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(result.httpStatus()).isEqualTo(400);
    assertThat(result.error()).contains("Does not contain a valid address.");
  }

  @Test
  void givesUpOnAWrongKeyWithoutShowingIt() {
    Map<String, String> wrong = Map.of("password", "SG.wrong-key", "from", "noreply@acme.test");
    fake.failNext(Reply.json(401, "{\"errors\":[{\"message\":\"bad key SG.wrong-key\"}]}"));

    SendResult result = await(dispatcher.send(request("sendgrid", "email", email(), wrong)));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(result.error()).doesNotContain("SG.wrong-key").contains("********");
  }

  @Test
  void refusesAMailWithoutRecipientBeforeSending() {
    SendResult result =
        await(
            dispatcher.send(
                request(
                    "sendgrid", "email", "{\"subject\":\"s\",\"message\":\"m\"}", CREDENTIALS)));

    assertThat(result)
        .isEqualTo(
            SendResult.permanent(
                0, "sendgrid email: missing mandatory param 'to' for sendgrid email"));
    assertThat(fake.received()).isEmpty();
  }

  @Test
  void refusesWithoutAKeyBeforeSending() {
    SendResult result =
        await(dispatcher.send(request("sendgrid", "email", email(), Map.of("from", "a@b.test"))));

    assertThat(result)
        .isEqualTo(
            SendResult.permanent(
                0, "sendgrid email: the sendgrid integration has no 'password' configured"));
    assertThat(fake.received()).isEmpty();
  }

  @Test
  void refusesWithoutAnyFromBeforeSending() {
    SendResult result =
        await(dispatcher.send(request("sendgrid", "email", email(), Map.of("password", KEY))));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(result.error()).contains("missing param 'from'");
    assertThat(fake.received()).isEmpty();
  }
}
