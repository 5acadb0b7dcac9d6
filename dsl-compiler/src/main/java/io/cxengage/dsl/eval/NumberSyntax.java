package io.cxengage.dsl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Recognises JSON number syntax in strings ({@code -2}, {@code 0.5}, {@code 1e3}) without regexes.
 */
final class NumberSyntax {

  private NumberSyntax() {}

  static boolean isJsonNumber(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && s.charAt(i) == '-') {
      i++;
    }
    if (i >= n) {
      return false;
    }
    if (s.charAt(i) == '0') {
      i++;
    } else if (isDigit(s.charAt(i))) {
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
    } else {
      return false;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      int start = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        return false;
      }
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int start = i;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        return false;
      }
    }
    return i == n;
  }

  /**
   * The value of a string in JSON number syntax, or null when it is not one or lies beyond what
   * {@link BigDecimal} holds (an exponent past 32 bits, such as {@code 1e99999999999}): such a
   * string compares as a string, like any other.
   */
  static BigDecimal parse(String s) {
    if (!isJsonNumber(s)) {
      return null;
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The value of a JSON number, or null for the ones without a decimal value (NaN, infinities). */
  static BigDecimal decimal(JsonNode number) {
    if ((number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue())) {
      return null;
    }
    return number.decimalValue();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
