package io.cxengage.dsl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.dsl.ast.Literal;
import java.math.BigDecimal;

/**
 * The normal form under which an attribute value is indexed, chosen so that two values are equal by
 * the rules of {@code =} exactly when their normal forms are equal: numbers (and strings in number
 * syntax) become {@code n:} and their plain decimal value, everything else {@code s:} and its text.
 */
public final class IndexValue {

  private IndexValue() {}

  /** The normal form of a literal, or null for literals that are not indexed (booleans, nil). */
  public static String ofLiteral(Literal literal) {
    if (literal instanceof Literal.Number n) {
      return number(n.value());
    }
    if (literal instanceof Literal.Text t) {
      return text(t.value());
    }
    return null;
  }

  /** The normal form of an event's value; null for missing, null, objects and arrays. */
  public static String ofNode(JsonNode value) {
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    if (value.isNumber()) {
      return number(value.decimalValue());
    }
    if (value.isTextual()) {
      return text(value.textValue());
    }
    return "s:" + value.asText();
  }

  private static String text(String s) {
    return NumberSyntax.isJsonNumber(s) ? number(new BigDecimal(s)) : "s:" + s;
  }

  private static String number(BigDecimal n) {
    return "n:" + (n.signum() == 0 ? "0" : n.stripTrailingZeros().toPlainString());
  }
}
