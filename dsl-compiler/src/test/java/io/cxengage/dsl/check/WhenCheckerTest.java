package io.cxengage.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.dsl.DslError;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.ast.Literal;
import io.cxengage.dsl.ast.Predicate;
import io.cxengage.dsl.ast.Trigger;
import io.cxengage.dsl.compile.PatternCompiler;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

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

  // ---------------------------------------------------------------- operators

  @Test
  void unknownOperatorSuggestsAllOf() {
    assertThat(errors("(within 1 minutes\n  (alOf (event (= type \"a\"))))"))
        .containsExactly("2:4 unknown operator 'alOf' (did you mean 'allOf'?)");
  }

  @Test
  void unknownOperatorSuggestsInSequence() {
    assertThat(errors("(inSequnce (event (= a 1)) (event (= b 2)))"))
        .containsExactly("1:2 unknown operator 'inSequnce' (did you mean 'inSequence'?)");
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
  void unknownOperatorFarFromEveryFormHasNoHint() {
    assertThat(errors("(frobnicate (event (= a 1)))"))
        .containsExactly("1:2 unknown operator 'frobnicate'");
  }

  @Test
  void unknownPredicateSuggestsTheClosest() {
    assertThat(errors("(event (contain tags \"gold\"))"))
        .containsExactly("1:9 unknown predicate 'contain' (did you mean 'contains'?)");
    assertThat(errors("(event (exist email))"))
        .containsExactly("1:9 unknown predicate 'exist' (did you mean 'exists'?)");
  }

  // ---------------------------------------------------------------- arity

  static Stream<Arguments> wrongArity() {
    return Stream.of(
        Arguments.of("(when)", "1:2 'when' takes one trigger; got 0"),
        Arguments.of(
            "(when (event (= a 1)) (event (= b 1)))", "1:2 'when' takes one trigger; got 2"),
        Arguments.of(
            "(event)", "1:2 'event' takes one predicate, e.g. (event (= type \"login\")); got 0"),
        Arguments.of(
            "(event (= a 1) (= b 1))",
            "1:2 'event' takes one predicate, e.g. (event (= type \"login\")); got 2"),
        Arguments.of(
            "(count 2)", "1:2 'count' takes a number and a trigger: (count 4 (event ...)); got 1"),
        Arguments.of("(seq)", "1:2 'seq' takes one or more triggers; got 0"),
        Arguments.of("(inSequence)", "1:2 'inSequence' takes one or more triggers; got 0"),
        Arguments.of("(all)", "1:2 'all' takes one or more triggers; got 0"),
        Arguments.of("(allOf)", "1:2 'allOf' takes one or more triggers; got 0"),
        Arguments.of("(any)", "1:2 'any' takes one or more triggers; got 0"),
        Arguments.of("(anyOf)", "1:2 'anyOf' takes one or more triggers; got 0"),
        Arguments.of(
            "(within 5 minutes)",
            "1:2 'within' takes a length, a unit and a trigger: (within 5 minutes ...); got 2"),
        Arguments.of(
            "(Within 5 minutes (event (= a 1)) (event (= b 1)))",
            "1:2 'Within' takes a length, a unit and a trigger: (within 5 minutes ...); got 4"),
        Arguments.of(
            "(seq (event (= a 1)) (fail))",
            "1:23 'fail' takes one (event ...) that cancels the partial match; got 0"),
        Arguments.of(
            "(seq (event (= a 1)) (failWhen (event (= b 1)) (event (= c 1))))",
            "1:23 'failWhen' takes one (event ...) that cancels the partial match; got 2"),
        Arguments.of(
            "(seq (event (= a 1)) (absent 1 hours))",
            "1:23 'absent' takes a length, a unit and an (event ...); got 2"),
        Arguments.of("(event (= type))", "1:9 '=' takes an attribute and a value; got 1"),
        Arguments.of("(event (!= a 1 2))", "1:9 '!=' takes an attribute and a value; got 3"),
        Arguments.of("(event (>= a))", "1:9 '>=' takes an attribute and a value; got 1"),
        Arguments.of(
            "(event (contains tags))", "1:9 'contains' takes an attribute and a value; got 1"),
        Arguments.of("(event (exists))", "1:9 'exists' takes one attribute; got 0"),
        Arguments.of("(event (exists a b))", "1:9 'exists' takes one attribute; got 2"),
        Arguments.of("(event (and))", "1:9 'and' takes one or more predicates; got 0"),
        Arguments.of("(event (or))", "1:9 'or' takes one or more predicates; got 0"),
        Arguments.of("(event (not (= a 1) (= b 1)))", "1:9 'not' takes one predicate; got 2"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongArity")
  void wrongArityIsReportedAtTheOperator(String when, String expected) {
    assertThat(errors(when)).containsExactly(expected);
  }

  // ---------------------------------------------------------------- units, counts, windows

  @Test
  void unknownUnitIsReportedAtItsToken() {
    assertThat(errors("(within 5 weeks (event (= a 1)))"))
        .containsExactly(
            "1:11 unknown time unit 'weeks'; use second(s), minute(s), hour(s) or day(s)");
    assertThat(errors("(within 5 minuts (event (= a 1)))"))
        .containsExactly(
            "1:11 unknown time unit 'minuts' (did you mean 'minute'?);"
                + " use second(s), minute(s), hour(s) or day(s)");
  }

  @Test
  void unitMustBeASymbol() {
    assertThat(errors("(within 5 \"minutes\" (event (= a 1)))"))
        .containsExactly(
            "1:11 within expects a time unit such as minutes here, not the string \"minutes\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"second", "seconds", "minute", "minutes", "hour", "hours", "day", "days"})
  void everyUnitOfDslMdIsAccepted(String unit) {
    Trigger.Within w = (Trigger.Within) accepted("(within 2 " + unit + " (event (= a 1)))");
    assertThat(w.millis()).isEqualTo(2 * TimeUnits.MILLIS.get(unit));
  }

  @Test
  void countMustBePositive() {
    assertThat(errors("(count 0 (event (= a 1)))"))
        .containsExactly("1:8 count must be at least 1, not 0");
    assertThat(errors("(count -3 (event (= a 1)))"))
        .containsExactly("1:8 count must be at least 1, not -3");
  }

  @Test
  void countMustBeWhole() {
    assertThat(errors("(count 2.5 (event (= a 1)))"))
        .containsExactly("1:8 count expects a whole number such as 4, not the number 2.5");
    assertThat(errors("(count \"2\" (event (= a 1)))"))
        .containsExactly("1:8 count expects a whole number such as 4, not the string \"2\"");
    assertThat(((Trigger.Count) accepted("(count 2.0 (event (= a 1)))")).times()).isEqualTo(2);
  }

  @Test
  void countIsAtMostTenThousand() {
    assertThat(errors("(count 10001 (event (= a 1)))"))
        .containsExactly("1:8 count is at most 10000, not 10001");
    assertThat(errors("(count 1e999999999 (event (= a 1)))"))
        .containsExactly("1:8 count is at most 10000, not 1e999999999");
    assertThat(((Trigger.Count) accepted("(count 10000 (event (= a 1)))")).times())
        .isEqualTo(10_000);
  }

  @Test
  void windowIsAtMost366Days() {
    assertThat(errors("(within 367 days (event (= a 1)))"))
        .containsExactly("1:9 within is longer than 366 days; the longest allowed is 366 days");
    assertThat(errors("(within 8785 hours (event (= a 1)))"))
        .containsExactly("1:9 within is longer than 366 days; the longest allowed is 366 days");
    assertThat(errors("(seq (event (= a 1)) (absent 367 days (event (= b 1))))"))
        .containsExactly("1:30 absent is longer than 366 days; the longest allowed is 366 days");
    assertThat(((Trigger.Within) accepted("(within 366 days (event (= a 1)))")).millis())
        .isEqualTo(366L * 86_400_000L);
  }

  @Test
  void windowMustBeAPositiveLength() {
    assertThat(errors("(within 0 minutes (event (= a 1)))"))
        .containsExactly("1:9 within needs a positive length, not 0");
    assertThat(errors("(within x minutes (event (= a 1)))"))
        .containsExactly("1:9 within expects a length such as 5 here, not the symbol 'x'");
    assertThat(errors("(within 0.0004 seconds (event (= a 1)))"))
        .containsExactly("1:9 within is shorter than a millisecond");
    assertThat(((Trigger.Within) accepted("(within 0.5 seconds (event (= a 1)))")).millis())
        .isEqualTo(500);
  }

  @Test
  void windowWithAHugeNegativeExponentIsRefusedAtOnce() {
    // Rounding it to whole milliseconds used to compute 10^999999996: the check did not return.
    long start = System.nanoTime();
    assertThat(errors("(within 1e-999999999 seconds (event (= a 1)))"))
        .containsExactly("1:9 within is shorter than a millisecond");
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }

  // ---------------------------------------------------------------- fail and absent

  @Test
  void failOutsideAllOrSeqIsRefusedAtItsOperator() {
    String message = " fail must stand directly inside all or seq: (all ... (fail (event ...)))";
    assertThat(errors("(fail (event (= a 1)))")).containsExactly("1:2" + message);
    assertThat(errors("(any (event (= a 1)) (fail (event (= b 1))))"))
        .containsExactly("1:23" + message);
    assertThat(errors("(count 2 (failWhen (event (= a 1))))")).containsExactly("1:11" + message);
    assertThat(errors("(seq (event (= a 1)) (within 1 hours (fail (event (= b 1)))))"))
        .containsExactly("1:39" + message);
  }

  @Test
  void failStandsAnywhereAmongTheChildrenOfAllOrSeq() {
    Trigger.All all = (Trigger.All) accepted("(all (fail (event (= x 1))) (event (= a 1)))");
    assertThat(all.parts().get(0)).isInstanceOf(Trigger.Fail.class);
    accepted("(seq (event (= a 1)) (fail (event (= x 1))) (event (= b 1)))");
    accepted("(seq (event (= a 1)) (failWhen (event (= x 1))))");
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
  void absentOnlyAsTheLastStepOfTheOuterSeq() {
    String message =
        " absent must be the last step of the pattern's outer seq:"
            + " (seq (event ...) (absent 1 hours (event ...)))";
    assertThat(errors("(absent 1 hours (event (= a 1)))")).containsExactly("1:2" + message);
    assertThat(errors("(seq (absent 1 hours (event (= a 1))) (event (= b 1)))"))
        .containsExactly("1:7" + message);
    assertThat(errors("(all (event (= a 1)) (absent 1 hours (event (= b 1))))"))
        .containsExactly("1:23" + message);
    assertThat(errors("(count 2 (seq (event (= a 1)) (absent 1 hours (event (= b 1)))))"))
        .containsExactly("1:32" + message);
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

  @Test
  void failAndAbsentWatchForSingleEventsOnly() {
    assertThat(errors("(seq (event (= a 1)) (fail (seq (event (= b 1)) (event (= c 1)))))"))
        .containsExactly(
            "1:28 fail watches for single events: write (fail ... (event ...))"
                + " or (any (event ...) ...)");
    assertThat(errors("(seq (event (= a 1)) (absent 1 hours (count 2 (event (= b 1)))))"))
        .containsExactly(
            "1:38 absent watches for single events: write (absent ... (event ...))"
                + " or (any (event ...) ...)");
  }

  @Test
  void failOfAnyOfEventsBecomesOneEventWithTheirDisjunction() {
    Trigger.Seq seq =
        (Trigger.Seq)
            accepted("(seq (event (= a 1)) (fail (any (event (= b 1)) (event (= c 1)))))");
    Trigger.Event cancel = (Trigger.Event) ((Trigger.Fail) seq.steps().get(1)).cancel();
    assertThat(cancel.predicate()).isInstanceOf(Predicate.Or.class);
  }

  @Test
  void groupOfOnlyFailsIsRefused() {
    assertThat(errors("(seq (fail (event (= a 1))))"))
        .containsExactly(
            "1:2 seq needs at least one trigger that events can match, besides fail and absent");
  }

  // ---------------------------------------------------------------- values and attributes

  @Test
  void nilOnlyWithEqualsOrNotEquals() {
    assertThat(errors("(event (> amount nil))"))
        .containsExactly("1:18 nil can only be compared with = or !=");
    assertThat(errors("(event (contains tags nil))"))
        .containsExactly("1:23 nil can only be compared with = or !=");
    accepted("(event (and (= email nil) (!= phone nil)))");
  }

  @Test
  void bareSymbolAsValueSuggestsAString() {
    assertThat(errors("(event (= type login))"))
        .containsExactly(
            "1:16 expected a value (a string, number, true, false or nil), not the symbol 'login';"
                + " did you mean \"login\"?");
  }

  @Test
  void otherNonValuesAreRefusedAtTheirToken() {
    assertThat(errors("(event (= type {:a 1}))"))
        .containsExactly("1:16 expected a value (a string, number, true, false or nil), not a map");
    assertThat(errors("(event (= type *t*))"))
        .containsExactly(
            "1:16 expected a value (a string, number, true, false or nil), not the reference *t*");
  }

  @Test
  void attributeIsASymbolOrAString() {
    assertThat(errors("(event (= *type* \"a\"))"))
        .containsExactly("1:11 a *reference* belongs in then; in when name the attribute: type");
    assertThat(errors("(event (= 5 \"a\"))"))
        .containsExactly("1:11 expected an attribute name such as type, not the number 5");
    assertThat(errors("(event (= a..b 1))"))
        .containsExactly("1:11 'a..b' is not an attribute name; nested attributes read a.b.c");
    assertThat(errors("(event (= \"\" 1))"))
        .containsExactly("1:11 '' is not an attribute name; nested attributes read a.b.c");
    Trigger.Event quoted = (Trigger.Event) accepted("(event (= \"customerSegment\" \"Gold\"))");
    Trigger.Event bare = (Trigger.Event) accepted("(event (= customerSegment \"Gold\"))");
    assertThat(quoted.predicate()).isEqualTo(bare.predicate());
  }

  @Test
  void triggerAndPredicateMustBeLists() {
    assertThat(errors("(seq \"a\")"))
        .containsExactly(
            "1:6 expected a trigger such as (event ...), (seq ...) or (all ...), not the string \"a\"");
    assertThat(errors("(seq ())"))
        .containsExactly(
            "1:6 expected a trigger such as (event ...), (seq ...) or (all ...), not ()");
    assertThat(errors("(event type)"))
        .containsExactly(
            "1:8 expected a predicate such as (= type \"login\"), not the symbol 'type'");
  }

  // ---------------------------------------------------------------- the source as a whole

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "  ; only a comment\n", ",,,"})
  void emptyWhenIsRefusedAtItsStart(String when) {
    assertThat(errors(when))
        .containsExactly("1:1 when is empty; write a trigger such as (event (= type \"login\"))");
  }

  @Test
  void nullWhenIsRefusedLikeAnEmptyOne() {
    assertThat(errors(null))
        .containsExactly("1:1 when is empty; write a trigger such as (event (= type \"login\"))");
  }

  @Test
  void twoTopLevelFormsAreRefusedAtTheSecond() {
    assertThat(errors("(event (= a 1))\n(event (= b 2)) (event (= c 3))"))
        .containsExactly(
            "2:1 when holds one trigger; wrap several in (seq ...) or (all ...)",
            "2:17 when holds one trigger; wrap several in (seq ...) or (all ...)");
  }

  @Test
  void severalErrorsInOneRun() {
    assertThat(
            errors(
                "(seq (evnt (= a 1))\n"
                    + "     (count 0 (event (= b 2)))\n"
                    + "     (within 5 weeks (event (= c \"x\\q\"))))"))
        .containsExactly(
            "3:36 unknown escape '\\q'; use \\\" \\\\ \\n \\t or \\uXXXX",
            "1:7 unknown operator 'evnt' (did you mean 'event'?)",
            "2:13 count must be at least 1, not 0",
            "3:16 unknown time unit 'weeks'; use second(s), minute(s), hour(s) or day(s)");
  }

  @Test
  void genAAliasesAreAccepted() {
    Trigger.Within within =
        (Trigger.Within)
            accepted(
                "(Within 1 minutes (allOf (count 4 (event (and (= customerSegment \"Gold\")"
                    + " (= eventType \"flcheck\"))))\n"
                    + "  (event (and (= customerSegment \"Gold\") (= eventType \"cnclTicket\")))))");
    assertThat(within.millis()).isEqualTo(60_000);
    Trigger.All all = (Trigger.All) within.child();
    assertThat(((Trigger.Count) all.parts().get(0)).times()).isEqualTo(4);

    Trigger.Seq seq =
        (Trigger.Seq)
            accepted(
                "(inSequence (anyOf (event (= a 1)) (event (= b 1))) (failWhen (event (= c 1))))");
    assertThat(seq.steps().get(0)).isInstanceOf(Trigger.Any.class);
    assertThat(seq.steps().get(1)).isInstanceOf(Trigger.Fail.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(within 1 minutes (allOf (count 4 (event (and (= customerSegment \"Gold\") (= eventType"
            + " \"flcheck\"))))\n"
            + "                         (event (and (= customerSegment \"Gold\") (= eventType"
            + " \"cnclTicket\")))))",
        "(when (event (= id \"1234\")))",
        "(event (or (= username \"cxengage\")))",
        "(within 30 minutes (seq (event (= CallAction \"answered\")) (event (= CallAction"
            + " \"inqueue\"))))",
        "(seq (event (= type \"cart\")) (absent 1 hours (event (= type \"purchase\"))))",
        "(all (within 1 hours (count 2 (event (= CallAction \"abandoned\"))))\n"
            + "  (fail (event (= CallAction \"answered\"))))"
      })
  void examplesOfDslMdAreAccepted(String when) {
    accepted(when);
  }

  @Test
  void commentsAndCommasAreWhitespace() {
    Trigger.Event e =
        (Trigger.Event) accepted("(event, (=, type, \"a\")) ; a trailing comment (\n; another\n");
    assertThat(e.predicate())
        .isEqualTo(new Predicate.Compare(Predicate.Op.EQ, "type", new Literal.Text("a")));
    assertThat(errors("(seq, (event (= a 1)), ; first ) comment\n ; second (\n (evnt (= b 2)))"))
        .containsExactly("3:3 unknown operator 'evnt' (did you mean 'event'?)");
  }

  @Test
  void stringsWithEscapesMaySpanLines() {
    Trigger.Event e =
        (Trigger.Event) accepted("(event (= note \"first \\\"quoted\\\"\n\\tsecond\\\\\"))");
    assertThat(((Predicate.Compare) e.predicate()).value())
        .isEqualTo(new Literal.Text("first \"quoted\"\n\tsecond\\"));
    assertThat(errors("(seq (event (= note \"first\nsecond\")) (evnt (= a 1)))"))
        .containsExactly("2:12 unknown operator 'evnt' (did you mean 'event'?)");
  }
}
