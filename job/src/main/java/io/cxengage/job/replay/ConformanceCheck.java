package io.cxengage.job.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import io.cxengage.connectors.records.ReactionRecord;
import io.cxengage.dsl.DslError;
import io.cxengage.dsl.PatternLanguage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a case passes: for error cases, saving its patterns gives each expected error;
 * for the others, the reactions of a replay match the expected ones as a multiset (each expected
 * reaction needs its own actual one with equal values of the fields it names, {@code at} compared
 * as instants; none may be left over).
 */
public final class ConformanceCheck {

  /** The verdict: pass, or why not. */
  public record Verdict(String name, boolean passed, String why) {}

  private ConformanceCheck() {}

  public static Verdict check(ConformanceCase c) throws Exception {
    String name = c.name();
    if (c.expectsErrors()) {
      List<DslError> errors = new ArrayList<>();
      for (ConformanceCase.CasePattern p : c.patterns()) {
        errors.addAll(PatternLanguage.validate(p.when(), p.then(), c.templatesOrEmpty().keySet()));
      }
      for (ConformanceCase.ExpectedError e : c.expectErrors()) {
        boolean found =
            errors.stream()
                .anyMatch(
                    a ->
                        a.field().equals(e.field())
                            && (e.line() == null || a.line() == e.line())
                            && (e.column() == null || a.column() == e.column()));
        if (!found) {
          return new Verdict(
              name,
              false,
              "no error at " + e.field() + " " + e.line() + ":" + e.column() + "; got " + errors);
        }
      }
      return new Verdict(name, true, null);
    }
    for (ConformanceCase.CasePattern p : c.patterns()) {
      List<DslError> errors =
          PatternLanguage.validate(p.when(), p.then(), c.templatesOrEmpty().keySet());
      if (!errors.isEmpty() && Boolean.TRUE.equals(p.status())) {
        return new Verdict(name, false, "pattern " + p.id() + " is refused: " + errors);
      }
    }
    Replay.Result result = Replay.run(c);
    return compare(name, c.expect() == null ? List.of() : c.expect(), result.reactions());
  }

  static Verdict compare(String name, List<ObjectNode> expected, List<ReactionRecord> actual) {
    List<ObjectNode> left = new ArrayList<>();
    for (ReactionRecord r : actual) {
      left.add(Json.mapper().valueToTree(r));
    }
    for (ObjectNode e : expected) {
      Iterator<ObjectNode> it = left.iterator();
      boolean matched = false;
      while (it.hasNext()) {
        if (matches(e, it.next())) {
          it.remove();
          matched = true;
          break;
        }
      }
      if (!matched) {
        return new Verdict(name, false, "expected " + e + " but got " + actualSummary(actual));
      }
    }
    if (!left.isEmpty()) {
      return new Verdict(name, false, "unexpected " + left);
    }
    return new Verdict(name, true, null);
  }

  static boolean matches(ObjectNode expected, ObjectNode actual) {
    Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode a = actual.get(f.getKey());
      if (a == null) {
        return false;
      }
      if (f.getKey().equals("at")) {
        if (!Instant.parse(f.getValue().asText()).equals(Instant.parse(a.asText()))) {
          return false;
        }
      } else if (!f.getValue().equals(a)) {
        return false;
      }
    }
    return true;
  }

  private static String actualSummary(List<ReactionRecord> actual) {
    List<String> lines = new ArrayList<>();
    for (ReactionRecord r : actual) {
      lines.add(
          r.pattern()
              + " "
              + r.key()
              + " "
              + r.integration()
              + " "
              + r.params()
              + " "
              + r.status()
              + " "
              + r.at());
    }
    return lines.toString();
  }
}
