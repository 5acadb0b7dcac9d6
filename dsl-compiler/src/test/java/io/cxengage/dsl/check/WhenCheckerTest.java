package io.cxengage.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.dsl.DslError;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.ast.Trigger;
import io.cxengage.dsl.compile.PatternCompiler;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of dsl.md section 2 as the checker applies them: message text and position. */
class WhenCheckerTest {
  /** Each error as {@code line:column message}; every one names the field when. */
  static List<String> errors(String when) {
    List<DslError> errors = PatternLanguage.checkWhen(when).errors();
    assertThat(errors).extracting(DslError::field).containsOnly("when");
    return errors.stream().map(e -> e.line() + ":" + e.column() + " " + e.message()).toList();
  }

  static Trigger accepted(String when) {
    Trigger t = PatternLanguage.checkWhen(when).orThrow();
    PatternCompiler.compile(t); // what the checker accepts, the compiler must take
    return t;
  }

  @Test
  void misspellingAsCloseToAnAliasAsToItsFormSuggestsTheForm() {
    // 'ithin' is one edit from both within and Within; the hint must not depend on hash order
    assertThat(errors("(ithin 1 hours (event (= a 1)))"))
        .containsExactly("1:2 unknown operator 'ithin' (did you mean 'within'?)");
    assertThat(errors("(WITHIN 1 hours (event (= a 1)))"))
        .containsExactly("1:2 unknown operator 'WITHIN' (did you mean 'within'?)");
  }

  @Test
  void unknownPredicateSuggestsTheClosest() {
    assertThat(errors("(event (contain tags \"gold\"))"))
        .containsExactly("1:9 unknown predicate 'contain' (did you mean 'contains'?)");
    assertThat(errors("(event (exist email))"))
        .containsExactly("1:9 unknown predicate 'exist' (did you mean 'exists'?)");
  }

  @Test
  void windowWithAHugeNegativeExponentIsRefusedAtOnce() {
    // Rounding it to whole milliseconds used to compute 10^999999996: the check did not return.
    long start = System.nanoTime();
    assertThat(errors("(within 1e-999999999 seconds (event (= a 1)))"))
        .containsExactly("1:9 within is shorter than a millisecond");
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }

  @Test
  void whenWrapperInsideAGroupIsTheSameAsItsContent() {
    // (when (fail ...)) as the last step used to be refused, though (when t) is the same as t
    Trigger.Seq seq = (Trigger.Seq) accepted("(seq (event (= a 1)) (when (fail (event (= x 1)))))");
    assertThat(seq.steps().get(1)).isInstanceOf(Trigger.Fail.class);
    Trigger.Seq withAbsent =
        (Trigger.Seq) accepted("(seq (event (= a 1)) (when (absent 1 hours (event (= b 1)))))");
    assertThat(withAbsent.steps().get(1)).isInstanceOf(Trigger.Absent.class);
  }

  @Test
  void absentAtTheEndOfASeqNestedInTheLastStepIsRefused() {
    // Used to be accepted, then PatternCompiler.compile threw IllegalArgumentException ("the
    // automaton cannot hold Absent"): the engine completes absences only for the outer seq.
    assertThat(
            errors("(seq (event (= a 1)) (seq (event (= b 1)) (absent 1 hours (event (= c 1)))))"))
        .containsExactly(
            "1:44 absent must be the last step of the pattern's outer seq:"
                + " (seq (event ...) (absent 1 hours (event ...)))");
  }

  @Test
  void absentLastOfTheOuterSeqThroughWrappersIsAccepted() {
    accepted("(seq (event (= type \"cart\")) (absent 1 hours (event (= type \"purchase\"))))");
    accepted("(within 2 hours (seq (event (= a 1)) (absent 1 hours (event (= b 1)))))");
    accepted("(when (seq (event (= a 1)) (absent 1 hours (event (= b 1)))))");
  }
}
