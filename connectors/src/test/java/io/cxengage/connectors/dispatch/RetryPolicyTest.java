package io.cxengage.connectors.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  /** Always draws the top of the range, so the backoff ceiling is visible. */
  private static final RandomGenerator HIGHEST =
      new RandomGenerator() {
        @Override
        public long nextLong() {
          return 0;
        }

        @Override
        public long nextLong(long bound) {
          return bound - 1;
        }
      };

  /** Always draws zero: the shortest possible jittered wait. */
  private static final RandomGenerator LOWEST =
      new RandomGenerator() {
        @Override
        public long nextLong() {
          return 0;
        }

        @Override
        public long nextLong(long bound) {
          return 0;
        }
      };

  private static final SendResult TIMEOUT = SendResult.retryable(0, "timed out", null);

  @Test
  void doublesTheCeilingFromOneSecond() {
    RetryPolicy policy = new RetryPolicy(10, HIGHEST);

    assertThat(policy.decide(1, TIMEOUT).delay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.decide(2, TIMEOUT).delay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.decide(3, TIMEOUT).delay()).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.decide(9, TIMEOUT).delay()).isEqualTo(Duration.ofSeconds(256));
  }

  @Test
  void capsTheBackoffAtFiveMinutes() {
    assertThat(new RetryPolicy(10, HIGHEST).decide(10, TIMEOUT).delay())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(RetryPolicy.backoffCeiling(1_000)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void jitterStaysWithinZeroAndTheCeiling() {
    RetryPolicy policy = new RetryPolicy(10, new SplittableRandom(42));
    for (int attempt = 1; attempt <= 10; attempt++) {
      for (int i = 0; i < 200; i++) {
        assertThat(policy.decide(attempt, TIMEOUT).delay())
            .isBetween(Duration.ZERO, RetryPolicy.backoffCeiling(attempt));
      }
    }
  }

  @Test
  void neverRetriesSoonerThanRetryAfter() {
    SendResult throttled = SendResult.retryable(429, "slow down", Duration.ofSeconds(30));

    RetryPolicy.Decision decision = new RetryPolicy(3, LOWEST).decide(1, throttled);

    assertThat(decision.retry()).isTrue();
    assertThat(decision.delay()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void honoursRetryAfterBeyondTheCap() {
    SendResult throttled = SendResult.retryable(429, "slow down", Duration.ofMinutes(20));

    assertThat(new RetryPolicy(3, HIGHEST).decide(1, throttled).delay())
        .isEqualTo(Duration.ofMinutes(20));
  }

  @Test
  void keepsTheLongerJitterWhenRetryAfterIsShorter() {
    SendResult throttled = SendResult.retryable(429, "slow down", Duration.ofMillis(10));

    assertThat(new RetryPolicy(3, HIGHEST).decide(3, throttled).delay())
        .isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void givesUpAfterTheLastRetry() {
    RetryPolicy policy = new RetryPolicy(3, HIGHEST);

    assertThat(policy.decide(3, TIMEOUT).retry()).isTrue();
    assertThat(policy.decide(4, TIMEOUT).retry()).isFalse();
  }

  @Test
  void neverRetriesPermanentFailuresOrSuccesses() {
    RetryPolicy policy = new RetryPolicy(10, HIGHEST);

    assertThat(policy.decide(1, SendResult.permanent(400, "bad request")).retry()).isFalse();
    assertThat(policy.decide(1, SendResult.sent(202, "id")).retry()).isFalse();
  }

  @Test
  void zeroRetriesMeansOneAttempt() {
    assertThat(new RetryPolicy(0, HIGHEST).decide(1, TIMEOUT).retry()).isFalse();
  }

  @Test
  void defaultsToThreeRetries() {
    assertThat(RetryPolicy.withDefaults(HIGHEST).maxRetries()).isEqualTo(3);
  }

  @Test
  void refusesMoreThanTenRetries() {
    assertThatThrownBy(() -> new RetryPolicy(11, HIGHEST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retries must be between 0 and 10; got 11");
  }
}
