package io.cxengage.dsl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.dsl.ast.Literal;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * The comparison rules of dsl.md for one literal, prepared once: numbers compare as numbers when
 * both sides are numeric (a JSON number, or a string in JSON number syntax), booleans equal only
 * JSON booleans, nil equals a missing or null attribute, an object or an array equals no literal,
 * everything else compares as exact strings (ordering by code point). {@link IndexValue} must agree
 * with {@link #equalTo}.
 */
final class Comparison implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Literal literal;
  private final String text;
  private final BigDecimal number;
  private final boolean integral;
  private final long longValue;

  Comparison(Literal literal) {
    this.literal = literal;
    // A number literal the reader accepts outside JSON syntax (+5, 007) stands for its value: as a
    // string it reads as that value's JSON text, which no non-numeric string can equal.
    this.text =
        literal instanceof Literal.Number n && !NumberSyntax.isJsonNumber(n.written())
            ? n.value().toString()
            : literal.text();
    if (literal instanceof Literal.Number n) {
      this.number = n.value();
    } else if (literal instanceof Literal.Text t) {
      this.number = NumberSyntax.parse(t.value());
    } else {
      this.number = null;
    }
    boolean fitsLong = false;
    long lv = 0;
    if (number != null && number.stripTrailingZeros().scale() <= 0) {
      try {
        lv = number.longValueExact();
        fitsLong = true;
      } catch (ArithmeticException e) {
        fitsLong = false;
      }
    }
    this.integral = fitsLong;
    this.longValue = lv;
  }

  /** {@code =}: {@code value} is the attribute's value, null when missing or null. */
  boolean equalTo(JsonNode value) {
    if (literal instanceof Literal.Nil) {
      return value == null;
    }
    if (value == null || value.isContainerNode()) {
      // an object or array equals no literal: its text is not as written, and it cannot be indexed
      return false;
    }
    if (literal instanceof Literal.Bool b) {
      return value.isBoolean() && value.booleanValue() == b.value();
    }
    if (number != null) {
      int c = numericCompare(value);
      if (c != NOT_NUMERIC) {
        return c == 0;
      }
    }
    if (value.isTextual()) {
      return value.textValue().equals(text);
    }
    return asText(value).equals(text);
  }

  /**
   * The order of the attribute against the literal (negative, zero, positive), or {@link #ABSENT}
   * when the attribute is missing.
   */
  int compareTo(JsonNode value) {
    if (value == null) {
      return ABSENT;
    }
    if (number != null) {
      int c = numericCompare(value);
      if (c != NOT_NUMERIC) {
        return c;
      }
    }
    return Integer.signum(
        compareCodePoints(value.isTextual() ? value.textValue() : asText(value), text));
  }

  /** Whether the attribute, a string, contains the literal's text. */
  String text() {
    return text;
  }

  static final int ABSENT = Integer.MIN_VALUE;
  private static final int NOT_NUMERIC = Integer.MIN_VALUE + 1;

  private int numericCompare(JsonNode value) {
    if (value.isIntegralNumber() && integral && value.canConvertToLong()) {
      return Long.compare(value.longValue(), longValue);
    }
    BigDecimal other =
        value.isNumber()
            ? NumberSyntax.decimal(value)
            : value.isTextual() ? NumberSyntax.parse(value.textValue()) : null;
    return other == null ? NOT_NUMERIC : Integer.signum(other.compareTo(number));
  }

  static String asText(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isValueNode()) {
      return value.asText();
    }
    return value.toString();
  }

  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
