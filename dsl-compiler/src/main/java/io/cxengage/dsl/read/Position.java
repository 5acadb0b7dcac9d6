package io.cxengage.dsl.read;

import java.io.Serializable;

/** A place in a source text: 1-based line and column. */
public record Position(int line, int column) implements Serializable {

  public static final Position START = new Position(1, 1);

  @Override
  public String toString() {
    return "line " + line + ", column " + column;
  }
}
