package io.cxengage.connectors.listeners;

import java.time.Duration;

/**
 * The waits between reconnection attempts: {@code min}, then doubling up to {@code max}; {@link
 * #reset()} after a success. Not thread-safe: each client keeps its own.
 */
public final class Backoff {

  private final Duration min;
  private final Duration max;
  private Duration next;

  public Backoff(Duration min, Duration max) {
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < min <= max; got " + min + ", " + max);
    }
    this.min = min;
    this.max = max;
    this.next = min;
  }

  /** The wait before the next attempt; each call doubles the one after it. */
  public Duration next() {
    Duration wait = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return wait;
  }

  public void reset() {
    next = min;
  }
}
