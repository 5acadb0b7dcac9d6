package io.cxengage.job.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;

/**
 * The records a keyed operator holds back, per key in keyed state, until the configuration is ready
 * ({@link ConfigReadiness}). A broadcast input is not ordered with the main input, so every
 * operator that reads configuration waits for the marker itself.
 */
public final class HeldUntilReady<T> {

  /** Sets the operator's current key. */
  public interface KeySetter {
    void setCurrentKey(String key) throws Exception;
  }

  /** Processes one released record under its key. */
  public interface Release<T> {
    void process(T record) throws Exception;
  }

  private final ListState<T> held;
  private final ListState<String> keysState;
  private final Set<String> keys = new LinkedHashSet<>();

  public HeldUntilReady(
      KeyedStateStore keyed, OperatorStateStore operator, String name, TypeSerializer<T> serializer)
      throws Exception {
    this.held = keyed.getListState(new ListStateDescriptor<>(name + "-held", serializer));
    this.keysState =
        operator.getListState(
            new ListStateDescriptor<>(name + "-held-keys", StringSerializer.INSTANCE));
    for (String k : keysState.get()) {
      keys.add(k);
    }
  }

  /** Holds a record of the current key. */
  public void hold(String key, T record) throws Exception {
    held.add(record);
    keys.add(key);
  }

  /** Processes every held record under its key. */
  public void release(KeySetter setter, Release<T> process) throws Exception {
    for (String k : keys) {
      setter.setCurrentKey(k);
      List<T> records = new ArrayList<>();
      for (T r : held.get()) {
        records.add(r);
      }
      held.clear();
      for (T r : records) {
        process.process(r);
      }
    }
    keys.clear();
  }

  public void snapshot() throws Exception {
    keysState.update(new ArrayList<>(keys));
  }
}
