package io.cxengage.job.cep;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.dsl.compile.IndexHint;
import io.cxengage.dsl.eval.AttributePath;
import io.cxengage.dsl.eval.EventPredicate;
import io.cxengage.dsl.eval.IndexValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the patterns of a tenant that an event can touch, without testing them all: patterns whose
 * predicates pin an attribute to known values are found by the event's value of that attribute; the
 * others are always candidates. Candidates are then tested with their own predicates, so the index
 * may only ever err on the side of offering too much.
 */
final class PatternIndex {

  private final Map<String, AttributePath> paths = new LinkedHashMap<>();
  private final Map<String, Map<String, List<Candidate>>> byValue = new HashMap<>();
  private final List<ActivePattern> unindexed = new ArrayList<>();

  PatternIndex(Collection<ActivePattern> patterns) {
    for (ActivePattern p : patterns) {
      IndexHint hint = p.compiled().indexHint();
      if (hint == null) {
        unindexed.add(p);
        continue;
      }
      paths.computeIfAbsent(hint.attribute(), AttributePath::new);
      Map<String, List<Candidate>> values =
          byValue.computeIfAbsent(hint.attribute(), a -> new HashMap<>());
      for (String v : hint.values()) {
        values.computeIfAbsent(v, x -> new ArrayList<>()).add(new Candidate(p, hint.residual(v)));
      }
    }
  }

  /**
   * A pattern listed under a value, with the test left for an event under that value: the
   * predicates that allow the value (null when the value alone touches the pattern).
   */
  private record Candidate(ActivePattern pattern, EventPredicate residual) {}

  /** The patterns the event touches, in a stable order (each at most once). */
  List<ActivePattern> touchedBy(JsonNode attributes) {
    List<ActivePattern> out = new ArrayList<>(4);
    for (var entry : paths.entrySet()) {
      String v = IndexValue.ofNode(entry.getValue().read(attributes));
      if (v == null) {
        continue;
      }
      List<Candidate> hits = byValue.get(entry.getKey()).get(v);
      if (hits != null) {
        for (Candidate c : hits) {
          if (!out.contains(c.pattern())
              && (c.residual() == null || c.residual().test(attributes))) {
            out.add(c.pattern());
          }
        }
      }
    }
    for (ActivePattern p : unindexed) {
      if (p.compiled().touches().test(attributes)) {
        out.add(p);
      }
    }
    return out;
  }
}
