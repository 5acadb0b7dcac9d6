package io.cxengage.bench.pipeline;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition of the running job, which the bench can only observe from outside. */
final class Await {

  static final long POLL_MILLIS = 5;

  private Await() {}

  /** Waits until {@code condition} holds; fails naming {@code what} after {@code limit}. */
  static void until(BooleanSupplier condition, Duration limit, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up after " + limit + " waiting for " + what);
      }
      Thread.sleep(POLL_MILLIS);
    }
  }
}
