package io.cxengage.dsl.compile;

import io.cxengage.dsl.ast.Predicate;
import java.util.List;

/**
 * One state of a natively compiled pattern: a single event, an event repeated, or a multiset of
 * events in any order (the atomic {@code all}).
 */
sealed interface Step {

  /** How many events the step takes. */
  int size();

  record Single(Predicate predicate) implements Step {
    public int size() {
      return 1;
    }
  }

  record Times(int times, Predicate predicate) implements Step {
    public int size() {
      return times;
    }
  }

  /** {@code parts.get(i)} must be taken {@code counts.get(i)} times, in any order. */
  record Multiset(List<Predicate> parts, List<Integer> counts) implements Step {
    public int size() {
      return counts.stream().mapToInt(Integer::intValue).sum();
    }
  }
}
