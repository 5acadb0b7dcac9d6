package io.cxengage.job.cep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.api.common.state.AggregatingState;
import org.apache.flink.api.common.state.AggregatingStateDescriptor;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReducingState;
import org.apache.flink.api.common.state.ReducingStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.MapSerializer;

/**
 * The keyed state store the shared buffer is built on. It passes everything through, except the
 * buffer's per-timestamp event counters ({@value #EVENT_COUNTS}): those live in one value per key
 * ({@value #EVENT_COUNTS_VALUE}) instead of a map state.
 *
 * <p>{@code SharedBuffer.advanceTime} iterates that map, asks whether it is empty and clears it,
 * every time partial matches expire. On RocksDB each of those is an iterator seek, and a seek steps
 * over the delete markers that earlier expiries left behind, so each expiry cost more than the one
 * before (the RocksDB trap of design.md). The counters of one key are a handful of entries; as one
 * value, every one of those operations is a single point read or write.
 *
 * <p>When events are matched in event-time order, a key's events of one timestamp are matched in
 * one go and the operator forgets the counters right after, so between two such drains (and at
 * every checkpoint) they are empty: then they are kept in memory only, and cost no state access at
 * all.
 */
final class SharedBufferStateStore implements KeyedStateStore {

  /** The name {@code SharedBuffer} gives its counter map. */
  static final String EVENT_COUNTS = "sharedBuffer-events-count";

  /** The value that holds the counters instead. */
  static final String EVENT_COUNTS_VALUE = "cx-buffer-event-counts";

  private final KeyedStateStore store;
  private final InMemoryValue<Map<?, ?>> countersInMemory;

  /**
   * @param countersInMemory whether the counters are emptied after every batch of events, so that
   *     they need not survive one (see the class comment)
   */
  SharedBufferStateStore(KeyedStateStore store, boolean countersInMemory) {
    this.store = store;
    this.countersInMemory = countersInMemory ? new InMemoryValue<>() : null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> descriptor) {
    if (!EVENT_COUNTS.equals(descriptor.getName())) {
      return store.getMapState(descriptor);
    }
    if (countersInMemory != null) {
      return new ValueMapState<>((ValueState<Map<UK, UV>>) (ValueState<?>) countersInMemory);
    }
    ValueState<Map<UK, UV>> value =
        store.getState(
            new ValueStateDescriptor<>(
                EVENT_COUNTS_VALUE,
                new MapSerializer<>(
                    descriptor.getKeySerializer(), descriptor.getValueSerializer())));
    return new ValueMapState<>(value);
  }

  @Override
  public <T> ValueState<T> getState(ValueStateDescriptor<T> descriptor) {
    return store.getState(descriptor);
  }

  @Override
  public <T> ListState<T> getListState(ListStateDescriptor<T> descriptor) {
    return store.getListState(descriptor);
  }

  @Override
  public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> descriptor) {
    return store.getReducingState(descriptor);
  }

  @Override
  public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(
      AggregatingStateDescriptor<IN, ACC, OUT> descriptor) {
    return store.getAggregatingState(descriptor);
  }

  @Override
  public <T> org.apache.flink.api.common.state.v2.ValueState<T> getValueState(
      org.apache.flink.api.common.state.v2.ValueStateDescriptor<T> descriptor) {
    return store.getValueState(descriptor);
  }

  @Override
  public <T> org.apache.flink.api.common.state.v2.ListState<T> getListState(
      org.apache.flink.api.common.state.v2.ListStateDescriptor<T> descriptor) {
    return store.getListState(descriptor);
  }

  @Override
  public <UK, UV> org.apache.flink.api.common.state.v2.MapState<UK, UV> getMapState(
      org.apache.flink.api.common.state.v2.MapStateDescriptor<UK, UV> descriptor) {
    return store.getMapState(descriptor);
  }

  @Override
  public <T> org.apache.flink.api.common.state.v2.ReducingState<T> getReducingState(
      org.apache.flink.api.common.state.v2.ReducingStateDescriptor<T> descriptor) {
    return store.getReducingState(descriptor);
  }

  @Override
  public <IN, ACC, OUT>
      org.apache.flink.api.common.state.v2.AggregatingState<IN, OUT> getAggregatingState(
          org.apache.flink.api.common.state.v2.AggregatingStateDescriptor<IN, ACC, OUT>
              descriptor) {
    return store.getAggregatingState(descriptor);
  }

  @Override
  public String getBackendTypeIdentifier() {
    return store.getBackendTypeIdentifier();
  }

  /** A value outside keyed state: for what is empty whenever the key changes. */
  static final class InMemoryValue<T> implements ValueState<T> {
    private T value;

    @Override
    public T value() {
      return value;
    }

    @Override
    public void update(T v) {
      value = v;
    }

    @Override
    public void clear() {
      value = null;
    }
  }

  /**
   * A small map kept as one value: every operation reads the whole map and writes it back when it
   * changed; the value is cleared when the map becomes empty. Iterators walk a copy and remove
   * through to the value.
   */
  static final class ValueMapState<K, V> implements MapState<K, V> {

    private final ValueState<Map<K, V>> value;

    ValueMapState(ValueState<Map<K, V>> value) {
      this.value = value;
    }

    @Override
    public V get(K key) throws IOException {
      Map<K, V> map = value.value();
      return map == null ? null : map.get(key);
    }

    @Override
    public void put(K key, V v) throws IOException {
      Map<K, V> map = orEmpty(value.value());
      map.put(key, v);
      value.update(map);
    }

    @Override
    public void putAll(Map<K, V> entries) throws IOException {
      if (entries.isEmpty()) {
        return;
      }
      Map<K, V> map = orEmpty(value.value());
      map.putAll(entries);
      value.update(map);
    }

    @Override
    public void remove(K key) throws IOException {
      Map<K, V> map = value.value();
      if (map != null && map.containsKey(key)) {
        map.remove(key);
        write(map);
      }
    }

    @Override
    public boolean contains(K key) throws IOException {
      Map<K, V> map = value.value();
      return map != null && map.containsKey(key);
    }

    @Override
    public Iterable<Map.Entry<K, V>> entries() {
      return () -> walk(e -> e);
    }

    @Override
    public Iterable<K> keys() {
      return () -> walk(Map.Entry::getKey);
    }

    @Override
    public Iterable<V> values() {
      return () -> walk(Map.Entry::getValue);
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
      return walk(e -> e);
    }

    @Override
    public boolean isEmpty() throws IOException {
      Map<K, V> map = value.value();
      return map == null || map.isEmpty();
    }

    @Override
    public void clear() {
      value.clear();
    }

    private <T> Iterator<T> walk(Function<Map.Entry<K, V>, T> view) {
      Map<K, V> map;
      try {
        map = value.value();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (map == null) {
        return Collections.emptyIterator();
      }
      List<Map.Entry<K, V>> copy = new ArrayList<>(map.size());
      for (Map.Entry<K, V> e : map.entrySet()) {
        copy.add(new AbstractMap.SimpleImmutableEntry<>(e));
      }
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < copy.size();
        }

        @Override
        public T next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return view.apply(copy.get(next++));
        }

        @Override
        public void remove() {
          if (next == 0) {
            throw new IllegalStateException("next() has not been called");
          }
          map.remove(copy.get(next - 1).getKey());
          try {
            write(map);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
    }

    private void write(Map<K, V> map) throws IOException {
      if (map.isEmpty()) {
        value.clear();
      } else {
        value.update(map);
      }
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
      return map == null ? new HashMap<>() : map;
    }
  }
}
