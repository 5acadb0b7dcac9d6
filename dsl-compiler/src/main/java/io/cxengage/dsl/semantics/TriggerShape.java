package io.cxengage.dsl.semantics;

import io.cxengage.dsl.ast.Predicate;
import io.cxengage.dsl.ast.Trigger;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a {@code when} that are not matched event by event: the cancelling events of the
 * outermost group ({@code fail} directly under the root seq or all), the final {@code absent} step,
 * and what is left to match (the prefix).
 *
 * @param prefix the trigger to match, without root fails and without the absent step
 * @param rootFails predicates of the root group's fail children (empty if none)
 * @param absentMillis the length of the final absent step, or 0 when there is none
 * @param absent the predicate of the final absent step, or null
 */
public record TriggerShape(
    Trigger prefix, List<Predicate> rootFails, long absentMillis, Predicate absent) {

  /** Splits a checked trigger. */
  public static TriggerShape of(Trigger root) {
    List<Long> windows = new ArrayList<>();
    List<Trigger.Within> wrappers = new ArrayList<>();
    Trigger t = root;
    while (t instanceof Trigger.Within w) {
      wrappers.add(w);
      t = w.child();
    }
    List<Predicate> fails = new ArrayList<>();
    long absentMillis = 0;
    Predicate absent = null;
    if (t instanceof Trigger.Seq || t instanceof Trigger.All) {
      List<Trigger> children = t instanceof Trigger.Seq s ? s.steps() : ((Trigger.All) t).parts();
      List<Trigger> kept = new ArrayList<>();
      for (Trigger child : children) {
        if (child instanceof Trigger.Fail f) {
          fails.add(((Trigger.Event) f.cancel()).predicate());
        } else if (child instanceof Trigger.Absent a) {
          absentMillis = a.millis();
          absent = ((Trigger.Event) a.child()).predicate();
        } else {
          kept.add(child);
        }
      }
      t =
          kept.size() == 1
              ? kept.get(0)
              : t instanceof Trigger.Seq
                  ? new Trigger.Seq(List.copyOf(kept), t.position())
                  : new Trigger.All(List.copyOf(kept), t.position());
    }
    for (int i = wrappers.size() - 1; i >= 0; i--) {
      windows.add(wrappers.get(i).millis());
      t = new Trigger.Within(wrappers.get(i).millis(), t, wrappers.get(i).position());
    }
    return new TriggerShape(t, List.copyOf(fails), absentMillis, absent);
  }

  public boolean hasAbsent() {
    return absent != null;
  }
}
