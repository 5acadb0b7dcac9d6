package io.cxengage.job.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * The records a non-keyed {@link ConfiguredOperator} holds back, in operator state and in arrival
 * order, until the configuration they need has arrived: the whole log as it stood when the job
 * started ({@link ConfigReadiness}) and the offset their writer had applied. Once a record is held,
 * every later one queues behind it, so the operator's order is kept. The keyed counterpart is
 * {@link HeldUntilReady}.
 */
public final class HeldInOrder<T> {

  private final ListState<T> state;
  private final List<T> held = new ArrayList<>();
  private final ToLongFunction<T> requiredOffset;

  /**
   * @param name the name of the operator state (kept across versions: savepoints hold it)
   */
  public HeldInOrder(
      OperatorStateStore store,
      String name,
      TypeSerializer<T> serializer,
      ToLongFunction<T> requiredOffset)
      throws Exception {
    this.state = store.getListState(new ListStateDescriptor<>(name, serializer));
    this.requiredOffset = requiredOffset;
    for (T r : state.get()) {
      held.add(r);
    }
  }

  /** Holds the record when it must wait; true if it was held. */
  public boolean holdIfNeeded(T record, boolean ready, long applied) {
    if (ready && held.isEmpty() && requiredOffset.applyAsLong(record) <= applied) {
      return false;
    }
    held.add(record);
    return true;
  }

  /** Processes, in order, the held records at the head whose configuration has arrived. */
  public void release(HeldUntilReady.Release<T> process, long applied) throws Exception {
    int due = 0;
    while (due < held.size() && requiredOffset.applyAsLong(held.get(due)) <= applied) {
      process.process(held.get(due));
      due++;
    }
    held.subList(0, due).clear();
  }

  public void snapshot() throws Exception {
    state.update(held);
  }
}
