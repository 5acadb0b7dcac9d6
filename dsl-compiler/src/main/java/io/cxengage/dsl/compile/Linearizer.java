package io.cxengage.dsl.compile;

import io.cxengage.dsl.ast.Predicate;
import io.cxengage.dsl.ast.Trigger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns the triggers that Flink CEP expresses directly into a chain of {@link Step}s: events,
 * sequences, counts (unrolled when they repeat a sequence), {@code any} of single events (one state
 * whose condition is their disjunction) and {@code all} of single or counted events (one looping
 * state that keeps a feasible assignment). Anything else is not linear and returns null.
 */
final class Linearizer {

  /** Unrolling stops here: longer chains go to the generic mapping. */
  static final int MAX_STATES = 256;

  private Linearizer() {}

  static List<Step> linearize(Trigger t) {
    List<Step> steps = steps(t);
    if (steps == null) {
      return null;
    }
    int states = 0;
    for (Step s : steps) {
      states += s instanceof Step.Single ? 1 : s.size();
    }
    return states <= 100_000 ? steps : null;
  }

  private static List<Step> steps(Trigger t) {
    if (t instanceof Trigger.Event e) {
      return List.of(new Step.Single(e.predicate()));
    }
    Predicate atom = atom(t);
    if (atom != null) {
      return List.of(new Step.Single(atom));
    }
    if (t instanceof Trigger.Count c) {
      Predicate child = atom(c.child());
      if (child != null) {
        return c.times() == 1
            ? List.of(new Step.Single(child))
            : List.of(new Step.Times(c.times(), child));
      }
      if (c.child() instanceof Trigger.Count inner && atom(inner.child()) != null) {
        long n = (long) c.times() * inner.times();
        return n <= 10_000 ? List.of(new Step.Times((int) n, atom(inner.child()))) : null;
      }
      List<Step> once = steps(c.child());
      if (once == null || (long) once.size() * c.times() > MAX_STATES) {
        return null;
      }
      return Collections.nCopies(c.times(), once).stream().flatMap(List::stream).toList();
    }
    if (t instanceof Trigger.Seq s) {
      List<Step> out = new ArrayList<>();
      for (Trigger step : s.steps()) {
        if (step instanceof Trigger.Fail) {
          return null; // a nested fail: the generic mapping observes it
        }
        List<Step> part = steps(step);
        if (part == null) {
          return null;
        }
        out.addAll(part);
      }
      return out.size() <= MAX_STATES ? out : null;
    }
    if (t instanceof Trigger.All a) {
      if (a.parts().stream().anyMatch(p -> p instanceof Trigger.Fail)) {
        return null; // a nested fail: the generic mapping observes it
      }
      List<Trigger> parts = a.parts();
      if (parts.size() == 1) {
        return steps(parts.get(0));
      }
      List<Predicate> preds = new ArrayList<>();
      List<Integer> counts = new ArrayList<>();
      for (Trigger part : parts) {
        Predicate p = atom(part);
        int n = 1;
        if (p == null && part instanceof Trigger.Count c) {
          p = atom(c.child());
          n = c.times();
        }
        if (p == null) {
          return null;
        }
        preds.add(p);
        counts.add(n);
      }
      return List.of(new Step.Multiset(List.copyOf(preds), List.copyOf(counts)));
    }
    return null;
  }

  /** A trigger satisfied by exactly one event: an event, or any of events; else null. */
  static Predicate atom(Trigger t) {
    if (t instanceof Trigger.Event e) {
      return e.predicate();
    }
    if (t instanceof Trigger.Any a) {
      List<Predicate> preds = new ArrayList<>();
      for (Trigger o : a.options()) {
        Predicate p = atom(o);
        if (p == null) {
          return null;
        }
        preds.add(p);
      }
      return preds.size() == 1 ? preds.get(0) : new Predicate.Or(List.copyOf(preds));
    }
    if (t instanceof Trigger.Count c && c.times() == 1) {
      return atom(c.child());
    }
    if (t instanceof Trigger.Seq s && s.steps().size() == 1) {
      return atom(s.steps().get(0));
    }
    if (t instanceof Trigger.All a && a.parts().size() == 1) {
      return atom(a.parts().get(0));
    }
    return null;
  }
}
