package io.cxengage.dsl.check;

import io.cxengage.dsl.DslError;
import io.cxengage.dsl.read.Position;
import io.cxengage.dsl.read.SExpr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** The errors of one field being checked, with the small checks every form shares. */
final class Diagnostics {

  private static final BigDecimal HALF_A_MILLISECOND = new BigDecimal("0.5");

  final String field;
  final List<DslError> errors = new ArrayList<>();

  Diagnostics(String field) {
    this.field = field;
  }

  void error(Position at, String message) {
    errors.add(new DslError(field, at.line(), at.column(), message));
  }

  void error(SExpr at, String message) {
    error(at.position(), message);
  }

  /**
   * Reads {@code N unit} from two arguments: a positive number and a unit. Returns the length in
   * milliseconds, or -1 (with an error) when either is wrong.
   */
  long duration(String form, SExpr amount, SExpr unit) {
    long unitMillis = -1;
    if (unit instanceof SExpr.SSymbol s) {
      Long ms = TimeUnits.MILLIS.get(s.name());
      if (ms == null) {
        error(
            s,
            "unknown time unit '"
                + s.name()
                + "'"
                + Suggestions.hint(s.name(), TimeUnits.MILLIS.keySet())
                + "; use second(s), minute(s), hour(s) or day(s)");
      } else {
        unitMillis = ms;
      }
    } else {
      error(unit, form + " expects a time unit such as minutes here, not " + unit.describe());
    }
    BigDecimal n = null;
    if (amount instanceof SExpr.SNumber num) {
      if (num.value().signum() <= 0) {
        error(num, form + " needs a positive length, not " + num.text());
      } else {
        n = num.value();
      }
    } else {
      error(amount, form + " expects a length such as 5 here, not " + amount.describe());
    }
    if (n == null || unitMillis < 0) {
      return -1;
    }
    BigDecimal millis = n.multiply(BigDecimal.valueOf(unitMillis));
    if (millis.compareTo(BigDecimal.valueOf(TimeUnits.MAX_MILLIS)) > 0) {
      error(amount, form + " is longer than 366 days; the longest allowed is 366 days");
      return -1;
    }
    // Checked before rounding: rounding 1e-999999999 to whole milliseconds would compute a power
    // of ten with a billion digits. What rounds to 0 ms is refused, what is left has few decimals.
    if (millis.compareTo(HALF_A_MILLISECOND) < 0) {
      error(amount, form + " is shorter than a millisecond");
      return -1;
    }
    return millis.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
  }

  /** Reports a wrong number of arguments at the operator symbol. */
  boolean arity(SExpr.SList list, int min, int max, String usage) {
    int n = list.args().size();
    if (n < min || n > max) {
      error(list.head(), "'" + list.head().name() + "' takes " + usage + "; got " + n);
      return false;
    }
    return true;
  }
}
