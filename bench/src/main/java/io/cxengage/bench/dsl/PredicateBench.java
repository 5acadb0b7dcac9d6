package io.cxengage.bench.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.json.Json;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.ast.Trigger;
import io.cxengage.dsl.eval.EventPredicate;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What testing one event against one predicate costs: {@link EventPredicate#test} over an event
 * parsed the way the job parses events (the project's {@link Json} mapper: decimals as BigDecimal).
 * Each predicate holds for the event, so every part of it is evaluated.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PredicateBench {

  static final String EVENT =
      "{\"id\":\"c42\",\"type\":\"flcheck\",\"customerSegment\":\"Gold\",\"amount\":1234.50,"
          + "\"visits\":17,\"user\":{\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"}},"
          + "\"tags\":[\"new\",\"early\",\"gold\",\"vip\"],\"email\":\"ann@example.com\","
          + "\"timestamp\":1767603600000}";

  @Param({
    "string-equals",
    "number-greater",
    "integer-at-least",
    "nested-attribute",
    "and-or",
    "contains-array",
    "contains-string"
  })
  public String predicate;

  private EventPredicate test;
  private JsonNode event;

  @Setup
  public void setUp() {
    Trigger.Event e = (Trigger.Event) PatternLanguage.checkWhen(source(predicate)).orThrow();
    test = EventPredicate.of(e.predicate());
    event = Json.tree(EVENT);
    if (!test.test(event)) {
      throw new IllegalStateException(predicate + " should hold for the event");
    }
  }

  /** The {@code (event ...)} of each measured predicate. */
  static String source(String name) {
    switch (name) {
      case "string-equals":
        return "(event (= type \"flcheck\"))";
      case "number-greater":
        return "(event (> amount 1000))";
      case "integer-at-least":
        return "(event (>= visits 10))";
      case "nested-attribute":
        return "(event (= user.address.city \"Oslo\"))";
      case "and-or":
        return "(event (and (= customerSegment \"Gold\")"
            + " (or (= type \"cnclTicket\") (= type \"flcheck\"))))";
      case "contains-array":
        return "(event (contains tags \"vip\"))";
      case "contains-string":
        return "(event (contains email \"@example.com\"))";
      default:
        throw new IllegalArgumentException(name);
    }
  }

  @Benchmark
  public boolean test() {
    return test.test(event);
  }
}
