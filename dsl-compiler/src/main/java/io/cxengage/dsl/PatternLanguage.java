package io.cxengage.dsl;

import io.cxengage.dsl.ast.Trigger;
import io.cxengage.dsl.check.CheckResult;
import io.cxengage.dsl.check.ThenChecker;
import io.cxengage.dsl.check.WhenChecker;
import io.cxengage.dsl.plan.Reaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The entry point of the pattern language for the rest of the system: validate a pattern as the
 * admin API does when it is saved, or check each half to get its checked form.
 */
public final class PatternLanguage {

  private PatternLanguage() {}

  /** Checks a {@code when}: its trigger, or every error found. */
  public static CheckResult<Trigger> checkWhen(String when) {
    return WhenChecker.check(when);
  }

  /** Checks a {@code then} against the tenant's template ids: its plan, or every error found. */
  public static CheckResult<Reaction> checkThen(String then, Set<String> templateIds) {
    return ThenChecker.check(then, templateIds);
  }

  /** Every error of both halves, {@code when} first; empty when the pattern is valid. */
  public static List<DslError> validate(String when, String then, Set<String> templateIds) {
    List<DslError> errors = new ArrayList<>(checkWhen(when).errors());
    errors.addAll(checkThen(then, templateIds).errors());
    return errors;
  }

  /** The ids of the templates a {@code then} uses, even when it has other errors. */
  public static Set<String> templateReferences(String then) {
    return ThenChecker.templateReferences(then == null ? "" : then);
  }
}
