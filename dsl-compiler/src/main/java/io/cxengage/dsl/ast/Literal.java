package io.cxengage.dsl.ast;

import java.io.Serializable;
import java.math.BigDecimal;

/** A literal value of a predicate: a string, a number, a boolean or nil. */
public sealed interface Literal extends Serializable {

  /** The text a string comparison uses. */
  String text();

  record Text(String value) implements Literal {
    public String text() {
      return value;
    }
  }

  /** A number with the text it was written as. */
  record Number(BigDecimal value, String written) implements Literal {
    public String text() {
      return written;
    }
  }

  record Bool(boolean value) implements Literal {
    public String text() {
      return String.valueOf(value);
    }
  }

  /** {@code nil}: equals a missing or null attribute. */
  record Nil() implements Literal {
    public String text() {
      return "nil";
    }
  }
}
