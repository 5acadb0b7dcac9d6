package io.cxengage.job.cep;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.flink.cep.nfa.NFA;
import org.apache.flink.cep.nfa.State;
import org.apache.flink.cep.nfa.StateTransition;
import org.apache.flink.cep.nfa.StateTransitionAction;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.RichCompositeIterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * Which events can start a partial match of an NFA that holds none. Such an NFA is only its start
 * state: an event that no transition out of it can take leaves it as it was, so the operator need
 * not run the NFA for it (most events of a customer, for most patterns, are of this kind).
 */
final class NfaStarts {

  private NfaStarts() {}

  /**
   * The test for events that the start state (or a state it reaches without taking an event) can
   * take; empty when a condition looks at the partial match (the multiset of {@code all}, the
   * generic mapping), as it cannot be judged without one: then every event must be offered.
   */
  static <T> java.util.Optional<Predicate<T>> of(NFA<T> nfa) {
    List<IterativeCondition<T>> takes = new ArrayList<>();
    Deque<State<T>> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    for (State<T> s : nfa.getStates()) {
      if (s.isStart()) {
        todo.add(s);
      }
    }
    while (!todo.isEmpty()) {
      State<T> state = todo.poll();
      if (!seen.add(state.getName())) {
        continue;
      }
      if (state.isFinal()) {
        return java.util.Optional.empty(); // matches without taking an event: never skip
      }
      for (StateTransition<T> t : state.getStateTransitions()) {
        IterativeCondition<T> condition = t.getCondition();
        if (condition != null && !contextFree(condition)) {
          return java.util.Optional.empty();
        }
        if (t.getAction() == StateTransitionAction.TAKE) {
          takes.add(condition);
        } else if (t.getAction() == StateTransitionAction.PROCEED) {
          todo.add(t.getTargetState());
        }
        // IGNORE out of a start state keeps no copy of it: the start state is always kept anyway
      }
    }
    // an array and a loop: this runs for most events and most touched patterns
    @SuppressWarnings("unchecked")
    IterativeCondition<T>[] conditions = takes.toArray(new IterativeCondition[0]);
    return java.util.Optional.of(
        event -> {
          for (IterativeCondition<T> c : conditions) {
            if (holds(c, event)) {
              return true;
            }
          }
          return false;
        });
  }

  private static boolean contextFree(IterativeCondition<?> condition) {
    if (condition instanceof SimpleCondition) {
      return true;
    }
    if (condition instanceof RichCompositeIterativeCondition<?> composite) {
      for (IterativeCondition<?> nested : composite.getNestedConditions()) {
        if (!contextFree(nested)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static <T> boolean holds(IterativeCondition<T> condition, T event) {
    if (condition == null) {
      return true;
    }
    try {
      // context-free conditions never read the context
      return condition.filter(event, null);
    } catch (Exception e) {
      return true; // let the NFA meet the failure where it reports it
    }
  }
}
