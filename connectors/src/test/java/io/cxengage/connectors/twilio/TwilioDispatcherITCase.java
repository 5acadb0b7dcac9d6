package io.cxengage.connectors.twilio;

import static io.cxengage.connectors.fakes.Sends.await;
import static io.cxengage.connectors.fakes.Sends.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.connectors.config.IntegrationDocument;
import io.cxengage.connectors.dispatch.SendRequest;
import io.cxengage.connectors.dispatch.SendResult;
import io.cxengage.connectors.dispatch.SendResult.Outcome;
import io.cxengage.connectors.fakes.FakeServer.Received;
import io.cxengage.connectors.fakes.FakeServer.Reply;
import io.cxengage.connectors.fakes.FakeTwilio;
import io.cxengage.connectors.fakes.Sends;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwilioDispatcherITCase {

  private static final String SID = "AC0123456789abcdef0123456789abcdef";
  private static final String TOKEN = "twilio-auth-token";
  private static final String OTHER_SID = "AC99999999999999999999999999999999";
  private static final String OTHER_TOKEN = "other-auth-token";
  private static final Map<String, String> CREDENTIALS =
      Map.of("account", SID, "password", TOKEN, "from", "+15550001111");
  private static final String SMS = "{\"to-phone-number\":\"+15557654321\",\"message\":\"Hi Ann\"}";

  private final Instant now = Instant.parse("2025-06-01T12:00:00Z");
  private final FakeTwilio fake = new FakeTwilio(Map.of(SID, TOKEN, OTHER_SID, OTHER_TOKEN));
  private final TwilioDispatcher dispatcher =
      new TwilioDispatcher(Sends.endpointsAt(fake), Clock.fixed(now, ZoneOffset.UTC));

  @AfterEach
  void stop() {
    dispatcher.close();
    fake.close();
  }

  @Test
  void sendsAnSmsWithBasicAuthAndTheFormFields() {
    SendResult result = await(dispatcher.send(request("twilio", "sms", SMS, CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.SENT);
    assertThat(result.httpStatus()).isEqualTo(201);
    assertThat(result.providerId()).isEqualTo("SM00000000000000000000000000000001");
    Received received = fake.received().get(0);
    assertThat(received.method()).isEqualTo("POST");
    assertThat(received.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Messages.json");
    assertThat(received.header("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8)));
    assertThat(received.form())
        .containsEntry("To", "+15557654321")
        .containsEntry("From", "+15550001111")
        .containsEntry("Body", "Hi Ann");
  }

  @Test
  void prefersTheFromParamOverTheIntegrationsNumber() {
    await(
        dispatcher.send(
            request(
                "twilio",
                "sms",
                "{\"to-phone-number\":15557654321,\"from-phone-number\":\"+15559990000\","
                    + "\"message\":\"Hi\"}",
                CREDENTIALS)));

    assertThat(fake.received().get(0).form())
        .containsEntry("From", "+15559990000")
        .containsEntry("To", "15557654321");
  }

  @Test
  void speaksACallsMessageThroughEscapedTwiml() {
    SendResult result =
        await(
            dispatcher.send(
                request(
                    "twilio",
                    "call",
                    "{\"to-phone-number\":\"+15557654321\",\"message\":\"Tom & Jerry <3\"}",
                    CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.SENT);
    assertThat(result.providerId()).startsWith("CA");
    Received received = fake.received().get(0);
    assertThat(received.path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/Calls.json");
    assertThat(received.form().get("Twiml"))
        .contains("<Response><Say>Tom &amp; Jerry &lt;3</Say></Response>");
    assertThat(received.form()).doesNotContainKey("Url");
  }

  @Test
  void letsTwilioFetchTwimlFromACallsUrl() {
    await(
        dispatcher.send(
            request(
                "twilio",
                "call",
                "{\"to-phone-number\":\"+15557654321\",\"url\":\"https://acme.test/twiml.xml\"}",
                CREDENTIALS)));

    assertThat(fake.received().get(0).form())
        .containsEntry("Url", "https://acme.test/twiml.xml")
        .doesNotContainKey("Twiml");
  }

  @Test
  void usesEachTenantsOwnAccount() {
    SendRequest acme = request("twilio", "sms", SMS, CREDENTIALS);
    SendRequest globex =
        new SendRequest(
            "send-2",
            "globex",
            "twilio",
            "sms",
            acme.params(),
            new IntegrationDocument(
                Map.of("account", OTHER_SID, "password", OTHER_TOKEN, "from", "+15550002222")),
            1);

    assertThat(await(dispatcher.send(acme)).outcome()).isEqualTo(Outcome.SENT);
    assertThat(await(dispatcher.send(globex)).outcome()).isEqualTo(Outcome.SENT);
    assertThat(await(dispatcher.send(acme)).outcome()).isEqualTo(Outcome.SENT);

    assertThat(fake.received())
        .extracting(Received::path)
        .containsExactly(
            "/2010-04-01/Accounts/" + SID + "/Messages.json",
            "/2010-04-01/Accounts/" + OTHER_SID + "/Messages.json",
            "/2010-04-01/Accounts/" + SID + "/Messages.json");
    assertThat(fake.received().get(1).form()).containsEntry("From", "+15550002222");
  }

  @Test
  void retriesAfterRetryAfterOn429() {
    fake.failNext(
        new Reply(
            429,
            Map.of(
                "Retry-After",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    now.plusSeconds(20).atZone(ZoneOffset.UTC)),
                "Content-Type",
                "application/json"),
            FakeTwilio.error(429, 20429, "Too Many Requests").body()));

    SendResult result = await(dispatcher.send(request("twilio", "sms", SMS, CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
    assertThat(result.httpStatus()).isEqualTo(429);
    assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    assertThat(result.error()).contains("Too Many Requests").contains("20429");
  }

  @Test
  void retriesAServerErrorOnceNotLikeTheSdk() {
    fake.failNext(FakeTwilio.error(500, 20500, "Internal Server Error"));

    SendResult result = await(dispatcher.send(request("twilio", "sms", SMS, CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
    assertThat(result.httpStatus()).isEqualTo(500);
    // The SDK's own transport would have retried 5xx itself; retries are the job's.
    assertThat(fake.received()).hasSize(1);
  }

  @Test
  void retriesATimeoutWithoutBlockingTheCaller() {
    fake.stallNext(Duration.ofSeconds(5));

    CompletableFuture<SendResult> future =
        dispatcher.send(request("twilio", "sms", SMS, CREDENTIALS));
    assertThat(future).isNotDone();

    SendResult result = await(future);
    assertThat(result.outcome()).isEqualTo(Outcome.RETRYABLE);
    assertThat(result.error()).contains("timed out");
  }

  @Test
  void givesUpOnABadRequest() {
    fake.failNext(
        FakeTwilio.error(400, 21211, "The 'To' number +1555 is not a valid phone number."));

    SendResult result = await(dispatcher.send(request("twilio", "sms", SMS, CREDENTIALS)));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(result.httpStatus()).isEqualTo(400);
    assertThat(result.error()).contains("not a valid phone number").contains("21211");
  }

  @Test
  void givesUpOnAWrongTokenAsTheFakeChecksIt() {
    Map<String, String> wrong =
        Map.of("account", SID, "password", "not-the-token", "from", "+1555");

    SendResult result = await(dispatcher.send(request("twilio", "sms", SMS, wrong)));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(result.httpStatus()).isEqualTo(401);
    assertThat(result.error()).contains("Authenticate").doesNotContain("not-the-token");
  }

  @Test
  void refusesAnSmsWithoutMessageBeforeSending() {
    SendResult result =
        await(
            dispatcher.send(
                request("twilio", "sms", "{\"to-phone-number\":\"+15557654321\"}", CREDENTIALS)));

    assertThat(result)
        .isEqualTo(
            SendResult.permanent(
                0, "twilio sms: missing mandatory param 'message' for twilio sms"));
    assertThat(fake.received()).isEmpty();
  }

  @Test
  void refusesACallWithNeitherMessageNorUrlBeforeSending() {
    SendResult result =
        await(
            dispatcher.send(
                request("twilio", "call", "{\"to-phone-number\":\"+15557654321\"}", CREDENTIALS)));

    assertThat(result)
        .isEqualTo(
            SendResult.permanent(0, "twilio call: twilio call needs a 'message' or a 'url' param"));
    assertThat(fake.received()).isEmpty();
  }

  @Test
  void refusesWithoutAnAccountBeforeSending() {
    SendResult result =
        await(dispatcher.send(request("twilio", "sms", SMS, Map.of("password", TOKEN))));

    assertThat(result)
        .isEqualTo(
            SendResult.permanent(
                0, "twilio sms: the twilio integration has no 'account' configured"));
    assertThat(fake.received()).isEmpty();
  }

  @Test
  void refusesWhenTheTenantHasNoTwilioIntegration() {
    SendResult result = await(dispatcher.send(request("twilio", "sms", SMS, null)));

    assertThat(result)
        .isEqualTo(
            SendResult.permanent(
                0, "twilio sms: tenant acme has no twilio integration configured"));
  }
}
