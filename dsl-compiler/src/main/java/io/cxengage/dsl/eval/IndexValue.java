package io.cxengage.dsl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.dsl.ast.Literal;
import java.math.BigDecimal;

/**
 * The normal form under which an attribute value is indexed, chosen so that two values are equal by
 * the rules of {@code =} exactly when their normal forms are equal: numbers (and strings in number
 * syntax) become {@code n:} and their value without trailing zeros, everything else {@code s:} and
 * its text.
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
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return integer(value.longValue());
    }
    if (value.isNumber()) {
      BigDecimal n = NumberSyntax.decimal(value);
      return n == null ? "s:" + value.asText() : number(n);
    }
    if (value.isTextual()) {
      return text(value.textValue());
    }
    return "s:" + value.asText();
  }

  /**
   * The normal form of an integer, without a {@link BigDecimal} for most (every event's numeric
   * attributes are normalised): one that does not end in zero is its own digits.
   */
  static String integer(long value) {
    return value % 10 != 0 ? "n:" + value : number(BigDecimal.valueOf(value));
  }

  private static String text(String s) {
    BigDecimal n = NumberSyntax.parse(s);
    return n == null ? "s:" + s : number(n);
  }

  /**
   * Without trailing zeros, one value has one representation; {@code toString} keeps it as short as
   * it was written ({@code 1E+999999999}), where {@code toPlainString} would write out every digit.
   */
  private static String number(BigDecimal n) {
    return "n:" + (n.signum() == 0 ? "0" : n.stripTrailingZeros().toString());
  }
}
