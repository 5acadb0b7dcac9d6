package io.cxengage.job.augment;

import io.cxengage.job.serde.JsonTypeSerializer;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Where a customer's subjects meet the answers of their row lookups (keyed by the customer): each
 * subject leaves, with what its rows hold, once all its answers are in and the customer's earlier
 * subjects have left ({@link GatherQueue}).
 *
 * <p>Event time needs nothing special: a subject and its lookups leave the planner before any
 * watermark that follows them, and the row store answers at once, so by the time both inputs have
 * passed a watermark, every subject before it has left. Default watermark forwarding is exact.
 */
public final class AugmentGather extends AbstractStreamOperator<AugmentSubject>
    implements TwoInputStreamOperator<AugmentSubject, RowAnswer, AugmentSubject> {

  private static final long serialVersionUID = 1L;

  private transient ValueState<GatherQueue> queue;

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    queue =
        context
            .getKeyedStateStore()
            .getState(
                new ValueStateDescriptor<>(
                    "cx-augment-gather", new JsonTypeSerializer<>(GatherQueue.class)));
  }

  @Override
  public void processElement1(StreamRecord<AugmentSubject> record) throws Exception {
    AugmentSubject subject = record.getValue();
    GatherQueue q = queue.value();
    if (q == null && subject.plan().lookups().isEmpty()) {
      output.collect(new StreamRecord<>(subject, subject.timestamp()));
      return;
    }
    q = q == null ? new GatherQueue() : q.copy();
    q.offer(subject);
    release(q);
  }

  @Override
  public void processElement2(StreamRecord<RowAnswer> record) throws Exception {
    GatherQueue q = queue.value();
    q = q == null ? new GatherQueue() : q.copy();
    q.answer(record.getValue());
    release(q);
  }

  private void release(GatherQueue q) throws Exception {
    for (AugmentSubject s : q.drain()) {
      output.collect(new StreamRecord<>(s, s.timestamp()));
    }
    if (q.isEmpty()) {
      queue.clear();
    } else {
      queue.update(q);
    }
  }
}
