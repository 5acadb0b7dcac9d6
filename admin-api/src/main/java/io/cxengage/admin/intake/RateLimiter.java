package io.cxengage.admin.intake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per tenant: {@code rate} events per second, with a burst of one second's worth. A
 * request is admitted while the bucket is not in debt and then takes all its events at once, so a
 * batch larger than the burst is admitted and the tenant waits it off; the long-run rate stays at
 * most {@code rate} (plus one request's worth). Per instance: with several admin-api instances each
 * allows the rate.
 */
public final class RateLimiter {

  private static final long NANOS = 1_000_000_000L;

  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** Admitted, or the whole seconds to wait before trying again. */
  public record Decision(boolean admitted, long retryAfterSeconds) {}

  public Decision acquire(String tenant, int events, int ratePerSecond) {
    Bucket bucket = buckets.computeIfAbsent(tenant, t -> new Bucket(ratePerSecond, nanoTime));
    synchronized (bucket) {
      bucket.refill(ratePerSecond, nanoTime.getAsLong());
      if (bucket.tokens <= 0) {
        double seconds = (1 - bucket.tokens) / ratePerSecond;
        return new Decision(false, Math.max(1, (long) Math.ceil(seconds)));
      }
      bucket.tokens -= events;
      return new Decision(true, 0);
    }
  }

  private static final class Bucket {
    private double tokens;
    private long last;

    Bucket(int rate, LongSupplier clock) {
      tokens = rate;
      last = clock.getAsLong();
    }

    void refill(int rate, long now) {
      long elapsed = now - last;
      last = now;
      tokens = Math.min(rate, tokens + (double) elapsed * rate / NANOS);
    }
  }
}
