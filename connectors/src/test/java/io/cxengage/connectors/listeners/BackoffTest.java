package io.cxengage.connectors.listeners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesFromMinUpToMaxAndStartsOverAfterReset() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));

    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(200));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(400));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    backoff.reset();
    assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void refusesAMaxBelowTheMin() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("backoff needs 0 < min <= max; got PT2S, PT1S");
  }
}
