package io.cxengage.job.config;

import io.cxengage.job.model.ConfigUpdate;
import io.cxengage.job.serde.JsonTypeSerializer;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * A {@link ConfiguredOperator} that is not keyed by customer: it reads the configuration through a
 * {@link ConfigView} and processes its records in arrival order, each once the configuration it
 * needs is in force ({@link HeldInOrder}). Subclasses say which offset a record needs and what
 * processing it means.
 */
public abstract class InOrderConfiguredOperator<IN, OUT> extends ConfiguredOperator<IN, OUT> {

  private static final long serialVersionUID = 1L;

  private final String heldStateName;
  private final Class<IN> type;

  /** The configuration as applied so far. */
  protected transient ConfigView view;

  private transient HeldInOrder<IN> held;

  /**
   * @param heldStateName the name of the operator state of the held records (savepoints hold it)
   * @param type the records' class, held as JSON
   */
  protected InOrderConfiguredOperator(
      boolean initiallyReady, String heldStateName, Class<IN> type) {
    super(initiallyReady);
    this.heldStateName = heldStateName;
    this.type = type;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    held =
        new HeldInOrder<>(
            context.getOperatorStateStore(),
            heldStateName,
            new JsonTypeSerializer<>(type),
            this::requiredOffset);
    view = new ConfigView();
    for (ConfigUpdate u : storedConfiguration()) {
      view.apply(u);
    }
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    held.snapshot();
  }

  @Override
  public final void processElement1(StreamRecord<IN> record) throws Exception {
    // a record waits for the configuration its writer had; later ones queue behind it, in order
    if (!held.holdIfNeeded(record.getValue(), ready(), appliedOffset())) {
      process(record.getValue());
    }
  }

  @Override
  protected final void onConfiguration(ConfigUpdate update) {
    view.apply(update);
  }

  @Override
  protected final void onConfigurationAdvanced() throws Exception {
    held.release(this::process, appliedOffset());
  }

  /** The offset of the configuration log the record must wait for (-1: none). */
  protected abstract long requiredOffset(IN record);

  /** Processes a record whose configuration is in force. */
  protected abstract void process(IN record) throws Exception;
}
