package io.cxengage.dsl.compile;

import io.cxengage.dsl.DslError;
import io.cxengage.dsl.DslException;
import io.cxengage.dsl.ast.Predicate;
import io.cxengage.dsl.ast.Trigger;
import io.cxengage.dsl.eval.EventPredicate;
import io.cxengage.dsl.event.CustomerEvent;
import io.cxengage.dsl.semantics.TriggerAutomaton;
import io.cxengage.dsl.semantics.TriggerShape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.MalformedPatternException;
import org.apache.flink.cep.pattern.Pattern;

/**
 * Compiles a checked {@code when} into a {@link CompiledWhen}: a Flink CEP {@link Pattern} and the
 * metadata the engine needs. Triggers that form a chain become one Flink state per step; the rest
 * (any of sequences, all of composite triggers, nested windows) use the generic mapping, a looping
 * state whose conditions replay the partial match through the trigger's automaton. The module
 * README describes both mappings and their cost.
 */
public final class PatternCompiler {

  /** The name of the generic mapping's looping state. */
  static final String GENERIC_LOOP = "g";

  private PatternCompiler() {}

  public static CompiledWhen compile(Trigger when) {
    TriggerShape shape = TriggerShape.of(when);
    long window = 0;
    Trigger body = shape.prefix();
    while (body instanceof Trigger.Within w) {
      window = window == 0 ? w.millis() : Math.min(window, w.millis());
      body = w.child();
    }
    List<Predicate> leaves = new ArrayList<>();
    List<Predicate> fails = new ArrayList<>(shape.rootFails());
    List<Predicate> nestedFails = new ArrayList<>();
    collect(shape.prefix(), leaves, nestedFails);

    // The engine applies skip-past-last-event itself: Flink's own strategy holds a completed match
    // back while an earlier-started partial match is still open, which is not dsl.md's "first
    // completed wins" and never resolves under the generic mapping's combinations.
    AfterMatchSkipStrategy skip = AfterMatchSkipStrategy.noSkip();
    List<Step> steps = Linearizer.linearize(body);
    boolean generic =
        steps == null
            || (shape.hasAbsent() && !(steps.get(steps.size() - 1) instanceof Step.Single));
    Pattern<CustomerEvent, ?> pattern =
        generic
            ? genericPattern(new TriggerAutomaton(shape.prefix()), skip)
            : chain(steps, skip, shape.hasAbsent());
    if (window > 0) {
      pattern = pattern.within(Duration.ofMillis(window + 1));
    }

    List<Predicate> touching = new ArrayList<>(leaves);
    touching.addAll(fails);
    touching.addAll(nestedFails);
    if (shape.hasAbsent()) {
      touching.add(shape.absent());
    }
    try {
      return new CompiledWhen(
          pattern,
          generic,
          window,
          EventPredicate.anyOf(touching.stream().map(EventPredicate::of).toList()),
          fails.isEmpty()
              ? null
              : EventPredicate.anyOf(fails.stream().map(EventPredicate::of).toList()),
          nestedFails.isEmpty()
              ? null
              : EventPredicate.anyOf(nestedFails.stream().map(EventPredicate::of).toList()),
          shape.absentMillis(),
          shape.hasAbsent() ? EventPredicate.of(shape.absent()) : null,
          IndexHint.of(touching),
          generic ? List.of() : startHints(steps.get(0)));
    } catch (MalformedPatternException e) {
      throw new DslException(
          List.of(
              new DslError(
                  "when",
                  when.position().line(),
                  when.position().column(),
                  "the pattern cannot be compiled: " + e.getMessage())));
    }
  }

  /**
   * The hints for the events that can start a partial match of a chain: those of its first step.
   * None for an {@code all} first (its condition weighs the events already taken) or a generic
   * pattern; the engine then tests every touching event against the NFA's start.
   */
  private static List<IndexHint> startHints(Step first) {
    if (first instanceof Step.Single s) {
      return IndexHint.all(List.of(s.predicate()));
    }
    if (first instanceof Step.Times t) {
      return IndexHint.all(List.of(t.predicate()));
    }
    return List.of();
  }

  /**
   * One Flink state per event of a single or repeated step, named {@code s0}, {@code s1}, ... in
   * pattern order. A repeated step is unrolled rather than given Flink's {@code times(n)}: that
   * names its n states by probing {@code s0:0}, {@code s0:1}, ... for a free name each time, which
   * takes seconds for {@code (count 10000 ...)}. Both have relaxed contiguity between the
   * repetitions, so they match the same events.
   */
  private static Pattern<CustomerEvent, ?> chain(
      List<Step> steps, AfterMatchSkipStrategy skip, boolean lastStepAnyMatch) {
    Pattern<CustomerEvent, CustomerEvent> p = null;
    int state = 0;
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      boolean lastStep = i == steps.size() - 1;
      int repeat = step instanceof Step.Times t ? t.times() : 1;
      for (int r = 0; r < repeat; r++) {
        // an absent step follows: every later event can end a candidate, not just the first
        p = next(p, "s" + state++, skip, lastStep && r == repeat - 1 && lastStepAnyMatch);
        if (step instanceof Step.Single s) {
          p = p.where(new Conditions.Leaf(EventPredicate.of(s.predicate())));
        } else if (step instanceof Step.Times t) {
          p = p.where(new Conditions.Leaf(EventPredicate.of(t.predicate())));
        } else {
          Step.Multiset m = (Step.Multiset) step;
          String name = "s" + (state - 1);
          p =
              p.where(
                  new Conditions.Multiset(
                      name,
                      new MultisetFeasibility(
                          m.parts().stream().map(EventPredicate::of).toList(), m.counts())));
          if (m.size() > 1) {
            p = p.times(m.size());
          }
        }
      }
    }
    return p;
  }

  private static Pattern<CustomerEvent, CustomerEvent> next(
      Pattern<CustomerEvent, CustomerEvent> p,
      String name,
      AfterMatchSkipStrategy skip,
      boolean anyMatch) {
    if (p == null) {
      return Pattern.begin(name, skip);
    }
    return anyMatch ? p.followedByAny(name) : p.followedBy(name);
  }

  private static Pattern<CustomerEvent, ?> genericPattern(
      TriggerAutomaton automaton, AfterMatchSkipStrategy skip) {
    return Pattern.<CustomerEvent>begin(GENERIC_LOOP, skip)
        .where(new Conditions.Generic(GENERIC_LOOP, automaton, false))
        .oneOrMore()
        .allowCombinations()
        .optional()
        // followedByAny: the completing event may come after events the partial match skipped
        .followedByAny("end")
        .where(new Conditions.Generic(GENERIC_LOOP, automaton, true));
  }

  /** Collects the event predicates of the matching leaves, and those of nested fails. */
  private static void collect(Trigger t, List<Predicate> leaves, List<Predicate> fails) {
    if (t instanceof Trigger.Event e) {
      leaves.add(e.predicate());
    } else if (t instanceof Trigger.Count c) {
      collect(c.child(), leaves, fails);
    } else if (t instanceof Trigger.Seq s) {
      s.steps().forEach(x -> collect(x, leaves, fails));
    } else if (t instanceof Trigger.All a) {
      a.parts().forEach(x -> collect(x, leaves, fails));
    } else if (t instanceof Trigger.Any a) {
      a.options().forEach(x -> collect(x, leaves, fails));
    } else if (t instanceof Trigger.Within w) {
      collect(w.child(), leaves, fails);
    } else if (t instanceof Trigger.Fail f) {
      fails.add(((Trigger.Event) f.cancel()).predicate());
    }
  }
}
