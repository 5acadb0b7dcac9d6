package io.cxengage.dsl.compile;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.dsl.eval.EventPredicate;
import java.io.Serializable;
import java.util.List;

/**
 * Decides whether events can be shared out among the parts of an atomic {@code all}, each part
 * taking at most its count and each event going to one part it satisfies: a bipartite matching with
 * capacities, grown one event at a time by augmenting paths.
 *
 * <p>Taking every event that keeps the assignment feasible is optimal here: the feasible sets form
 * a transversal matroid, so greedy growth in time order completes at the earliest possible event.
 */
final class MultisetFeasibility implements Serializable {

  private static final long serialVersionUID = 1L;

  private final EventPredicate[] parts;
  private final int[] capacity;

  MultisetFeasibility(List<EventPredicate> parts, List<Integer> counts) {
    this.parts = parts.toArray(EventPredicate[]::new);
    this.capacity = counts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Whether {@code taken} plus {@code next} can all be assigned. */
  boolean feasible(List<JsonNode> taken, JsonNode next) {
    int n = taken.size() + 1;
    boolean[][] fits = new boolean[n][];
    int[] assigned = new int[n];
    int[] load = new int[parts.length];
    for (int i = 0; i < n; i++) {
      JsonNode e = i < taken.size() ? taken.get(i) : next;
      fits[i] = new boolean[parts.length];
      boolean any = false;
      for (int p = 0; p < parts.length; p++) {
        fits[i][p] = parts[p].test(e);
        any |= fits[i][p];
      }
      if (!any) {
        return false;
      }
      assigned[i] = -1;
      if (!assign(i, fits, assigned, load, new boolean[parts.length], i + 1)) {
        return false;
      }
    }
    return true;
  }

  private boolean assign(
      int event, boolean[][] fits, int[] assigned, int[] load, boolean[] seen, int known) {
    for (int p = 0; p < parts.length; p++) {
      if (!fits[event][p] || seen[p]) {
        continue;
      }
      seen[p] = true;
      if (load[p] < capacity[p]) {
        load[p]++;
        assigned[event] = p;
        return true;
      }
      for (int other = 0; other < known; other++) {
        if (other != event
            && assigned[other] == p
            && assign(other, fits, assigned, load, seen, known)) {
          assigned[event] = p;
          return true;
        }
      }
    }
    return false;
  }
}
