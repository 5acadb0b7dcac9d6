package io.cxengage.job.config;

import io.cxengage.job.cep.ConfigBroadcast;
import io.cxengage.job.model.ConfigUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * An operator of the job that reads the broadcast configuration on its second input. It keeps the
 * configuration in broadcast state (restored after a failure), and follows two rules:
 *
 * <ul>
 *   <li>the configuration carries no event time: its input is idle for the watermark, so the end of
 *       a bounded configuration (replays) can never run event time ahead of the events;
 *   <li>until the configuration is ready ({@link ConfigReadiness}) the watermark of the main input
 *       is held back; subclasses hold their records (see {@link HeldUntilReady}) and release them
 *       in {@link #onConfigurationAdvanced}, which also runs whenever the configuration moves on,
 *       for records that wait for a later offset.
 * </ul>
 */
public abstract class ConfiguredOperator<IN, OUT> extends AbstractStreamOperator<OUT>
    implements TwoInputStreamOperator<IN, ConfigUpdate, OUT> {

  private static final long serialVersionUID = 1L;

  private final boolean initiallyReady;
  protected transient BroadcastState<String, String> configState;
  private transient boolean ready;
  private transient long applied;
  private transient Watermark heldWatermark;

  /** Where the offset of the configuration applied so far is kept, across restores. */
  static final String APPLIED_KEY = "__cx_config_applied__";

  protected ConfiguredOperator(boolean initiallyReady) {
    this.initiallyReady = initiallyReady;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    configState = context.getOperatorStateStore().getBroadcastState(ConfigBroadcast.DESCRIPTOR);
    ready = initiallyReady || configState.contains(ConfigReadiness.MARKER_KEY);
    String stored = configState.get(APPLIED_KEY);
    applied = stored == null ? -1 : Long.parseLong(stored);
  }

  /** The configuration as restored: every stored record, for the subclass to rebuild its view. */
  protected List<ConfigUpdate> storedConfiguration() throws Exception {
    List<ConfigUpdate> out = new ArrayList<>();
    for (Map.Entry<String, String> e : configState.entries()) {
      if (e.getKey().equals(APPLIED_KEY)) {
        continue;
      }
      out.add(new ConfigUpdate(e.getKey(), e.getValue(), -1));
    }
    return out;
  }

  @Override
  public void open() throws Exception {
    super.open();
    super.processWatermarkStatus(WatermarkStatus.IDLE, 1);
  }

  /** Whether {@code key} belongs to this subtask's key groups (for state restored in union). */
  protected final boolean ownsKey(String key) {
    var task = getRuntimeContext().getTaskInfo();
    return KeyGroupRangeAssignment.assignKeyToParallelOperator(
            key, task.getMaxNumberOfParallelSubtasks(), task.getNumberOfParallelSubtasks())
        == task.getIndexOfThisSubtask();
  }

  protected final boolean ready() {
    return ready;
  }

  /** The offset of the configuration log applied so far (-1 before any). */
  protected final long appliedOffset() {
    return applied;
  }

  @Override
  public final void processElement2(StreamRecord<ConfigUpdate> record) throws Exception {
    ConfigUpdate update = record.getValue();
    if (!ConfigReadiness.isProgress(update)) {
      if (update.value() == null) {
        configState.remove(update.key());
      } else {
        configState.put(update.key(), update.value());
      }
    }
    if (ConfigReadiness.isMarker(update)) {
      ready = true;
    } else if (!ConfigReadiness.isProgress(update)) {
      onConfiguration(update);
    }
    if (update.offset() > applied) {
      applied = update.offset();
      configState.put(APPLIED_KEY, Long.toString(applied));
    }
    if (ready) {
      onConfigurationAdvanced();
      if (heldWatermark != null) {
        super.processWatermark1(heldWatermark);
        heldWatermark = null;
      }
    }
  }

  /** A configuration record arrived (already stored). */
  protected abstract void onConfiguration(ConfigUpdate update) throws Exception;

  /** The configuration is ready or has moved on: process what was waiting for it. */
  protected abstract void onConfigurationAdvanced() throws Exception;

  @Override
  public void processWatermark1(Watermark mark) throws Exception {
    if (!ready) {
      heldWatermark = mark;
      return;
    }
    super.processWatermark1(mark);
  }

  @Override
  public final void processWatermark2(Watermark mark) {
    // the configuration carries no event time
  }

  @Override
  protected void processWatermarkStatus(WatermarkStatus status, int input) throws Exception {
    if (input == 0) {
      super.processWatermarkStatus(status, input);
    }
    // the configuration input stays idle
  }
}
