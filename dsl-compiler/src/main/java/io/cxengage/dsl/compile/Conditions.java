package io.cxengage.dsl.compile;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.dsl.eval.EventPredicate;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.dsl.semantics.TriggerAutomaton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/** The Flink CEP conditions that compiled patterns are made of. */
final class Conditions {

  /** Bounds the configurations of the generic mapping per evaluation (see the module README). */
  static final int MAX_CONFIGURATIONS = 4096;

  private Conditions() {}

  /** A single event's predicate. */
  static final class Leaf extends SimpleCondition<CustomerEvent> {
    private static final long serialVersionUID = 1L;
    private final EventPredicate predicate;

    Leaf(EventPredicate predicate) {
      this.predicate = predicate;
    }

    @Override
    public boolean filter(CustomerEvent event) {
      return predicate.test(event.attributes());
    }
  }

  /** An atomic {@code all}: take the event if the events of this state can still be shared out. */
  static final class Multiset extends IterativeCondition<CustomerEvent> {
    private static final long serialVersionUID = 1L;
    private final String state;
    private final MultisetFeasibility feasibility;

    Multiset(String state, MultisetFeasibility feasibility) {
      this.state = state;
      this.feasibility = feasibility;
    }

    @Override
    public boolean filter(CustomerEvent event, Context<CustomerEvent> ctx) throws Exception {
      List<JsonNode> taken = new ArrayList<>();
      for (CustomerEvent e : ctx.getEventsForPattern(state)) {
        taken.add(e.attributes());
      }
      return feasibility.feasible(taken, event.attributes());
    }
  }

  /**
   * The generic mapping: replays the events of the partial match through the trigger's automaton
   * and asks whether the new event extends it ({@code completing == false}) or completes it.
   */
  static final class Generic extends IterativeCondition<CustomerEvent> {
    private static final long serialVersionUID = 1L;
    private final String state;
    private final TriggerAutomaton automaton;
    private final boolean completing;

    Generic(String state, TriggerAutomaton automaton, boolean completing) {
      this.state = state;
      this.automaton = automaton;
      this.completing = completing;
    }

    @Override
    public boolean filter(CustomerEvent event, Context<CustomerEvent> ctx) throws Exception {
      Collection<Object> configs = new ArrayList<>();
      configs.add(automaton.start());
      for (CustomerEvent e : ctx.getEventsForPattern(state)) {
        configs = bounded(automaton.takeAll(configs, e.timestamp(), e.attributes()));
        if (configs.isEmpty()) {
          return false;
        }
      }
      Set<Object> next = automaton.takeAll(configs, event.timestamp(), event.attributes());
      for (Object c : next) {
        if (automaton.complete(c) == completing) {
          return true;
        }
      }
      return false;
    }

    private static Collection<Object> bounded(Set<Object> configs) {
      if (configs.size() <= MAX_CONFIGURATIONS) {
        return configs;
      }
      List<Object> kept = new ArrayList<>(MAX_CONFIGURATIONS);
      for (Object c : configs) {
        if (kept.size() == MAX_CONFIGURATIONS) {
          break;
        }
        kept.add(c);
      }
      return kept;
    }
  }
}
