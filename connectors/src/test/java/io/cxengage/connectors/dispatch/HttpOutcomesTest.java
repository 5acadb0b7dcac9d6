package io.cxengage.connectors.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class HttpOutcomesTest {

  @Test
  void treatsThrottlingAndServerErrorsAsRetryable() {
    assertThat(HttpOutcomes.failure(429, "x", "", Duration.ofSeconds(3)))
        .isEqualTo(SendResult.retryable(429, "x failed with HTTP 429", Duration.ofSeconds(3)));
    assertThat(HttpOutcomes.failure(408, "x", null, null).outcome())
        .isEqualTo(SendResult.Outcome.RETRYABLE);
    assertThat(HttpOutcomes.failure(503, "x", null, null).outcome())
        .isEqualTo(SendResult.Outcome.RETRYABLE);
  }

  @Test
  void treatsOtherClientErrorsAsPermanent() {
    for (int status : new int[] {400, 401, 403, 404, 409, 413, 422}) {
      assertThat(HttpOutcomes.failure(status, "x", null, null).outcome())
          .isEqualTo(SendResult.Outcome.PERMANENT);
    }
  }

  @Test
  void keepsTheServicesExplanationOnOneShortLine() {
    SendResult result =
        HttpOutcomes.failure(400, "sendgrid email", "bad\n  field " + "z".repeat(400), null);

    assertThat(result.error()).startsWith("sendgrid email failed with HTTP 400: bad field zzz");
    assertThat(result.error()).hasSizeLessThan(360).endsWith("...");
  }

  @Test
  void treatsTimeoutsAndRefusedConnectionsAsRetryable() {
    assertThat(HttpOutcomes.failure("x", new HttpTimeoutException("request timed out")))
        .isEqualTo(SendResult.retryable(0, "x timed out: request timed out", null));
    assertThat(HttpOutcomes.failure("x", new SocketTimeoutException("Read timed out")).error())
        .isEqualTo("x timed out: Read timed out");
    assertThat(
            HttpOutcomes.failure("x", new CompletionException(new ConnectException("refused")))
                .error())
        .isEqualTo("x could not connect: refused");
    assertThat(HttpOutcomes.failure("x", new RuntimeException(new IOException("reset"))).outcome())
        .isEqualTo(SendResult.Outcome.RETRYABLE);
  }

  @Test
  void treatsAnInvalidSendAsPermanent() {
    assertThat(HttpOutcomes.failure("twilio sms", new InvalidSendException("missing 'to'")))
        .isEqualTo(SendResult.permanent(0, "twilio sms: missing 'to'"));
  }
}
