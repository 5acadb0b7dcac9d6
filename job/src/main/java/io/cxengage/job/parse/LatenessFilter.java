package io.cxengage.job.parse;

import io.cxengage.connectors.records.DeadLetterRecord;
import io.cxengage.job.model.ParsedEvent;
import io.cxengage.job.serde.JsonTypeInfo;
import java.time.Instant;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * dsl.md's lateness rule, applied where events enter: an event older than the newest event time
 * seen (by this source subtask) minus the tolerance is late and goes to the {@link #LATE} side
 * output. Deciding here, in arrival order, makes the rule exact and deterministic, whatever the
 * timing of watermarks downstream.
 */
public final class LatenessFilter extends ProcessFunction<ParsedEvent, ParsedEvent>
    implements CheckpointedFunction {

  private static final long serialVersionUID = 1L;
  public static final OutputTag<DeadLetterRecord> LATE =
      new OutputTag<>("late-dead-letters", JsonTypeInfo.of(DeadLetterRecord.class));

  private final long toleranceMillis;
  private transient long newest = Long.MIN_VALUE;
  private transient ListState<Long> newestState;
  private transient Counter late;

  public LatenessFilter(long toleranceMillis) {
    this.toleranceMillis = toleranceMillis;
  }

  @Override
  public void open(org.apache.flink.api.common.functions.OpenContext context) {
    late = getRuntimeContext().getMetricGroup().counter("eventsLate");
  }

  @Override
  public void processElement(ParsedEvent e, Context ctx, Collector<ParsedEvent> out) {
    long ts = e.event().timestamp();
    if (newest != Long.MIN_VALUE && ts < newest - toleranceMillis) {
      late.inc();
      ctx.output(
          LATE,
          DeadLetters.of(
              e.tenant(),
              e.event(),
              "late: event time "
                  + Instant.ofEpochMilli(ts)
                  + " is older than the newest event time seen ("
                  + Instant.ofEpochMilli(newest)
                  + ") minus "
                  + toleranceMillis
                  + " ms",
              DeadLetters.STAGE_TIME));
      return;
    }
    newest = Math.max(newest, ts);
    out.collect(e);
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    newestState.update(java.util.List.of(newest));
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    newestState =
        context
            .getOperatorStateStore()
            .getUnionListState(new ListStateDescriptor<>("cx-newest-event-time", Long.class));
    newest = Long.MIN_VALUE;
    for (Long v : newestState.get()) {
      newest = Math.max(newest, v);
    }
  }
}
