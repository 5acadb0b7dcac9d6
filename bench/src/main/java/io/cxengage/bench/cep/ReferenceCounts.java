package io.cxengage.bench.cep;

import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.ast.Trigger;
import io.cxengage.dsl.compile.IndexHint;
import io.cxengage.dsl.compile.PatternCompiler;
import io.cxengage.dsl.eval.AttributePath;
import io.cxengage.dsl.eval.EventPredicate;
import io.cxengage.dsl.eval.IndexValue;
import io.cxengage.dsl.semantics.ReferenceMatcher;
import io.cxengage.job.model.RoutedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The matches that dsl.md's reference reading ({@link ReferenceMatcher}, the oracle the engine is
 * tested against) finds in a workload's stream, without Flink: the number every engine should print
 * next to its throughput. Per pattern, only the events that can touch it are given to the matcher,
 * key by key (with relaxed contiguity and no {@code fail}, other events change nothing).
 */
public final class ReferenceCounts {

  private ReferenceCounts() {}

  /** The matches of the workload's patterns in {@code events}. */
  public static long count(Workload workload, RoutedEvent[] events) {
    // the bench patterns are all pinned to values of one attribute: group the events by it once
    Map<String, Map<String, List<Integer>>> byAttributeValue = new HashMap<>();
    long total = 0;
    for (String when : workload.whens()) {
      Trigger trigger = PatternLanguage.checkWhen(when).orThrow();
      var compiled = PatternCompiler.compile(trigger);
      List<Integer> candidates = candidates(compiled.indexHint(), events, byAttributeValue);
      EventPredicate touches = compiled.touches();
      Map<String, List<ReferenceMatcher.Input>> byKey = new LinkedHashMap<>();
      for (int i : candidates) {
        RoutedEvent e = events[i];
        if (touches.test(e.event().attributes())) {
          byKey
              .computeIfAbsent(e.key(), k -> new ArrayList<>())
              .add(
                  new ReferenceMatcher.Input(
                      e.event().id(), e.event().timestamp(), e.event().attributes()));
        }
      }
      ReferenceMatcher matcher = new ReferenceMatcher(trigger);
      for (List<ReferenceMatcher.Input> inputs : byKey.values()) {
        total += matcher.run(inputs).size();
      }
    }
    return total;
  }

  /** The indexes of the events that may touch a pattern with this hint, in stream order. */
  private static List<Integer> candidates(
      IndexHint hint,
      RoutedEvent[] events,
      Map<String, Map<String, List<Integer>>> byAttributeValue) {
    if (hint == null) {
      List<Integer> all = new ArrayList<>(events.length);
      for (int i = 0; i < events.length; i++) {
        all.add(i);
      }
      return all;
    }
    Map<String, List<Integer>> byValue =
        byAttributeValue.computeIfAbsent(
            hint.attribute(),
            a -> {
              AttributePath path = new AttributePath(a);
              Map<String, List<Integer>> out = new HashMap<>();
              for (int i = 0; i < events.length; i++) {
                String v = IndexValue.ofNode(path.read(events[i].event().attributes()));
                if (v != null) {
                  out.computeIfAbsent(v, x -> new ArrayList<>()).add(i);
                }
              }
              return out;
            });
    List<Integer> out = new ArrayList<>();
    for (String v : hint.values()) {
      out.addAll(byValue.getOrDefault(v, List.of()));
    }
    out.sort(null);
    return out;
  }
}
