package io.cxengage.dsl;

import java.io.Serializable;

/**
 * One problem found in a pattern: which field ({@code when} or {@code then}), where (1-based line
 * and column of the offending token) and what is wrong, with what to do where that helps.
 */
public record DslError(String field, int line, int column, String message) implements Serializable {

  /** The error as the command line prints it: {@code field line:column message}. */
  public String toCliLine() {
    return field + " " + line + ":" + column + " " + message;
  }

  @Override
  public String toString() {
    return field + ": line " + line + ", column " + column + ": " + message;
  }
}
