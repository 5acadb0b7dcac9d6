package io.cxengage.connectors.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockingCallsTest {

  @Test
  void runsTheCallOffTheCallersThread() throws Exception {
    try (BlockingCalls calls = new BlockingCalls("test", 1, 1, Duration.ofSeconds(5))) {
      String caller = Thread.currentThread().getName();

      SendResult result =
          calls
              .submit("x", () -> SendResult.sent(200, Thread.currentThread().getName()))
              .get(5, TimeUnit.SECONDS);

      assertThat(result.providerId()).startsWith("cx-dispatch-test-").isNotEqualTo(caller);
    }
  }

  @Test
  void turnsExceptionsIntoResults() throws Exception {
    try (BlockingCalls calls = new BlockingCalls("test", 1, 1, Duration.ofSeconds(5))) {
      SendResult invalid =
          calls
              .submit(
                  "twilio sms",
                  () -> {
                    throw new InvalidSendException("missing 'to'");
                  })
              .get(5, TimeUnit.SECONDS);
      SendResult network =
          calls
              .submit(
                  "twilio sms",
                  () -> {
                    throw new IOException("connection reset");
                  })
              .get(5, TimeUnit.SECONDS);

      assertThat(invalid).isEqualTo(SendResult.permanent(0, "twilio sms: missing 'to'"));
      assertThat(network.outcome()).isEqualTo(SendResult.Outcome.RETRYABLE);
    }
  }

  @Test
  void refusesAsRetryableWhenThePoolAndQueueAreFull() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (BlockingCalls calls = new BlockingCalls("test", 1, 1, Duration.ofSeconds(5))) {
      CompletableFuture<SendResult> running = calls.submit("x", () -> block(release));
      CompletableFuture<SendResult> queued = calls.submit("x", () -> block(release));

      CompletableFuture<SendResult> refused = calls.submit("x", () -> SendResult.sent(200, null));

      assertThat(refused).isDone();
      assertThat(refused.get())
          .isEqualTo(
              SendResult.retryable(0, "x: the test dispatcher is saturated or closed", null));
      release.countDown();
      assertThat(running.get(5, TimeUnit.SECONDS).isSent()).isTrue();
      assertThat(queued.get(5, TimeUnit.SECONDS).isSent()).isTrue();
    }
  }

  @Test
  void givesUpOnACallThatOutlivesItsDeadline() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (BlockingCalls calls = new BlockingCalls("test", 1, 1, Duration.ofMillis(100))) {
      SendResult result = calls.submit("x", () -> block(never)).get(5, TimeUnit.SECONDS);

      assertThat(result).isEqualTo(SendResult.retryable(0, "x timed out after 100 ms", null));
    }
  }

  private static SendResult block(CountDownLatch latch) throws InterruptedException {
    latch.await();
    return SendResult.sent(200, null);
  }
}
