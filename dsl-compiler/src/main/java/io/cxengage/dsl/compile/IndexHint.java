package io.cxengage.dsl.compile;

import io.cxengage.dsl.ast.Literal;
import io.cxengage.dsl.ast.Predicate;
import io.cxengage.dsl.eval.EventPredicate;
import io.cxengage.dsl.eval.IndexValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an event must hold to touch a pattern at all: one attribute and the set of its values (in
 * {@link IndexValue} form) that some predicate of the pattern requires. The engine keeps an index
 * from values to patterns, so an event is offered only to the patterns it can touch. A pattern
 * whose predicates do not all pin a common attribute has no hint and is offered every event.
 *
 * <p>An event found under a value in the index can only satisfy the predicates that allow that
 * value, so it is tested against those alone: its {@link #residual residual}. A value is exact,
 * with no residual to test, when some predicate is just {@code (= attribute value)} (normal forms
 * are equal exactly when {@code =} holds).
 */
public record IndexHint(
    String attribute, Set<String> values, Map<String, EventPredicate> residuals) {

  /** The test left for an event under {@code value}, or null when the value alone touches. */
  public EventPredicate residual(String value) {
    return residuals.get(value);
  }

  /** The values that touch the pattern by themselves. */
  public Set<String> exact() {
    Set<String> exact = new HashSet<>(values);
    exact.removeAll(residuals.keySet());
    return exact;
  }

  /** The hint of a pattern from all its event predicates, or null when there is none. */
  static IndexHint of(List<Predicate> predicates) {
    List<IndexHint> all = all(predicates);
    return all.isEmpty() ? null : all.get(0);
  }

  /**
   * A hint for each attribute that every predicate pins, the fewest values first (then by name):
   * the engine may prefer another, knowing how the attributes spread a tenant's patterns.
   */
  static List<IndexHint> all(List<Predicate> predicates) {
    Map<String, Set<String>> common = null;
    for (Predicate p : predicates) {
      Map<String, Set<String>> pins = pins(p);
      if (common == null) {
        common = new HashMap<>(pins);
      } else {
        common.keySet().retainAll(pins.keySet());
        for (var e : common.entrySet()) {
          Set<String> union = new HashSet<>(e.getValue());
          union.addAll(pins.get(e.getKey()));
          e.setValue(union);
        }
      }
      if (common.isEmpty()) {
        return List.of();
      }
    }
    if (common == null) {
      return List.of();
    }
    List<String> attributes = new ArrayList<>(common.keySet());
    Map<String, Set<String>> values = common;
    attributes.sort(
        Comparator.<String>comparingInt(a -> values.get(a).size())
            .thenComparing(Comparator.naturalOrder()));
    List<IndexHint> hints = new ArrayList<>();
    for (String attribute : attributes) {
      hints.add(on(attribute, values.get(attribute), predicates));
    }
    return List.copyOf(hints);
  }

  private static IndexHint on(String attribute, Set<String> values, List<Predicate> predicates) {
    Map<String, List<Predicate>> allowing = new HashMap<>();
    Set<String> exact = new HashSet<>();
    for (Predicate p : predicates) {
      for (String v : pins(p).get(attribute)) {
        allowing.computeIfAbsent(v, x -> new ArrayList<>()).add(p);
      }
      if (p instanceof Predicate.Compare c
          && c.op() == Predicate.Op.EQ
          && c.attribute().equals(attribute)) {
        String v = IndexValue.ofLiteral(c.value());
        if (v != null) {
          exact.add(v);
        }
      }
    }
    Map<String, EventPredicate> residuals = new HashMap<>();
    for (var e : allowing.entrySet()) {
      if (!exact.contains(e.getKey())) {
        residuals.put(
            e.getKey(),
            EventPredicate.anyOf(e.getValue().stream().map(EventPredicate::of).toList()));
      }
    }
    return new IndexHint(attribute, Set.copyOf(values), Map.copyOf(residuals));
  }

  /** The attributes a predicate pins to a finite set of values, with those values. */
  private static Map<String, Set<String>> pins(Predicate p) {
    if (p instanceof Predicate.Compare c && c.op() == Predicate.Op.EQ) {
      String v = c.value() instanceof Literal.Nil ? null : IndexValue.ofLiteral(c.value());
      return v == null ? Map.of() : Map.of(c.attribute(), Set.of(v));
    }
    if (p instanceof Predicate.And a) {
      Map<String, Set<String>> out = new HashMap<>();
      for (Predicate child : a.all()) {
        for (var e : pins(child).entrySet()) {
          out.merge(
              e.getKey(),
              e.getValue(),
              (x, y) -> {
                Set<String> both = new HashSet<>(x);
                both.retainAll(y);
                return both;
              });
        }
      }
      return out;
    }
    if (p instanceof Predicate.Or o) {
      Map<String, Set<String>> out = null;
      for (Predicate child : o.any()) {
        Map<String, Set<String>> pins = pins(child);
        if (out == null) {
          out = new HashMap<>(pins);
        } else {
          out.keySet().retainAll(pins.keySet());
          for (var e : out.entrySet()) {
            Set<String> union = new HashSet<>(e.getValue());
            union.addAll(pins.get(e.getKey()));
            e.setValue(union);
          }
        }
      }
      return out == null ? Map.of() : out;
    }
    return Map.of();
  }
}
