package io.cxengage.connectors.dispatch;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Decides whether a failed attempt is tried again, and after how long: exponential backoff (1 s,
 * doubling, capped at 5 min) with full jitter, so tenants that failed together do not retry
 * together; never sooner than the service's {@code Retry-After}; never for a permanent failure.
 */
public final class RetryPolicy {

  public static final int DEFAULT_RETRIES = 3;
  public static final int MAX_RETRIES = 10;
  public static final Duration BASE = Duration.ofSeconds(1);
  public static final Duration CAP = Duration.ofMinutes(5);

  /** What to do after a failed attempt: retry after {@code delay}, or give up. */
  public record Decision(boolean retry, Duration delay) {

    static final Decision GIVE_UP = new Decision(false, Duration.ZERO);

    static Decision after(Duration delay) {
      return new Decision(true, delay);
    }
  }

  private final int maxRetries;
  private final RandomGenerator random;

  /**
   * @param maxRetries extra attempts after the first (the DSL's {@code retries}, 0 to 10)
   * @param random the jitter's source; tests pass a seeded or fixed one
   */
  public RetryPolicy(int maxRetries, RandomGenerator random) {
    if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
      throw new IllegalArgumentException(
          "retries must be between 0 and " + MAX_RETRIES + "; got " + maxRetries);
    }
    this.maxRetries = maxRetries;
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The default: 3 retries. */
  public static RetryPolicy withDefaults(RandomGenerator random) {
    return new RetryPolicy(DEFAULT_RETRIES, random);
  }

  public int maxRetries() {
    return maxRetries;
  }

  /**
   * @param attempt the 1-based number of the attempt that produced {@code result}
   * @param result its result
   */
  public Decision decide(int attempt, SendResult result) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt is 1-based; got " + attempt);
    }
    if (result.outcome() != SendResult.Outcome.RETRYABLE || attempt > maxRetries) {
      return Decision.GIVE_UP;
    }
    Duration jittered = Duration.ofMillis(random.nextLong(backoffCeiling(attempt).toMillis() + 1));
    Duration retryAfter = result.retryAfter();
    return Decision.after(
        retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered);
  }

  /** The upper bound of the wait after {@code attempt}: base * 2^(attempt-1), capped. */
  static Duration backoffCeiling(int attempt) {
    // 2^19 s already exceeds the cap; stopping there keeps the shift from overflowing.
    int exponent = Math.min(attempt - 1, 19);
    Duration ceiling = BASE.multipliedBy(1L << exponent);
    return ceiling.compareTo(CAP) > 0 ? CAP : ceiling;
  }
}
