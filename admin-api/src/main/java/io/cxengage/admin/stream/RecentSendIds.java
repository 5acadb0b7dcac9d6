package io.cxengage.admin.stream;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The send ids the relay delivered most recently, to drop a message the job wrote again (its {@code
 * cx.stream} producer is idempotent within one attempt, but a send replayed after a failure is
 * written a second time with the same deterministic id). Bounded: the oldest id is forgotten first,
 * so a repeat is only recognised while it is among the last {@code capacity} ids, which covers a
 * replay from the last checkpoint. Used by the relay thread alone.
 */
final class RecentSendIds {

  private final Map<String, Boolean> ids;

  RecentSendIds(int capacity) {
    this.ids =
        new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Remembers the id; false when it was already remembered (the message is a repeat). */
  boolean firstTime(String sendId) {
    return ids.putIfAbsent(sendId, Boolean.TRUE) == null;
  }

  int size() {
    return ids.size();
  }
}
