package io.cxengage.job;

import io.cxengage.job.augment.AugmentSettings;
import io.cxengage.job.cep.DynamicPatternOperator;
import java.io.Serializable;
import java.time.Duration;

/**
 * How the job treats time and configuration.
 *
 * @param tolerance how far out of order events may arrive (default 5 s); older ones are late
 * @param followWallClock whether event time follows the wall clock when sources are quiet (live)
 * @param ordering event-time ordering (exact, waits for the watermark) or arrival (low latency)
 * @param configInitiallyReady true when the configuration log was empty at start, so there is
 *     nothing to wait for
 * @param configReadyAtOffset the offset the configuration log ended at when the job started
 * @param augments how API augments are called
 */
public record JobOptions(
    Duration tolerance,
    boolean followWallClock,
    DynamicPatternOperator.Ordering ordering,
    boolean configInitiallyReady,
    long configReadyAtOffset,
    String testFault,
    AugmentSettings augments)
    implements Serializable {

  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(5);

  /** Options for replaying recorded input: exact ordering, no wall clock. */
  public static JobOptions replay() {
    return new JobOptions(
        DEFAULT_TOLERANCE,
        false,
        DynamicPatternOperator.Ordering.EVENT_TIME,
        false,
        Long.MAX_VALUE,
        null,
        AugmentSettings.defaults());
  }
}
