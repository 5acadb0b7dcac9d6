package io.cxengage.dsl.read;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the reader makes of a source: lists, maps, vectors and atoms, each with the position of its
 * first character (the opening bracket for collections).
 */
public sealed interface SExpr {

  Position position();

  /** A short description for error messages ("a string", "a list", "the symbol 'x'"). */
  String describe();

  /** {@code ( ... )}. */
  record SList(List<SExpr> items, Position position) implements SExpr {
    public String describe() {
      return "a list";
    }

    /** The operator symbol of the list, or null when the list is empty or starts otherwise. */
    public SSymbol head() {
      return !items.isEmpty() && items.get(0) instanceof SSymbol s ? s : null;
    }

    public List<SExpr> args() {
      return items.isEmpty() ? List.of() : items.subList(1, items.size());
    }
  }

  /** {@code { :key value ... }}. Keys are usually keywords; the checker decides. */
  record SMap(List<Entry> entries, Position position) implements SExpr {
    public String describe() {
      return "a map";
    }

    /** One key and its value. */
    public record Entry(SExpr key, SExpr value) {}
  }

  /** {@code [ ... ]}. */
  record SVector(List<SExpr> items, Position position) implements SExpr {
    public String describe() {
      return "a vector";
    }
  }

  record SString(String value, Position position) implements SExpr {
    public String describe() {
      return "the string \"" + value + "\"";
    }
  }

  /** A number as written ({@code text}) and its value. */
  record SNumber(BigDecimal value, String text, Position position) implements SExpr {
    public String describe() {
      return "the number " + text;
    }

    public boolean isInteger() {
      return value.stripTrailingZeros().scale() <= 0;
    }
  }

  record SBool(boolean value, Position position) implements SExpr {
    public String describe() {
      return String.valueOf(value);
    }
  }

  record SNil(Position position) implements SExpr {
    public String describe() {
      return "nil";
    }
  }

  /** {@code :name}; {@code name} is without the colon. */
  record SKeyword(String name, Position position) implements SExpr {
    public String describe() {
      return "the keyword :" + name;
    }
  }

  record SSymbol(String name, Position position) implements SExpr {
    public String describe() {
      return "the symbol '" + name + "'";
    }
  }

  /** {@code *name*}: a reference into the reaction context; {@code name} is without stars. */
  record SRef(String name, Position position) implements SExpr {
    public String describe() {
      return "the reference *" + name + "*";
    }
  }

  /** {@code +TM1}: a stored template; {@code id} is without the plus. */
  record STemplateRef(String id, Position position) implements SExpr {
    public String describe() {
      return "the template reference +" + id;
    }
  }
}
