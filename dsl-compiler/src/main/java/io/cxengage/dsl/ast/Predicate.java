package io.cxengage.dsl.ast;

import java.io.Serializable;
import java.util.List;

/** A checked predicate over one event's attributes (or, in {@code if}, the reaction context). */
public sealed interface Predicate extends Serializable {

  /** The comparison operators of dsl.md. */
  enum Op {
    EQ("="),
    NE("!="),
    GT(">"),
    GE(">="),
    LT("<"),
    LE("<=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  record Compare(Op op, String attribute, Literal value) implements Predicate {}

  /** Substring of a string attribute, or element (by the rules of =) of an array attribute. */
  record Contains(String attribute, Literal value) implements Predicate {}

  /** The attribute is present and not null. */
  record Exists(String attribute) implements Predicate {}

  record And(List<Predicate> all) implements Predicate {}

  record Or(List<Predicate> any) implements Predicate {}

  record Not(Predicate negated) implements Predicate {}
}
