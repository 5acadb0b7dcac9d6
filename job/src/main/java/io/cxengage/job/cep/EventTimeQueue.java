package io.cxengage.job.cep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The events waiting for the watermark, for every key of an operator: in timestamp order, and per
 * timestamp grouped by key in arrival order.
 *
 * <p>It lives in memory rather than in keyed state: an event waits only as long as the
 * out-of-orderness allowed, so the queue holds a few seconds of input, and keeping it per key in a
 * map state cost two state reads, two writes and a timer per event, a quarter of the operator's
 * time. The operator writes it to operator state at a checkpoint.
 *
 * @param <K> the routing key
 * @param <E> the event
 */
final class EventTimeQueue<K, E> {

  private final TreeMap<Long, Map<K, List<E>>> byTime = new TreeMap<>();
  private int size;

  void add(long timestamp, K key, E event) {
    byTime
        .computeIfAbsent(timestamp, t -> new LinkedHashMap<>(2))
        .computeIfAbsent(key, k -> new ArrayList<>(1))
        .add(event);
    size++;
  }

  /** The earliest waiting timestamp, or {@code Long.MAX_VALUE} when nothing waits. */
  long firstTimestamp() {
    return byTime.isEmpty() ? Long.MAX_VALUE : byTime.firstKey();
  }

  /** Removes the events of the earliest timestamp: per key, in arrival order. */
  Map<K, List<E>> pollFirst() {
    Map.Entry<Long, Map<K, List<E>>> first = byTime.pollFirstEntry();
    if (first == null) {
      return Map.of();
    }
    for (List<E> events : first.getValue().values()) {
      size -= events.size();
    }
    return first.getValue();
  }

  /** Every waiting event, in the order they will be matched. */
  List<E> all() {
    List<E> out = new ArrayList<>(size);
    for (Map<K, List<E>> batches : byTime.values()) {
      for (List<E> events : batches.values()) {
        out.addAll(events);
      }
    }
    return out;
  }

  int size() {
    return size;
  }
}
