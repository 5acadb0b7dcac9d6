package io.cxengage.dsl.compile;

import io.cxengage.dsl.ast.Literal;
import io.cxengage.dsl.ast.Predicate;
import io.cxengage.dsl.eval.IndexValue;
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
 * <p>{@code exact} are the values that touch the pattern by themselves: some predicate of the
 * pattern is just {@code (= attribute value)}, so an event found under such a value in the index
 * needs no further test (normal forms are equal exactly when {@code =} holds).
 */
public record IndexHint(String attribute, Set<String> values, Set<String> exact) {

  /** The hint of a pattern from all its event predicates, or null when there is none. */
  static IndexHint of(List<Predicate> predicates) {
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
        return null;
      }
    }
    if (common == null) {
      return null;
    }
    String best = null;
    for (var e : common.entrySet()) {
      if (best == null
          || e.getValue().size() < common.get(best).size()
          || (e.getValue().size() == common.get(best).size() && e.getKey().compareTo(best) < 0)) {
        best = e.getKey();
      }
    }
    Set<String> exact = new HashSet<>();
    for (Predicate p : predicates) {
      if (p instanceof Predicate.Compare c
          && c.op() == Predicate.Op.EQ
          && c.attribute().equals(best)
          && !(c.value() instanceof Literal.Nil)
          && IndexValue.ofLiteral(c.value()) != null) {
        exact.add(IndexValue.ofLiteral(c.value()));
      }
    }
    return new IndexHint(best, Set.copyOf(common.get(best)), Set.copyOf(exact));
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
