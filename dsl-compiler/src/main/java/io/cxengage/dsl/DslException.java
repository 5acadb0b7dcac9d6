package io.cxengage.dsl;

import java.util.List;
import java.util.stream.Collectors;

/** The one exception of this module: a pattern that cannot be read, checked or compiled. */
public class DslException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final transient List<DslError> errors;

  public DslException(List<DslError> errors) {
    super(errors.stream().map(DslError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<DslError> errors() {
    return errors;
  }
}
