package io.cxengage.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.config.IntegrationDocument;
import io.cxengage.connectors.fakes.FakeSendgrid;
import io.cxengage.connectors.fakes.FakeServer;
import io.cxengage.connectors.fakes.FakeTwilio;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.secrets.SecretCipher;
import io.cxengage.job.EngineJob;
import io.cxengage.job.JobSettings;
import io.cxengage.job.fault.FaultInjector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pattern whose reaction sends an SMS and then, after a delay, an email, with the real Twilio and
 * SendGrid clients pointed at local fakes; a task of the job fails between the two sends and is
 * restored from its checkpoint. Each fake receives exactly one request.
 */
class ReactionDeliveryITCase {

  @TempDir Path tmp;

  @Test
  void eachSendReachesItsServiceOnceAcrossAFailure() throws Exception {
    String key = SecretCipher.generateKey();
    SecretCipher cipher = SecretCipher.fromBase64(key);
    String fault = "on-type:crash-" + System.nanoTime();
    try (KafkaFixture kafka = new KafkaFixture();
        FakeTwilio twilio = new FakeTwilio(Map.of("AC123", "tw-token"));
        FakeSendgrid sendgrid = new FakeSendgrid("SG.key")) {
      kafka.tenant("shop", "user");
      kafka.twilio("shop", cipher);
      kafka.config(
          ConfigKey.of("shop", ConfigKind.INTEGRATION, "sendgrid"),
          new IntegrationDocument(
              Map.of(
                  "id",
                  "sendgrid",
                  "password",
                  cipher.encrypt("SG.key"),
                  "from",
                  "shop@example.com")));
      kafka.pattern(
          "shop",
          "PT1",
          "(event (= type \"order\"))",
          "(seq (send twilio sms {:to-phone-number *phone* :message \"Thanks for your order\"})"
              + " (delay 3 seconds)"
              + " (send sendgrid email {:to *email* :subject \"Your order\" :message \"Thanks\"}))",
          true);
      JobSettings settings =
          JobSettings.from(
              new String[0],
              Map.of(
                  "CX_KAFKA_BOOTSTRAP",
                  kafka.broker.bootstrapServers(),
                  "CX_PARALLELISM",
                  "2",
                  "CX_CHECKPOINT_INTERVAL",
                  "300ms",
                  "CX_STATE_BACKEND",
                  "heap",
                  "CX_CHECKPOINT_DIR",
                  tmp.resolve("cp").toUri().toString(),
                  "CX_SECRET_KEY",
                  key,
                  "CX_TWILIO_URL",
                  twilio.uri().toString(),
                  "CX_SENDGRID_URL",
                  sendgrid.uri().toString(),
                  "CX_TEST_FAULT",
                  fault));
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(2, EngineJob.configuration(settings));
      EngineJob.define(env, settings);
      JobClient job = env.executeAsync("delivery-it");
      try {
        long now = System.currentTimeMillis();
        kafka.raw(
            "shop",
            "{\"user\":\"u1\",\"type\":\"order\",\"phone\":\"+15551234567\",\"email\":\"ann@example.com\",\"timestamp\":"
                + now
                + "}");
        try {
          await(() -> twilio.received().size() == 1, "the SMS");
        } catch (AssertionError e) {
          throw new AssertionError(
              e.getMessage()
                  + "; reactions "
                  + kafka.readFor(kafka.topics.reactions(), Duration.ofSeconds(3))
                  + " dead letters "
                  + kafka.readFor(kafka.topics.deadletter(), Duration.ofSeconds(3)));
        }
        // two checkpoints after the SMS: the second began after its outcome was in state
        Set<String> before = checkpoints();
        await(() -> newCheckpoints(before) >= 2, "two checkpoints");
        kafka.raw(
            "shop",
            "{\"user\":\"u2\",\"type\":\""
                + fault.substring("on-type:".length())
                + "\",\"timestamp\":"
                + (now + 1)
                + "}");
        await(() -> FaultInjector.failures(fault) == 1, "the injected failure");
        await(() -> sendgrid.received().size() == 1, "the email");
        List<JsonNode> reactions =
            kafka
                .awaitRecords(kafka.topics.reactions(), v -> v.size() >= 2, Duration.ofSeconds(60))
                .stream()
                .map(Json::tree)
                .toList();
        assertThat(reactions)
            .extracting(r -> r.get("integration").asText())
            .containsExactlyInAnyOrder("twilio", "sendgrid");
        assertThat(reactions)
            .allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("sent"));
        FakeServer.Received sms = twilio.received().get(0);
        assertThat(sms.form())
            .containsEntry("To", "+15551234567")
            .containsEntry("From", "+15550000001")
            .containsEntry("Body", "Thanks for your order");
        JsonNode mail = Json.tree(sendgrid.received().get(0).body());
        assertThat(mail.path("personalizations").path(0).path("to").path(0).path("email").asText())
            .isEqualTo("ann@example.com");
        assertThat(mail.path("custom_args").path("cx_send_id").asText())
            .isEqualTo(
                reactions.stream()
                    .filter(r -> r.get("integration").asText().equals("sendgrid"))
                    .findFirst()
                    .orElseThrow()
                    .get("sendId")
                    .asText());
        assertThat(twilio.received()).hasSize(1);
        assertThat(sendgrid.received()).hasSize(1);
      } finally {
        job.cancel().get();
      }
    }
  }

  private Set<String> checkpoints() throws Exception {
    Path dir = tmp.resolve("cp");
    if (!Files.exists(dir)) {
      return Set.of();
    }
    for (int attempt = 1; ; attempt++) {
      try (Stream<Path> s = Files.walk(dir, 3)) {
        return s.filter(p -> p.getFileName().toString().equals("_metadata"))
            .map(p -> p.getParent().toString())
            .collect(Collectors.toSet());
      } catch (IOException | UncheckedIOException e) {
        // Flink deletes the previous checkpoint's directory as it completes the next one, and a
        // walk that meets a directory as it goes fails: walk again
        if (attempt == 10) {
          throw e;
        }
      }
    }
  }

  private long newCheckpoints(Set<String> before) {
    try {
      return checkpoints().stream().filter(c -> !before.contains(c)).count();
    } catch (Exception e) {
      return 0;
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
