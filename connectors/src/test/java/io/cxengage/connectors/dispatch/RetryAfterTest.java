package io.cxengage.connectors.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private final Clock clock = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void readsDelaySeconds() {
    assertThat(RetryAfter.parse("120", clock)).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void readsAnHttpDateAsTheWaitUntilThen() {
    assertThat(RetryAfter.parse("Sun, 01 Jun 2025 12:00:30 GMT", clock))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void readsAPastDateAsNoWait() {
    assertThat(RetryAfter.parse("Sun, 01 Jun 2025 11:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
  }

  @Test
  void ignoresWhatItCannotRead() {
    assertThat(RetryAfter.parse("soon", clock)).isNull();
    assertThat(RetryAfter.parse("", clock)).isNull();
    assertThat(RetryAfter.parse(null, clock)).isNull();
    assertThat(RetryAfter.parse("-5", clock)).isNull();
  }

  @Test
  void readsAnEpochSecondsReset() {
    long in45s = Instant.parse("2025-06-01T12:00:45Z").getEpochSecond();

    assertThat(RetryAfter.untilEpochSeconds(Long.toString(in45s), clock))
        .isEqualTo(Duration.ofSeconds(45));
  }
}
