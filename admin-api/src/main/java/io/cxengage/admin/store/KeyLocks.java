package io.cxengage.admin.store;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises read-modify-write changes of one configuration key within this instance, so two
 * concurrent partial updates of a document cannot lose each other's fields. Striped: a fixed set of
 * locks, chosen by the key's hash.
 */
public final class KeyLocks {

  private final ReentrantLock[] stripes = new ReentrantLock[64];

  public KeyLocks() {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  public <T> T withLock(Object key, Supplier<T> change) {
    ReentrantLock lock = stripes[Math.floorMod(key.hashCode(), stripes.length)];
    lock.lock();
    try {
      return change.get();
    } finally {
      lock.unlock();
    }
  }
}
