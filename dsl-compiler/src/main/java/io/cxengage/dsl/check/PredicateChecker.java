package io.cxengage.dsl.check;

import io.cxengage.dsl.ast.Literal;
import io.cxengage.dsl.ast.Predicate;
import io.cxengage.dsl.read.SExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks predicates ({@code (= attr value)}, {@code and}, ...). In {@code when} the attribute is a
 * symbol or a string; in the {@code if} of {@code then} it may also be a {@code *ref*}.
 */
final class PredicateChecker {

  private static final Map<String, Predicate.Op> COMPARISONS =
      Map.of(
          "=", Predicate.Op.EQ,
          "!=", Predicate.Op.NE,
          ">", Predicate.Op.GT,
          ">=", Predicate.Op.GE,
          "<", Predicate.Op.LT,
          "<=", Predicate.Op.LE);

  /** In a fixed order: it decides between equally close names in "did you mean" hints. */
  private static final List<String> NAMES =
      List.of("=", "!=", ">", ">=", "<", "<=", "contains", "exists", "and", "or", "not");

  private final Diagnostics diagnostics;
  private final boolean refsAllowed;

  PredicateChecker(Diagnostics diagnostics, boolean refsAllowed) {
    this.diagnostics = diagnostics;
    this.refsAllowed = refsAllowed;
  }

  /** The predicate, or null when it has errors (which are recorded). */
  Predicate check(SExpr expr) {
    if (!(expr instanceof SExpr.SList list) || list.head() == null) {
      diagnostics.error(
          expr,
          "expected a predicate such as (= type \"login\"), not "
              + (expr instanceof SExpr.SList l && l.items().isEmpty() ? "()" : expr.describe()));
      return null;
    }
    String op = list.head().name();
    Predicate.Op comparison = COMPARISONS.get(op);
    if (comparison != null) {
      if (!diagnostics.arity(list, 2, 2, "an attribute and a value")) {
        return null;
      }
      String attr = attribute(list.args().get(0));
      Literal value =
          literal(
              list.args().get(1), comparison == Predicate.Op.EQ || comparison == Predicate.Op.NE);
      return attr == null || value == null ? null : new Predicate.Compare(comparison, attr, value);
    }
    switch (op) {
      case "contains" -> {
        if (!diagnostics.arity(list, 2, 2, "an attribute and a value")) {
          return null;
        }
        String attr = attribute(list.args().get(0));
        Literal value = literal(list.args().get(1), false);
        return attr == null || value == null ? null : new Predicate.Contains(attr, value);
      }
      case "exists" -> {
        if (!diagnostics.arity(list, 1, 1, "one attribute")) {
          return null;
        }
        String attr = attribute(list.args().get(0));
        return attr == null ? null : new Predicate.Exists(attr);
      }
      case "and", "or" -> {
        if (!diagnostics.arity(list, 1, Integer.MAX_VALUE, "one or more predicates")) {
          return null;
        }
        List<Predicate> parts = new ArrayList<>();
        boolean ok = true;
        for (SExpr arg : list.args()) {
          Predicate p = check(arg);
          ok &= p != null;
          parts.add(p);
        }
        if (!ok) {
          return null;
        }
        return op.equals("and")
            ? new Predicate.And(List.copyOf(parts))
            : new Predicate.Or(List.copyOf(parts));
      }
      case "not" -> {
        if (!diagnostics.arity(list, 1, 1, "one predicate")) {
          return null;
        }
        Predicate p = check(list.args().get(0));
        return p == null ? null : new Predicate.Not(p);
      }
      default -> {
        diagnostics.error(
            list.head(), "unknown predicate '" + op + "'" + Suggestions.hint(op, NAMES));
        return null;
      }
    }
  }

  private String attribute(SExpr expr) {
    if (expr instanceof SExpr.SSymbol s) {
      return validPath(s, s.name());
    }
    if (expr instanceof SExpr.SString s) {
      return validPath(s, s.value());
    }
    if (expr instanceof SExpr.SRef r) {
      if (refsAllowed) {
        return r.name();
      }
      diagnostics.error(
          r, "a *reference* belongs in then; in when name the attribute: " + r.name());
      return null;
    }
    diagnostics.error(expr, "expected an attribute name such as type, not " + expr.describe());
    return null;
  }

  private String validPath(SExpr at, String path) {
    if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
      diagnostics.error(
          at, "'" + path + "' is not an attribute name; nested attributes read a.b.c");
      return null;
    }
    return path;
  }

  private Literal literal(SExpr expr, boolean nilAllowed) {
    if (expr instanceof SExpr.SString s) {
      return new Literal.Text(s.value());
    }
    if (expr instanceof SExpr.SNumber n) {
      return new Literal.Number(n.value(), n.text());
    }
    if (expr instanceof SExpr.SBool b) {
      return new Literal.Bool(b.value());
    }
    if (expr instanceof SExpr.SNil) {
      if (nilAllowed) {
        return new Literal.Nil();
      }
      diagnostics.error(expr, "nil can only be compared with = or !=");
      return null;
    }
    if (expr instanceof SExpr.SSymbol s) {
      diagnostics.error(
          s,
          "expected a value (a string, number, true, false or nil), not the symbol '"
              + s.name()
              + "'; did you mean \""
              + s.name()
              + "\"?");
      return null;
    }
    diagnostics.error(
        expr, "expected a value (a string, number, true, false or nil), not " + expr.describe());
    return null;
  }
}
