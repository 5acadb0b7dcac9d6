package io.cxengage.dsl.read;

import io.cxengage.dsl.DslError;
import java.util.List;

/** The forms read from a source and the errors met on the way (possibly several). */
public record ReadResult(List<SExpr> forms, List<DslError> errors) {

  public boolean ok() {
    return errors.isEmpty();
  }
}
