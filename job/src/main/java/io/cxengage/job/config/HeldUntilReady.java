package io.cxengage.job.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.OperatorStateStore;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;

/**
 * The records a keyed operator holds back, per key in keyed state and in arrival order, until the
 * configuration they need has arrived: the whole log as it stood when the job started ({@link
 * ConfigReadiness}) and the offset their writer had applied ({@code EventHeaders.CONFIG_OFFSET}). A
 * broadcast input is not ordered with the main input, so each operator waits for itself. Once a key
 * holds a record, its later records queue behind it, so a key's order is kept.
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
  private final ToLongFunction<T> requiredOffset;

  public HeldUntilReady(
      KeyedStateStore keyed,
      OperatorStateStore operator,
      String name,
      TypeSerializer<T> serializer,
      ToLongFunction<T> requiredOffset,
      Predicate<String> ownKey)
      throws Exception {
    this.held = keyed.getListState(new ListStateDescriptor<>(name + "-held", serializer));
    // union state: after a change of parallelism a key's records (keyed state) may be restored on
    // another subtask than the one that listed the key, so every subtask reads every list and
    // keeps its own keys
    this.keysState =
        operator.getUnionListState(
            new ListStateDescriptor<>(name + "-held-keys-of-all", StringSerializer.INSTANCE));
    this.requiredOffset = requiredOffset;
    for (String k : keysState.get()) {
      if (ownKey.test(k)) {
        keys.add(k);
      }
    }
  }

  /** Holds the record (of the current key) when it must wait; true if it was held. */
  public boolean holdIfNeeded(String key, T record, boolean ready, long applied) throws Exception {
    if (ready && !keys.contains(key) && requiredOffset.applyAsLong(record) <= applied) {
      return false;
    }
    held.add(record);
    keys.add(key);
    return true;
  }

  /** Processes, key by key and in order, the held records whose configuration has arrived. */
  public void release(KeySetter setter, Release<T> process, long applied) throws Exception {
    for (String k : new ArrayList<>(keys)) {
      setter.setCurrentKey(k);
      List<T> waiting = new ArrayList<>();
      for (T r : held.get()) {
        waiting.add(r);
      }
      int due = 0;
      while (due < waiting.size() && requiredOffset.applyAsLong(waiting.get(due)) <= applied) {
        due++;
      }
      if (due == 0) {
        continue;
      }
      held.update(new ArrayList<>(waiting.subList(due, waiting.size())));
      if (due == waiting.size()) {
        keys.remove(k);
      }
      for (T r : waiting.subList(0, due)) {
        process.process(r);
      }
    }
  }

  /** Whether any record is held. */
  public boolean any() {
    return !keys.isEmpty();
  }

  public void snapshot() throws Exception {
    keysState.update(new ArrayList<>(keys));
  }
}
