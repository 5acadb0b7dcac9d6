package io.cxengage.connectors.salesforce;

import static io.cxengage.connectors.fakes.Sends.await;
import static io.cxengage.connectors.fakes.Sends.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.connectors.dispatch.SendResult;
import io.cxengage.connectors.dispatch.SendResult.Outcome;
import io.cxengage.connectors.fakes.FakeSalesforce;
import io.cxengage.connectors.fakes.FakeServer.Received;
import io.cxengage.connectors.fakes.FakeServer.Reply;
import io.cxengage.connectors.fakes.Sends;
import io.cxengage.connectors.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SalesforceDispatcherITCase {

  private static final Map<String, String> CREDENTIALS =
      Map.of(
          "consumer-key", "3MVG9-consumer-key",
          "consumer-secret", "consumer-secret-value",
          "username", "ops@acme.test",
          "password", "user-password",
          "secret-token", "SECURITYTOKEN");
  private static final String TASK =
      "{\"Subject\":\"Call Ann back\",\"Status\":\"Not Started\",\"Priority\":\"High\"}";

  private final FakeSalesforce fake =
      new FakeSalesforce(
          "3MVG9-consumer-key",
          "consumer-secret-value",
          "ops@acme.test",
          "user-passwordSECURITYTOKEN");
  private final SalesforceDispatcher dispatcher =
      new SalesforceDispatcher(Sends.endpointsAt(fake), Clock.systemUTC());

  @AfterEach
  void stop() {
    dispatcher.close();
    fake.close();
  }

  @Test
  void logsInWithPasswordAndTokenThenCreatesTheTask() {
    SendResult result = await(dispatcher.send(request("salesforce", "task", TASK, CREDENTIALS)));

    assertThat(result).isEqualTo(SendResult.sent(201, "00Txx0000000001"));
    List<Received> received = fake.received();
    assertThat(received).hasSize(2);
    assertThat(received.get(0).path()).isEqualTo("/services/oauth2/token");
    assertThat(received.get(0).form())
        .containsEntry("grant_type", "password")
        .containsEntry("client_id", "3MVG9-consumer-key")
        .containsEntry("client_secret", "consumer-secret-value")
        .containsEntry("username", "ops@acme.test")
        .containsEntry("password", "user-passwordSECURITYTOKEN");
    Received create = received.get(1);
    assertThat(create.path()).isEqualTo("/services/data/v62.0/sobjects/Task/");
    assertThat(create.header("Authorization")).isEqualTo("Bearer 00Dxx0000001gPL!token-1");
    assertThat(Json.tree(create.body())).isEqualTo(Json.tree(TASK));
  }

  @Test
  void createsLeadsCasesAndOpportunities() {
    assertThat(
            await(
                    dispatcher.send(
                        request(
                            "salesforce",
                            "lead",
                            "{\"LastName\":\"Lee\",\"Company\":\"X\"}",
                            CREDENTIALS)))
                .providerId())
        .startsWith("00Q");
    assertThat(
            await(
                    dispatcher.send(
                        request("salesforce", "case", "{\"Subject\":\"s\"}", CREDENTIALS)))
                .providerId())
        .startsWith("500");
    assertThat(
            await(
                    dispatcher.send(
                        request("salesforce", "opportunity", "{\"Name\":\"n\"}", CREDENTIALS)))
                .providerId())
        .startsWith("006");
    assertThat(fake.received())
        .extracting(Received::path)
        .containsExactly(
            "/services/oauth2/token",
            "/services/data/v62.0/sobjects/Lead/",
            "/services/data/v62.0/sobjects/Case/",
            "/services/data/v62.0/sobjects/Opportunity/");
  }

  @Test
  void reusesTheCachedTokenAcrossSends() {
    await(dispatcher.send(request("salesforce", "task", TASK, CREDENTIALS)));
    await(dispatcher.send(request("salesforce", "task", TASK, CREDENTIALS)));

    assertThat(fake.logins()).isEqualTo(1);
  }

  @Test
  void logsInAgainOnceWhenTheTokenExpired() {
    await(dispatcher.send(request("salesforce", "task", TASK, CREDENTIALS)));
    fake.expireSessions();

    SendResult result = await(dispatcher.send(request("salesforce", "task", TASK, CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.SENT);
    assertThat(fake.logins()).isEqualTo(2);
    assertThat(fake.received())
        .extracting(Received::path)
        .containsExactly(
            "/services/oauth2/token",
            "/services/data/v62.0/sobjects/Task/",
            "/services/data/v62.0/sobjects/Task/",
            "/services/oauth2/token",
            "/services/data/v62.0/sobjects/Task/");
    assertThat(fake.received().get(4).header("Authorization")).endsWith("token-2");
  }

  @Test
  void givesUpWhenA401PersistsAfterTheNewLogin() {
    await(dispatcher.send(request("salesforce", "task", TASK, CREDENTIALS)));
    fake.revokeApiAccess();

    SendResult result = await(dispatcher.send(request("salesforce", "task", TASK, CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(result.httpStatus()).isEqualTo(401);
    assertThat(result.error()).contains("INVALID_SESSION_ID");
    // One new login and one repeated create, no more.
    assertThat(fake.logins()).isEqualTo(2);
    assertThat(fake.received()).hasSize(5);
  }

  @Test
  void givesUpOnWrongCredentialsWithoutShowingThem() {
    Map<String, String> wrong = new java.util.HashMap<>(CREDENTIALS);
    wrong.put("password", "wrong-password");

    SendResult result = await(dispatcher.send(request("salesforce", "task", TASK, wrong)));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(result.httpStatus()).isEqualTo(400);
    assertThat(result.error())
        .isEqualTo(
            "salesforce login failed with HTTP 400: "
                + "{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}");
  }

  @Test
  void retriesAfterRetryAfterOn429() {
    await(dispatcher.send(request("salesforce", "task", TASK, CREDENTIALS)));
    fake.failNext(
        new Reply(
            429,
            Map.of("Retry-After", "3", "Content-Type", "application/json"),
            "[{\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"TotalRequests Limit exceeded.\"}]"));

    SendResult result = await(dispatcher.send(request("salesforce", "task", TASK, CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
    assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(result.error()).contains("REQUEST_LIMIT_EXCEEDED");
  }

  @Test
  void retriesAServerError() {
    await(dispatcher.send(request("salesforce", "task", TASK, CREDENTIALS)));
    fake.failNext(Reply.json(503, "[{\"errorCode\":\"SERVER_UNAVAILABLE\"}]"));

    SendResult result = await(dispatcher.send(request("salesforce", "task", TASK, CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
    assertThat(result.httpStatus()).isEqualTo(503);
  }

  @Test
  void retriesAServerErrorOfTheLogin() {
    fake.failNext(Reply.json(500, "{\"error\":\"unknown_error\"}"));

    SendResult result = await(dispatcher.send(request("salesforce", "task", TASK, CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
    assertThat(result.error()).startsWith("salesforce login failed with HTTP 500");
  }

  @Test
  void retriesATimeoutWithoutBlockingTheCaller() {
    fake.stallNext(Duration.ofSeconds(5));

    CompletableFuture<SendResult> future =
        dispatcher.send(request("salesforce", "task", TASK, CREDENTIALS));
    assertThat(future).isNotDone();

    SendResult result = await(future);
    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
    assertThat(result.error()).contains("timed out");
  }

  @Test
  void givesUpOnABadRequest() {
    await(dispatcher.send(request("salesforce", "task", TASK, CREDENTIALS)));
    fake.failNext(
        Reply.json(
            400,
            "[{\"message\":\"Required fields are missing: [LastName]\","
                + "\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"fields\":[\"LastName\"]}]"));

    SendResult result =
        await(dispatcher.send(request("salesforce", "lead", "{\"Company\":\"X\"}", CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(result.httpStatus()).isEqualTo(400);
    assertThat(result.error()).contains("REQUIRED_FIELD_MISSING");
  }

  @Test
  void refusesAnUnknownActionBeforeSending() {
    SendResult result = await(dispatcher.send(request("salesforce", "account", "{}", CREDENTIALS)));

    assertThat(result)
        .isEqualTo(
            SendResult.permanent(
                0,
                "salesforce account: salesforce has no action 'account';"
                    + " use task, lead, case or opportunity"));
    assertThat(fake.received()).isEmpty();
  }

  @Test
  void refusesWithoutAConsumerKeyBeforeSending() {
    Map<String, String> incomplete = new java.util.HashMap<>(CREDENTIALS);
    incomplete.remove("consumer-key");

    SendResult result = await(dispatcher.send(request("salesforce", "task", TASK, incomplete)));

    assertThat(result)
        .isEqualTo(
            SendResult.permanent(
                0, "salesforce task: the salesforce integration has no 'consumer-key' configured"));
    assertThat(fake.received()).isEmpty();
  }
}
