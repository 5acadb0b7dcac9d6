package io.cxengage.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.ast.Trigger;
import io.cxengage.dsl.semantics.ReferenceMatcher;
import io.cxengage.job.cep.DynamicPatternOperator.Ordering;
import io.cxengage.job.model.MatchRecord;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Differential test of the whole matching path (compiler, Flink NFA, the operator around it)
 * against the reference reading of dsl.md: random patterns of every form over random event streams
 * of one customer must fire at the same times, with the same first and last events.
 */
class EngineMatchesReferenceProperties {

  @Property(tries = 300, seed = "42")
  void engineAgreesWithTheReference(@ForAll("cases") Tuple.Tuple2<String, List<String>> c)
      throws Exception {
    String when = c.get1();
    List<String> types = c.get2();
    Trigger trigger = PatternLanguage.checkWhen(when).orThrow();
    List<ReferenceMatcher.Input> inputs = new ArrayList<>();
    long ts = 1_767_603_600_000L;
    for (int i = 0; i < types.size(); i++) {
      ts += 1000L * (1 + (i * 7) % 3);
      ObjectNode attrs =
          JsonNodeFactory.instance.objectNode().put("type", types.get(i)).put("id", "k");
      inputs.add(new ReferenceMatcher.Input("e" + i, ts, attrs));
    }
    List<String> expected = new ArrayList<>();
    for (ReferenceMatcher.Match m : new ReferenceMatcher(trigger).run(inputs)) {
      expected.add(
          m.at()
              + " "
              + m.events().get(0).id()
              + ".."
              + m.events().get(m.events().size() - 1).id());
    }
    List<String> actual = new ArrayList<>();
    try (CepHarness h = new CepHarness(Ordering.EVENT_TIME)) {
      h.pattern("PT1", when);
      for (ReferenceMatcher.Input in : inputs) {
        h.event("k", in.timestamp(), in.attributes().toString());
      }
      h.finish();
      for (MatchRecord m : h.matches()) {
        actual.add(
            m.at()
                + " "
                + m.events().get(0).id()
                + ".."
                + m.events().get(m.events().size() - 1).id());
      }
    }
    assertThat(actual).as("%s over %s", when, types).isEqualTo(expected);
  }

  @Provide
  Arbitrary<Tuple.Tuple2<String, List<String>>> cases() {
    Arbitrary<List<String>> events = Arbitraries.of("A", "B", "C").list().ofMinSize(1).ofMaxSize(9);
    return Combinators.combine(root(), events).as(Tuple::of);
  }

  private Arbitrary<String> root() {
    Arbitrary<String> plain = trigger(3);
    Arbitrary<String> windowed =
        Combinators.combine(Arbitraries.of(2, 3, 5), trigger(3))
            .as((w, t) -> "(within " + w + " seconds " + t + ")");
    Arbitrary<String> withFail =
        Combinators.combine(Arbitraries.of("seq", "all"), trigger(2), trigger(2), event())
            .as((g, a, b, f) -> "(" + g + " " + a + " " + b + " (fail " + f + "))");
    Arbitrary<String> withAbsent =
        Combinators.combine(trigger(2), Arbitraries.of(2, 4), event())
            .as((a, n, x) -> "(seq " + a + " (absent " + n + " seconds " + x + "))");
    return Arbitraries.frequencyOf(
        Tuple.of(4, plain), Tuple.of(2, windowed), Tuple.of(1, withFail), Tuple.of(1, withAbsent));
  }

  private Arbitrary<String> event() {
    return Arbitraries.of("A", "B", "C").map(t -> "(event (= type \"" + t + "\"))");
  }

  private Arbitrary<String> trigger(int depth) {
    if (depth == 0) {
      return event();
    }
    Arbitrary<String> child = Arbitraries.lazy(() -> trigger(depth - 1));
    return Arbitraries.frequencyOf(
        Tuple.of(3, event()),
        Tuple.of(
            1,
            Combinators.combine(Arbitraries.integers().between(1, 3), child)
                .as((n, t) -> "(count " + n + " " + t + ")")),
        Tuple.of(1, Combinators.combine(child, child).as((a, b) -> "(seq " + a + " " + b + ")")),
        Tuple.of(1, Combinators.combine(child, child).as((a, b) -> "(all " + a + " " + b + ")")),
        Tuple.of(
            1,
            Combinators.combine(Arbitraries.of("seq", "all"), child, child, event())
                .as((g, a, b, f) -> "(" + g + " " + a + " " + b + " (fail " + f + "))")),
        Tuple.of(1, Combinators.combine(child, child).as((a, b) -> "(any " + a + " " + b + ")")),
        Tuple.of(
            1,
            Combinators.combine(Arbitraries.of(2, 4), child)
                .as((w, t) -> "(within " + w + " seconds " + t + ")")));
  }
}
