package io.cxengage.connectors.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads the wait a service asks for: {@code Retry-After} as seconds or as an HTTP date. */
public final class RetryAfter {

  private RetryAfter() {}

  /**
   * The wait in a {@code Retry-After} value (RFC 9110: delay-seconds or an IMF-fixdate), measured
   * from {@code clock}; null when the value is absent or unreadable. A date in the past is zero.
   */
  public static Duration parse(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.trim();
    if (text.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(text));
      } catch (NumberFormatException tooLong) {
        return null;
      }
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), at);
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }

  /**
   * The wait until an epoch-seconds reset time, as SendGrid's {@code X-RateLimit-Reset} gives it;
   * null when absent or unreadable.
   */
  public static Duration untilEpochSeconds(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      Duration wait =
          Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(value.trim())));
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (NumberFormatException | java.time.DateTimeException unreadable) {
      return null;
    }
  }
}
