package io.cxengage.job.cep;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.dsl.compile.IndexHint;
import io.cxengage.dsl.eval.AttributePath;
import io.cxengage.dsl.eval.EventPredicate;
import io.cxengage.dsl.eval.IndexValue;
import io.cxengage.dsl.event.CustomerEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds, for an event, the patterns of a tenant it must be offered to, without testing them all. A
 * pattern that holds nothing under the event's key matters only if the event can start it, so the
 * index answers two questions: does the event touch this pattern (asked for the few patterns the
 * key holds state of), and which patterns can it start. Patterns whose predicates pin an attribute
 * to known values are found by the event's value of that attribute (each attribute read once per
 * event), then tested only with the predicates that allow that value; the others are tested whole.
 * The index may only ever err on the side of offering too much.
 */
final class PatternIndex {

  /** Each attribute any hint reads, by its slot in a {@link Probe}. */
  private final List<AttributePath> attributes = new ArrayList<>();

  private final Map<String, Integer> slots = new HashMap<>();
  private final Lookup touching = new Lookup();
  private final Lookup starting = new Lookup();
  private final Map<ActivePattern, Touch> touches = new IdentityHashMap<>();
  private final Map<String, ActivePattern> byStateKey = new HashMap<>();
  private final Map<ActivePattern, Integer> order = new IdentityHashMap<>();
  private final Map<ActivePattern, IndexHint> startHints = new IdentityHashMap<>();

  PatternIndex(Collection<ActivePattern> patterns) {
    // how many values each attribute takes in the tenant's first steps: starts are indexed by the
    // attribute that spreads the patterns most thinly (a pattern starting on (and (= type "A")
    // (= code 7)) goes under code when codes tell the patterns apart better than types)
    Map<String, Set<String>> spread = new HashMap<>();
    for (ActivePattern p : patterns) {
      for (IndexHint h : p.compiled().startHints()) {
        spread.computeIfAbsent(h.attribute(), a -> new HashSet<>()).addAll(h.values());
      }
    }
    for (ActivePattern p : patterns) {
      order.put(p, order.size());
      byStateKey.put(p.stateKey(), p);
      IndexHint touch = p.compiled().indexHint();
      Touch t =
          touch == null
              ? new Touch(-1, null, p.compiled().touches())
              : new Touch(slot(touch.attribute()), touch, null);
      touches.put(p, t);
      touching.add(p, touch, p.compiled().touches(), t.slot(), false);
      IndexHint start = widest(p.compiled().startHints(), spread);
      startHints.put(p, start);
      if (start != null) {
        // the first step's own predicates decide: no need to ask the NFA
        starting.add(p, start, null, slot(start.attribute()), false);
      } else {
        // found as for touching, then the NFA's start says whether the event starts it
        starting.add(p, touch, p.compiled().touches(), t.slot(), true);
      }
    }
  }

  /** The hint whose attribute takes the most values across the tenant, or null if none. */
  private static IndexHint widest(List<IndexHint> hints, Map<String, Set<String>> spread) {
    IndexHint widest = null;
    for (IndexHint h : hints) {
      if (widest == null
          || spread.get(h.attribute()).size() > spread.get(widest.attribute()).size()) {
        widest = h;
      }
    }
    return widest;
  }

  /** The values of an event's indexed attributes, each read when first needed. */
  final class Probe {
    private final CustomerEvent event;
    private final String[] values = new String[attributes.size()];
    private final boolean[] read = new boolean[attributes.size()];

    private Probe(CustomerEvent event) {
      this.event = event;
    }

    private String value(int slot) {
      if (!read[slot]) {
        values[slot] = IndexValue.ofNode(attributes.get(slot).read(event.attributes()));
        read[slot] = true;
      }
      return values[slot];
    }
  }

  Probe probe(CustomerEvent event) {
    return new Probe(event);
  }

  /** False only when the event certainly touches none of the patterns. */
  boolean mayTouch(Probe e) {
    return touching.mayHit(e);
  }

