package io.cxengage.job.parse;

import io.cxengage.connectors.records.DeadLetterRecord;
import io.cxengage.job.model.ParsedEvent;
import io.cxengage.job.serde.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.OutputTag;

/**
 * The event-time clock of the job, where events enter (dsl.md, "Time"):
 *
 * <ul>
 *   <li>an event's time is its {@code timestamp} (already read by the parser);
 *   <li>an event older than the newest event time seen minus the tolerance is late and goes to
 *       {@link #LATE} — decided here, in arrival order, so the rule is exact;
 *   <li>the watermark is the newest event time minus the tolerance. In live mode it also follows
 *       the wall clock (event time is assumed to pass as fast as wall time since the newest event
 *       arrived), so windows expire and absences complete on time when the sources fall quiet; the
 *       newest event time is checkpointed, so this holds after a restore too;
 *   <li>a subtask that has never seen an event is idle, so it does not hold back the others.
 * </ul>
 */
public final class EventClock extends AbstractStreamOperator<ParsedEvent>
    implements OneInputStreamOperator<ParsedEvent, ParsedEvent> {

  private static final long serialVersionUID = 1L;
  public static final OutputTag<DeadLetterRecord> LATE =
      new OutputTag<>("late-dead-letters", JsonTypeInfo.of(DeadLetterRecord.class));
  static final long EMIT_EVERY_MILLIS = 200;

  private final long tolerance;
  private final boolean followWallClock;
  private transient LongSupplier wallClock;
  private transient long newest;
  private transient long seenAt;
  private transient long emitted;
  private transient boolean idle;
  private transient ListState<Long> newestState;
  private transient Counter late;

  public EventClock(long toleranceMillis, boolean followWallClock) {
    this.tolerance = toleranceMillis;
    this.followWallClock = followWallClock;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    newestState =
        context
            .getOperatorStateStore()
            .getUnionListState(
                new ListStateDescriptor<>("cx-newest-event-time", LongSerializer.INSTANCE));
    newest = Long.MIN_VALUE;
    for (Long v : newestState.get()) {
      newest = Math.max(newest, v);
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    wallClock = System::currentTimeMillis;
    seenAt = wallClock.getAsLong();
    emitted = Long.MIN_VALUE;
    late = getMetricGroup().counter("eventsLate");
    scheduleEmit();
  }

  private void scheduleEmit() {
    getProcessingTimeService()
        .registerTimer(
            getProcessingTimeService().getCurrentProcessingTime() + EMIT_EVERY_MILLIS,
            t -> {
              emitWatermark();
              scheduleEmit();
            });
  }

  @Override
  public void processElement(StreamRecord<ParsedEvent> record) {
    ParsedEvent e = record.getValue();
    long ts = e.event().timestamp();
    if (newest != Long.MIN_VALUE && ts < newest - tolerance) {
      late.inc();
      output.collect(
          LATE,
          new StreamRecord<>(
              DeadLetters.of(
                  e.tenant(),
                  e.event(),
                  "late: event time "
                      + Instant.ofEpochMilli(ts)
                      + " is older than the newest event time seen ("
                      + Instant.ofEpochMilli(newest)
                      + ") minus "
                      + tolerance
                      + " ms",
                  DeadLetters.STAGE_TIME)));
      return;
    }
    if (ts > newest) {
      newest = ts;
      seenAt = wallClock.getAsLong();
    }
    if (idle) {
      idle = false;
      output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
    }
    output.collect(new StreamRecord<>(e, ts));
  }

  /** Upstream watermarks are ignored: this operator is the clock. The end of input passes. */
  @Override
  public void processWatermark(Watermark mark) throws Exception {
    if (mark.getTimestamp() == Long.MAX_VALUE) {
      emitted = Long.MAX_VALUE;
      output.emitWatermark(mark);
    }
  }

  private void emitWatermark() {
    if (emitted == Long.MAX_VALUE) {
      return;
    }
    if (newest == Long.MIN_VALUE) {
      if (!idle) {
        idle = true;
        output.emitWatermarkStatus(WatermarkStatus.IDLE);
      }
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

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    newestState.update(List.of(newest));
  }
}
