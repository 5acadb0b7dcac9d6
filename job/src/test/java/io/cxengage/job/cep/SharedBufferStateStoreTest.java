package io.cxengage.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ValueState;
import org.junit.jupiter.api.Test;

class SharedBufferStateStoreTest {

  /** A value state of one key, as the backend would hold it. */
  private static final class OneValue<T> implements ValueState<T> {
    T value;
    int writes;

    @Override
    public T value() {
      return value;
    }

    @Override
    public void update(T v) {
      value = v;
      writes++;
    }

    @Override
    public void clear() {
      value = null;
      writes++;
    }
  }

  @Test
  void behavesAsAMapAndClearsTheValueWhenEmpty() throws Exception {
    OneValue<Map<Long, Integer>> value = new OneValue<>();
    var map = new SharedBufferStateStore.ValueMapState<>(value);
    assertThat(map.isEmpty()).isTrue();
    assertThat(map.get(1L)).isNull();

    map.put(1L, 1);
    map.putAll(Map.of(2L, 3, 5L, 1));
    assertThat(map.get(2L)).isEqualTo(3);
    assertThat(map.contains(5L)).isTrue();
    assertThat(map.keys()).containsExactlyInAnyOrder(1L, 2L, 5L);
    assertThat(map.values()).containsExactlyInAnyOrder(1, 3, 1);

    map.remove(1L);
    map.remove(7L);
    assertThat(map.keys()).containsExactlyInAnyOrder(2L, 5L);
    map.remove(2L);
    map.remove(5L);
    assertThat(map.isEmpty()).isTrue();
    assertThat(value.value).isNull();
  }

  @Test
  void iteratorRemovesThroughToTheValue() throws Exception {
    OneValue<Map<Long, Integer>> value = new OneValue<>();
    var map = new SharedBufferStateStore.ValueMapState<>(value);
    map.putAll(Map.of(10L, 1, 20L, 2, 30L, 3));
    // as SharedBuffer.advanceTime does: drop the counters before a timestamp
    Iterator<Long> it = map.keys().iterator();
    List<Long> seen = new ArrayList<>();
    while (it.hasNext()) {
      Long ts = it.next();
      seen.add(ts);
      if (ts < 25) {
        it.remove();
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(10L, 20L, 30L);
    assertThat(map.keys()).containsExactly(30L);

    Iterator<Map.Entry<Long, Integer>> entries = map.iterator();
    entries.next();
    entries.remove();
    assertThat(entries.hasNext()).isFalse();
    assertThat(value.value).isNull();
  }

  @Test
  void countersInMemoryAreOneMapForEveryCaller() throws Exception {
    var store = new SharedBufferStateStore(null, true);
    var descriptor =
        new org.apache.flink.api.common.state.MapStateDescriptor<>(
            SharedBufferStateStore.EVENT_COUNTS,
            org.apache.flink.api.common.typeutils.base.LongSerializer.INSTANCE,
            org.apache.flink.api.common.typeutils.base.IntSerializer.INSTANCE);
    // the shared buffer and the operator each ask for the counters: they must see the same ones
    var buffers = store.getMapState(descriptor);
    var operators = store.getMapState(descriptor);
    buffers.put(10L, 2);
    assertThat(operators.get(10L)).isEqualTo(2);
    operators.clear();
    assertThat(buffers.isEmpty()).isTrue();
  }

  @Test
  void readingAnEmptyMapWritesNothing() throws Exception {
    OneValue<Map<Long, Integer>> value = new OneValue<>();
    var map = new SharedBufferStateStore.ValueMapState<>(value);
    for (Long ignored : map.keys()) {
      throw new AssertionError("empty");
    }
    map.remove(1L);
    assertThat(map.isEmpty()).isTrue();
    assertThat(value.writes).isZero();
  }
}
