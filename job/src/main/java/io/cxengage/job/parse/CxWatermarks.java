package io.cxengage.job.parse;

import io.cxengage.job.model.ParsedEvent;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The event-time clock of the job: the newest event time seen minus the tolerance. In live mode it
 * also follows the wall clock: event time is assumed to pass as fast as wall time since the newest
 * event arrived, so that windows expire and absences complete on time when a source falls quiet.
 * Replays use the plain rule, so their results do not depend on how fast they run.
 */
public final class CxWatermarks implements WatermarkGenerator<ParsedEvent> {

  private final long tolerance;
  private final boolean followWallClock;
  private final LongSupplier wallClock;
  private long newest = Long.MIN_VALUE;
  private long seenAt;
  private long emitted = Long.MIN_VALUE;

  CxWatermarks(long tolerance, boolean followWallClock, LongSupplier wallClock) {
    this.tolerance = tolerance;
    this.followWallClock = followWallClock;
    this.wallClock = wallClock;
  }

  /** The strategy for the job's events. */
  public static WatermarkStrategy<ParsedEvent> strategy(
      Duration tolerance, boolean followWallClock) {
    long t = tolerance.toMillis();
    WatermarkStrategy<ParsedEvent> s =
        ctx -> new CxWatermarks(t, followWallClock, System::currentTimeMillis);
    return s.withTimestampAssigner((e, previous) -> e.event().timestamp());
  }

  @Override
  public void onEvent(ParsedEvent event, long eventTimestamp, WatermarkOutput output) {
    if (eventTimestamp > newest) {
      newest = eventTimestamp;
      seenAt = wallClock.getAsLong();
    }
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    if (newest == Long.MIN_VALUE) {
      return;
    }
    long mark = newest - tolerance - 1;
    if (followWallClock) {
      mark += Math.max(0, wallClock.getAsLong() - seenAt);
    }
    if (mark > emitted) {
      emitted = mark;
      output.emitWatermark(new Watermark(mark));
    }
  }
}
