package io.cxengage.dsl.check;

import io.cxengage.dsl.DslError;
import io.cxengage.dsl.DslException;
import java.util.List;

/** What a check made: the checked value, or the errors that prevented it. */
public record CheckResult<T>(T value, List<DslError> errors) {

  static <T> CheckResult<T> ok(T value) {
    return new CheckResult<>(value, List.of());
  }

  static <T> CheckResult<T> failed(List<DslError> errors) {
    return new CheckResult<>(null, List.copyOf(errors));
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  /** The value, or a {@link DslException} with every error. */
  public T orThrow() {
    if (!ok()) {
      throw new DslException(errors);
    }
    return value;
  }
}
