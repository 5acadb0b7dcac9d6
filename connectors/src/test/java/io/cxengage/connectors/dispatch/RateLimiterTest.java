package io.cxengage.connectors.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private RateLimiter limiter(RateLimiter.Limit limit) {
    return new RateLimiter(limit, Map.of(), nanos::get);
  }

  private void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void grantsAWholeBurstAtOnce() {
    RateLimiter limiter = limiter(new RateLimiter.Limit(1, 5));

    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryAcquire("acme", "twilio").granted()).isTrue();
    }
    assertThat(limiter.tryAcquire("acme", "twilio").granted()).isFalse();
  }

  @Test
  void saysHowLongUntilTheNextToken() {
    RateLimiter limiter = limiter(new RateLimiter.Limit(4, 1));
    limiter.tryAcquire("acme", "twilio");

    RateLimiter.Permit refused = limiter.tryAcquire("acme", "twilio");

    assertThat(refused.granted()).isFalse();
    assertThat(refused.waitFor()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void grantsAgainAfterWaitingTheAnnouncedTime() {
    RateLimiter limiter = limiter(new RateLimiter.Limit(4, 1));
    limiter.tryAcquire("acme", "twilio");
    Duration wait = limiter.tryAcquire("acme", "twilio").waitFor();

    advance(wait);

    assertThat(limiter.tryAcquire("acme", "twilio").granted()).isTrue();
  }

  @Test
  void refillsNoMoreThanTheBurst() {
    RateLimiter limiter = limiter(new RateLimiter.Limit(10, 2));
    limiter.tryAcquire("acme", "pusher");
    limiter.tryAcquire("acme", "pusher");

    advance(Duration.ofHours(1));

    assertThat(limiter.tryAcquire("acme", "pusher").granted()).isTrue();
    assertThat(limiter.tryAcquire("acme", "pusher").granted()).isTrue();
    assertThat(limiter.tryAcquire("acme", "pusher").granted()).isFalse();
  }

  @Test
  void keepsOneBucketPerTenantAndIntegration() {
    RateLimiter limiter = limiter(new RateLimiter.Limit(1, 1));

    assertThat(limiter.tryAcquire("acme", "twilio").granted()).isTrue();
    assertThat(limiter.tryAcquire("acme", "twilio").granted()).isFalse();
    assertThat(limiter.tryAcquire("acme", "sendgrid").granted()).isTrue();
    assertThat(limiter.tryAcquire("globex", "twilio").granted()).isTrue();
  }

  @Test
  void usesAnIntegrationsOwnLimitWhenConfigured() {
    RateLimiter limiter =
        new RateLimiter(
            RateLimiter.Limit.DEFAULT, Map.of("twilio", new RateLimiter.Limit(1, 1)), nanos::get);

    assertThat(limiter.tryAcquire("acme", "twilio").granted()).isTrue();
    assertThat(limiter.tryAcquire("acme", "twilio").granted()).isFalse();
    assertThat(limiter.limitFor("sendgrid")).isEqualTo(RateLimiter.Limit.DEFAULT);
  }

  @Test
  void defaultsToFiftyPerSecondWithBurstsOfHundred() {
    RateLimiter limiter = new RateLimiter(RateLimiter.Limit.DEFAULT, Map.of(), nanos::get);
    int granted = 0;
    while (limiter.tryAcquire("acme", "sendgrid").granted()) {
      granted++;
    }
    assertThat(granted).isEqualTo(100);

    advance(Duration.ofSeconds(1));
    granted = 0;
    while (limiter.tryAcquire("acme", "sendgrid").granted()) {
      granted++;
    }
    assertThat(granted).isEqualTo(50);
  }

  @Test
  void refusesANonPositiveRate() {
    assertThatThrownBy(() -> new RateLimiter.Limit(0, 10))
        .hasMessage("rate must be a positive number; got 0.0");
    assertThatThrownBy(() -> new RateLimiter.Limit(5, 0))
        .hasMessage("burst must be at least 1; got 0");
  }
}
