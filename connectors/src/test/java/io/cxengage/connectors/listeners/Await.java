package io.cxengage.connectors.listeners;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition, checking it every 20 ms, and fails with a description of what was seen.
 */
public final class Await {

  private Await() {}

  public static void until(String what, BooleanSupplier condition, Duration timeout) {
    until(what, condition, timeout, () -> "");
  }

  public static void until(
      String what, BooleanSupplier condition, Duration timeout, Supplier<Object> seen) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting until " + what + "; saw " + seen.get());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + what);
      }
    }
  }
}
