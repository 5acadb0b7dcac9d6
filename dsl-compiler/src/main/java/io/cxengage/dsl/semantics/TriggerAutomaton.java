package io.cxengage.dsl.semantics;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.dsl.ast.Trigger;
import io.cxengage.dsl.eval.EventPredicate;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The set semantics of a {@code when} as a non-deterministic automaton over the events of one
 * partial match: a configuration records how far each node of the trigger has got, and every event
 * must go to exactly one {@code event} leaf that can take it. A set of events is a match when some
 * configuration reached by giving each of them to a leaf is complete.
 *
 * <p>{@code fail} children of nested groups are observed here: an event that satisfies one is never
 * given to a leaf (nor starts a partial match); it ends every configuration in which that fail's
 * group is partly matched and leaves the others as they are ({@link #observes}). Fails of the
 * outermost group are the caller's (they cancel every partial match), and an {@code absent} step
 * must have been removed first. Windows are checked on every step, inclusive as dsl.md says.
 */
public final class TriggerAutomaton implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Trigger root;
  private final Map<Trigger.Event, EventPredicate> predicates = new IdentityHashMap<>();
  private final Map<Trigger.Fail, EventPredicate> fails = new IdentityHashMap<>();

  public TriggerAutomaton(Trigger root) {
    this.root = root;
    index(root);
  }

  private void index(Trigger t) {
    if (t instanceof Trigger.Event e) {
      predicates.put(e, EventPredicate.of(e.predicate()));
    } else if (t instanceof Trigger.Count c) {
      index(c.child());
    } else if (t instanceof Trigger.Seq s) {
      s.steps().forEach(this::index);
    } else if (t instanceof Trigger.All a) {
      a.parts().forEach(this::index);
    } else if (t instanceof Trigger.Any a) {
      a.options().forEach(this::index);
    } else if (t instanceof Trigger.Within w) {
      index(w.child());
    } else if (t instanceof Trigger.Fail f) {
      fails.put(f, EventPredicate.of(((Trigger.Event) f.cancel()).predicate()));
    } else {
      throw new IllegalArgumentException(
          "the automaton cannot hold " + t.getClass().getSimpleName());
    }
  }

  /** The configuration before any event. */
  public Object start() {
    return null;
  }

  /**
   * The configurations reached by giving the event to one leaf of {@code config}; for an event that
   * a nested fail {@link #observes}, {@code config} itself, or nothing if the fail cancels it.
   */
  public List<Object> take(Object config, long timestamp, JsonNode attributes) {
    List<Object> out = new ArrayList<>();
    if (observes(attributes)) {
      if (config != null && !cancelledBy(root, config, attributes)) {
        out.add(config);
      }
      return out;
    }
    take(root, config, timestamp, attributes, out);
    return out;
  }

  /** Whether the event satisfies a fail of a nested group: it is observed, never matched. */
  public boolean observes(JsonNode attributes) {
    for (EventPredicate f : fails.values()) {
      if (f.test(attributes)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the event falls inside a group it cancels: one partly matched in this state. */
  private boolean cancelledBy(Trigger node, Object state, JsonNode attrs) {
    if (state == null) {
      return false;
    }
    if (node instanceof Trigger.Seq || node instanceof Trigger.All) {
      List<Trigger> children =
          node instanceof Trigger.Seq s ? s.steps() : ((Trigger.All) node).parts();
      if (!complete(node, state)) {
        for (Trigger c : children) {
          if (c instanceof Trigger.Fail f && fails.get(f).test(attrs)) {
            return true;
          }
        }
      }
      if (node instanceof Trigger.Seq s) {
        Position p = (Position) state;
        return cancelledBy(matching(s.steps()).get(p.index()), p.current(), attrs);
      }
      List<Trigger> parts = matching(((Trigger.All) node).parts());
      List<Object> states = ((Parts) state).states();
      for (int i = 0; i < parts.size(); i++) {
        if (cancelledBy(parts.get(i), states.get(i), attrs)) {
          return true;
        }
      }
      return false;
    }
    if (node instanceof Trigger.Count c) {
      return cancelledBy(c.child(), ((Position) state).current(), attrs);
    }
    if (node instanceof Trigger.Any a) {
      Chosen ch = (Chosen) state;
      return cancelledBy(a.options().get(ch.option()), ch.state(), attrs);
    }
    if (node instanceof Trigger.Within w) {
      return cancelledBy(w.child(), ((Windowed) state).child(), attrs);
    }
    return false;
  }

  /** The configurations reached from each of {@code configs} by taking the event. */
  public Set<Object> takeAll(Collection<Object> configs, long timestamp, JsonNode attributes) {
    Set<Object> out = new LinkedHashSet<>();
    for (Object c : configs) {
      out.addAll(take(c, timestamp, attributes));
    }
    return out;
  }

  public boolean complete(Object config) {
    return complete(root, config);
  }

  // ---- node states: null means "nothing taken yet" for every node ----

  /** A leaf that took its event. */
  private enum Done {
    DONE
  }

  /** Seq and count: the step (or iteration) being filled and its state. */
  private record Position(int index, Object current) {}

  /** All: the state of every part. */
  private record Parts(List<Object> states) {}

  /** Any: the option chosen by its first event, and its state. */
  private record Chosen(int option, Object state) {}

  /** Within: the time of the first event and the child's state. */
  private record Windowed(long first, Object child) {}

  private void take(Trigger node, Object state, long ts, JsonNode attrs, List<Object> out) {
    if (node instanceof Trigger.Event e) {
      if (state == null && predicates.get(e).test(attrs)) {
        out.add(Done.DONE);
      }
    } else if (node instanceof Trigger.Count c) {
      sequence(c.times(), i -> c.child(), (Position) state, ts, attrs, out);
    } else if (node instanceof Trigger.Seq s) {
      List<Trigger> steps = matching(s.steps());
      sequence(steps.size(), steps::get, (Position) state, ts, attrs, out);
    } else if (node instanceof Trigger.All a) {
      List<Trigger> parts = matching(a.parts());
      List<Object> states = state == null ? nulls(parts.size()) : ((Parts) state).states();
      for (int i = 0; i < parts.size(); i++) {
        if (states.get(i) != null && complete(parts.get(i), states.get(i))) {
          continue;
        }
        List<Object> next = new ArrayList<>();
        take(parts.get(i), states.get(i), ts, attrs, next);
        for (Object n : next) {
          List<Object> copy = new ArrayList<>(states);
          copy.set(i, n);
          out.add(new Parts(copy));
        }
      }
    } else if (node instanceof Trigger.Any a) {
      Chosen chosen = (Chosen) state;
      for (int i = 0; i < a.options().size(); i++) {
        if (chosen != null && chosen.option() != i) {
          continue;
        }
        List<Object> next = new ArrayList<>();
        take(a.options().get(i), chosen == null ? null : chosen.state(), ts, attrs, next);
        for (Object n : next) {
          out.add(new Chosen(i, n));
        }
      }
    } else if (node instanceof Trigger.Within w) {
      Windowed win = (Windowed) state;
      if (win != null && ts - win.first() > w.millis()) {
        return;
      }
      List<Object> next = new ArrayList<>();
      take(w.child(), win == null ? null : win.child(), ts, attrs, next);
      for (Object n : next) {
        out.add(new Windowed(win == null ? ts : win.first(), n));
      }
    }
  }

  private interface StepAt {
    Trigger at(int index);
  }

  /** Seq and count share this: fill the current step, or move on once it is complete. */
  private void sequence(
      int length, StepAt steps, Position pos, long ts, JsonNode attrs, List<Object> out) {
    int index = pos == null ? 0 : pos.index();
    Object current = pos == null ? null : pos.current();
    List<Object> next = new ArrayList<>();
    take(steps.at(index), current, ts, attrs, next);
    for (Object n : next) {
      out.add(new Position(index, n));
    }
    if (current != null && complete(steps.at(index), current) && index + 1 < length) {
      next.clear();
      take(steps.at(index + 1), null, ts, attrs, next);
      for (Object n : next) {
        out.add(new Position(index + 1, n));
      }
    }
  }

  private boolean complete(Trigger node, Object state) {
    if (state == null) {
      return false;
    }
    if (node instanceof Trigger.Event) {
      return true;
    }
    if (node instanceof Trigger.Count c) {
      Position p = (Position) state;
      return p.index() == c.times() - 1 && complete(c.child(), p.current());
    }
    if (node instanceof Trigger.Seq s) {
      List<Trigger> steps = matching(s.steps());
      Position p = (Position) state;
      return p.index() == steps.size() - 1 && complete(steps.get(p.index()), p.current());
    }
    if (node instanceof Trigger.All a) {
      List<Trigger> parts = matching(a.parts());
      List<Object> states = ((Parts) state).states();
      for (int i = 0; i < parts.size(); i++) {
        if (!complete(parts.get(i), states.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (node instanceof Trigger.Any a) {
      Chosen c = (Chosen) state;
      return complete(a.options().get(c.option()), c.state());
    }
    Trigger.Within w = (Trigger.Within) node;
    return complete(w.child(), ((Windowed) state).child());
  }

  /** The children that events can match: fail children are the caller's business. */
  static List<Trigger> matching(List<Trigger> children) {
    boolean any = false;
    for (Trigger t : children) {
      any |= t instanceof Trigger.Fail || t instanceof Trigger.Absent;
    }
    if (!any) {
      return children;
    }
    List<Trigger> out = new ArrayList<>();
    for (Trigger t : children) {
      if (!(t instanceof Trigger.Fail) && !(t instanceof Trigger.Absent)) {
        out.add(t);
      }
    }
    return out;
  }

  private static List<Object> nulls(int n) {
    List<Object> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(null);
    }
    return list;
  }
}
