package io.cxengage.bench.cep;

import io.cxengage.dsl.event.CustomerEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.Quantifier;
import org.apache.flink.cep.pattern.WithinType;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;

/**
 * The compiled pattern for Flink's static operator. The compiler leaves the skip strategy at {@code
 * noSkip} (the dynamic operator applies skip-past-last-event itself); the static operator gets the
 * same steps, conditions and window with Flink's {@code skipPastLastEvent}, so that both consume
 * matches alike and their match counts can be compared.
 */
final class StaticPatterns {

  private StaticPatterns() {}

  /**
   * The same chain of single-event steps with {@code skipPastLastEvent}; fails for anything else
   * (loops, times, until), which the bench does not need.
   */
  @SuppressWarnings("unchecked")
  static Pattern<CustomerEvent, ?> withSkipPastLastEvent(Pattern<CustomerEvent, ?> compiled) {
    Deque<Pattern<CustomerEvent, ?>> steps = new ArrayDeque<>();
    for (Pattern<CustomerEvent, ?> p = compiled; p != null; p = p.getPrevious()) {
      Quantifier q = p.getQuantifier();
      if (q.hasProperty(Quantifier.QuantifierProperty.LOOPING)
          || q.hasProperty(Quantifier.QuantifierProperty.TIMES)
          || p.getUntilCondition() != null) {
        throw new IllegalArgumentException(
            "only chains of single-event steps can be rebuilt, step '" + p.getName() + "' is " + q);
      }
      steps.addFirst(p);
    }
    AfterMatchSkipStrategy skip = AfterMatchSkipStrategy.skipPastLastEvent();
    Pattern<CustomerEvent, CustomerEvent> out = null;
    for (Pattern<CustomerEvent, ?> step : steps) {
      if (out == null) {
        out = Pattern.begin(step.getName(), skip);
      } else {
        out =
            switch (step.getQuantifier().getConsumingStrategy()) {
              case STRICT -> out.next(step.getName());
              case SKIP_TILL_NEXT -> out.followedBy(step.getName());
              case SKIP_TILL_ANY -> out.followedByAny(step.getName());
              default ->
                  throw new IllegalArgumentException(
                      "step '" + step.getName() + "' has an unsupported consuming strategy");
            };
      }
      out = out.where((IterativeCondition<CustomerEvent>) step.getCondition());
    }
    var window = compiled.getWindowSize(WithinType.FIRST_AND_LAST);
    return window.isPresent() ? out.within(window.get()) : out;
  }
}
