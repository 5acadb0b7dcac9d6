package io.cxengage.admin;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by polling it, instead of sleeping for a fixed time. */
public final class Await {

  private Await() {}

  /** Polls until the condition holds; fails with the description after the timeout. */
  public static void until(String description, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting until " + description);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting until " + description, e);
      }
    }
  }

  /** Polls until the condition holds, and fails with what {@code state} says after the timeout. */
  public static void until(
      String description, Duration timeout, BooleanSupplier condition, Supplier<?> state) {
    try {
      until(description, timeout, condition);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; last seen: " + state.get(), e);
    }
  }
}