  /** The active pattern whose state is kept under this key, or null (a pattern since changed). */
  ActivePattern byStateKey(String stateKey) {
    return byStateKey.get(stateKey);
  }

  /** Whether the event satisfies some event predicate of the pattern. */
  boolean touches(ActivePattern p, Probe e) {
    Touch t = touches.get(p);
    if (t.hint() == null) {
      return t.predicate().test(e.event.attributes());
    }
    String v = e.value(t.slot());
    if (v == null || !t.hint().values().contains(v)) {
      return false;
    }
    EventPredicate residual = t.hint().residual(v);
    return residual == null || residual.test(e.event.attributes());
  }

  /** Adds to {@code out} the patterns the event can start that are not in it yet. */
  void addStartedBy(Probe e, List<ActivePattern> out) {
    starting.hits(e, out);
  }

  /** The hint a pattern's starts are indexed by, or null when the NFA's start is asked. */
  IndexHint startHint(ActivePattern p) {
    return startHints.get(p);
  }

  /** Puts patterns in the order they were given to the index (the tenant's). */
  void sort(List<ActivePattern> patterns) {
    if (patterns.size() > 1) {
      patterns.sort(Comparator.comparingInt(order::get));
    }
  }

  private int slot(String attribute) {
    return slots.computeIfAbsent(
        attribute,
        a -> {
          attributes.add(new AttributePath(a));
          return attributes.size() - 1;
        });
  }

  /** How a pattern is touched: through its hint's attribute, or by its whole predicate. */
  private record Touch(int slot, IndexHint hint, EventPredicate predicate) {}

  /**
   * A pattern listed under a value, with the test left for an event under that value: the
   * predicates that allow the value (null when the value alone decides), and whether the NFA's
   * start must then be asked.
   */
  private record Candidate(ActivePattern pattern, EventPredicate residual, boolean askStart) {}

  /** Patterns by attribute value, and those that must be tested whole. */
  private final class Lookup {
    private final Map<Integer, Map<String, List<Candidate>>> byValue = new HashMap<>();
    private final List<Candidate> unindexed = new ArrayList<>();
    private int[] indexedSlots = new int[0];

    void add(ActivePattern p, IndexHint hint, EventPredicate whole, int slot, boolean askStart) {
      if (hint == null) {
        unindexed.add(new Candidate(p, whole, askStart));
        return;
      }
      Map<String, List<Candidate>> values =
          byValue.computeIfAbsent(
              slot,
              s -> {
                indexedSlots = java.util.Arrays.copyOf(indexedSlots, indexedSlots.length + 1);
                indexedSlots[indexedSlots.length - 1] = s;
                return new HashMap<>();
              });
      for (String v : hint.values()) {
        values
            .computeIfAbsent(v, x -> new ArrayList<>())
            .add(new Candidate(p, hint.residual(v), askStart));
      }
    }

    boolean mayHit(Probe e) {
      if (!unindexed.isEmpty()) {
        return true;
      }
      for (int slot : indexedSlots) {
        String v = e.value(slot);
        if (v != null && byValue.get(slot).containsKey(v)) {
          return true;
        }
      }
      return false;
    }

    void hits(Probe e, List<ActivePattern> out) {
      JsonNode attributes = e.event.attributes();
      for (int slot : indexedSlots) {
        String v = e.value(slot);
        if (v == null) {
          continue;
        }
        List<Candidate> candidates = byValue.get(slot).get(v);
        if (candidates != null) {
          for (Candidate c : candidates) {
            offer(c, c.residual() == null || c.residual().test(attributes), e, out);
          }
        }
      }
      for (Candidate c : unindexed) {
        offer(c, c.residual().test(attributes), e, out);
      }
    }

    private void offer(Candidate c, boolean passes, Probe e, List<ActivePattern> out) {
      if (passes
          && (!c.askStart() || c.pattern().canStart(e.event))
          && !out.contains(c.pattern())) {
        out.add(c.pattern());
      }
    }
  }
}
