package io.cxengage.connectors.dispatch;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per (tenant, integration): {@code burst} sends at once, refilled at {@code
 * perSecond}. It never waits; {@link #tryAcquire} says how long until a token is there, so the job
 * can set a timer instead of blocking a thread.
 */
public final class RateLimiter {

  /** A rate and a burst; the default is generous: 50 per second, bursts of 100. */
  public record Limit(double perSecond, int burst) {

    public static final Limit DEFAULT = new Limit(50, 100);

    public Limit {
      if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("rate must be a positive number; got " + perSecond);
      }
      if (burst < 1) {
        throw new IllegalArgumentException("burst must be at least 1; got " + burst);
      }
    }
  }

  /** Either a token was taken ({@code granted}) or none is there for {@code waitFor}. */
  public record Permit(boolean granted, Duration waitFor) {

    static final Permit GRANTED = new Permit(true, Duration.ZERO);
  }

  private record Key(String tenant, String integration) {}

  private static final class Bucket {
    double tokens;
    long refilledAtNanos;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAtNanos = now;
    }
  }

  private final Limit defaultLimit;
  private final Map<String, Limit> perIntegration;
  private final LongSupplier nanoTime;
  private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param defaultLimit the limit of integrations without their own
   * @param perIntegration limits by integration type, e.g. a lower one for {@code twilio}
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass their
   *     own)
   */
  public RateLimiter(Limit defaultLimit, Map<String, Limit> perIntegration, LongSupplier nanoTime) {
    this.defaultLimit = Objects.requireNonNull(defaultLimit, "defaultLimit");
    this.perIntegration = Map.copyOf(perIntegration);
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** The default limit for every integration, on the system's monotonic clock. */
  public static RateLimiter withDefaults() {
    return new RateLimiter(Limit.DEFAULT, Map.of(), System::nanoTime);
  }

  public Limit limitFor(String integration) {
    return perIntegration.getOrDefault(integration, defaultLimit);
  }

  /** Takes a token for one send, or says how long until one is there. */
  public Permit tryAcquire(String tenant, String integration) {
    Limit limit = limitFor(integration);
    long now = nanoTime.getAsLong();
    Bucket bucket =
        buckets.computeIfAbsent(new Key(tenant, integration), k -> new Bucket(limit.burst(), now));
    synchronized (bucket) {
      double elapsedSeconds = Math.max(0, now - bucket.refilledAtNanos) / 1e9;
      bucket.tokens = Math.min(limit.burst(), bucket.tokens + elapsedSeconds * limit.perSecond());
      bucket.refilledAtNanos = Math.max(bucket.refilledAtNanos, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return Permit.GRANTED;
      }
      double missingSeconds = (1 - bucket.tokens) / limit.perSecond();
      // Rounded up, so a caller that waits exactly this long finds a whole token.
      return new Permit(false, Duration.ofNanos((long) Math.ceil(missingSeconds * 1e9)));
    }
  }
}
