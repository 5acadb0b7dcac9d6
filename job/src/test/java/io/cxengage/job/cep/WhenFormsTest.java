package io.cxengage.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.job.cep.DynamicPatternOperator.Ordering;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each form of dsl.md section 2 through the real dynamic operator, with a hand-computed
 * expectation. Times are seconds after {@link #T0} unless a test needs milliseconds; matches read
 * {@code "PT1 k@<fire time>:[event ids]"}.
 */
class WhenFormsTest {

  /** 2026-01-05T09:00:00Z: real epoch times (Flink sets no window timer for a start at 0). */
  private static final long T0 = 1_767_603_600_000L;

  private static final String A = "(event (= type \"a\"))";
  private static final String B = "(event (= type \"b\"))";
  private static final String C = "(event (= type \"c\"))";
  private static final String D = "(event (= type \"d\"))";

  private CepHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new CepHarness(Ordering.EVENT_TIME);
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private static long sec(double s) {
    return T0 + Math.round(s * 1000);
  }

  /** Sends events of customer k, one per entry, {@code type} and second: {@code "a@1"}. */
  private void events(String... typeAtSecond) throws Exception {
    for (String e : typeAtSecond) {
      String[] parts = e.split("@");
      h.event("k", sec(Double.parseDouble(parts[1])), "{\"type\":\"" + parts[0] + "\"}");
    }
  }

  private static String match(long at, String... ids) {
    return "PT1 k@" + at + ":[" + String.join(", ", ids) + "]";
  }

  private List<String> finish() throws Exception {
    h.finish();
    return h.summary();
  }

  // ---------------------------------------------------------------- event and count

  @Test
  void eventFiresForEveryMatchingEvent() throws Exception {
    h.pattern("PT1", A);
    events("a@1", "b@2", "a@3");
    assertThat(finish()).containsExactly(match(sec(1), "e0"), match(sec(3), "e2"));
  }

  @Test
  void whenWrapperIsTheSameAsItsContent() throws Exception {
    h.pattern("PT1", "(when " + A + ")");
    events("b@1", "a@2");
    assertThat(finish()).containsExactly(match(sec(2), "e1"));
  }

  @Test
  void countTwoOverFourEventsFiresTwice() throws Exception {
    h.pattern("PT1", "(count 2 " + A + ")");
    events("a@1", "a@2", "a@3", "a@4");
    assertThat(finish()).containsExactly(match(sec(2), "e0", "e1"), match(sec(4), "e2", "e3"));
  }

  @Test
  void countLetsUnrelatedEventsComeBetween() throws Exception {
    h.pattern("PT1", "(count 3 " + A + ")");
    events("a@1", "b@2", "a@3", "c@4", "a@5");
    assertThat(finish()).containsExactly(match(sec(5), "e0", "e2", "e4"));
  }

  @Test
  void countOfASeqTakesEachSatisfactionAfterThePrevious() throws Exception {
    h.pattern("PT1", "(count 2 (seq " + A + " " + B + "))");
    // a b b a b: first a..b is e0,e1; the second needs an a after e1: e3,e4
    events("a@1", "b@2", "b@3", "a@4", "b@5");
    assertThat(finish()).containsExactly(match(sec(5), "e0", "e1", "e3", "e4"));
  }

  // ---------------------------------------------------------------- seq, all, any

  @Test
  void seqMatchesInOrderOnly() throws Exception {
    h.pattern("PT1", "(seq " + A + " " + B + ")");
    events("b@1", "a@2", "c@3", "b@4");
    assertThat(finish()).containsExactly(match(sec(4), "e1", "e3"));
  }

  @Test
  void seqOfEventsAtTheSameTimeFollowsArrivalOrder() throws Exception {
    h.pattern("PT1", "(seq " + A + " " + B + ")");
    // the same second for all four: k1 gets b then a, k2 gets a then b
    h.event("k1", sec(1), "{\"type\":\"b\"}");
    h.event("k1", sec(1), "{\"type\":\"a\"}");
    h.event("k2", sec(1), "{\"type\":\"a\"}");
    h.event("k2", sec(1), "{\"type\":\"b\"}");
    assertThat(finish()).containsExactly("PT1 k2@" + sec(1) + ":[e2, e3]");
  }

  @Test
  void allMatchesInAnyOrder() throws Exception {
    h.pattern("PT1", "(all " + A + " " + B + ")");
    events("b@1", "c@2", "a@3");
    assertThat(finish()).containsExactly(match(sec(3), "e0", "e2"));
  }

  @Test
  void allNeedsADistinctEventForEachPart() throws Exception {
    h.pattern("PT1", "(all " + A + " (event (exists type)))");
    events("a@1");
    h.watermark(sec(1));
    assertThat(h.summary()).isEmpty();
    events("a@2");
    assertThat(finish()).containsExactly(match(sec(2), "e0", "e1"));
  }

  @Test
  void allInterleavesItsParts() throws Exception {
    h.pattern("PT1", "(all (count 4 " + A + ") " + B + ")");
    events("a@1", "a@2", "b@3", "a@4", "a@5");
    assertThat(finish()).containsExactly(match(sec(5), "e0", "e1", "e2", "e3", "e4"));
  }

  @Test
  void anyInsideASeqCompletesWithWhicheverOptionComes() throws Exception {
    h.pattern("PT1", "(seq " + A + " (any " + B + " " + C + "))");
    events("a@1", "c@2", "a@3", "b@4");
    assertThat(finish()).containsExactly(match(sec(2), "e0", "e1"), match(sec(4), "e2", "e3"));
  }

  @Test
  void anyOfSequencesFiresForTheFirstToComplete() throws Exception {
    h.pattern("PT1", "(any (seq " + A + " " + B + ") (seq " + C + " " + D + "))");
    // c starts the second option, a..b completes the first at e2; the c..d partial match holds
    // c (e0), at or before the match's last event, so it is dropped and d completes nothing
    events("c@1", "a@2", "b@3", "d@4");
    assertThat(finish()).containsExactly(match(sec(3), "e1", "e2"));
  }

  // ---------------------------------------------------------------- within

  @Test
  void withinIncludesAnEventExactlyTheWindowAfterTheFirst() throws Exception {
    h.pattern("PT1", "(within 10 seconds (seq " + A + " " + B + "))");
    h.event("k", T0, "{\"type\":\"a\"}");
    h.event("k", T0 + 10_000, "{\"type\":\"b\"}");
    assertThat(finish()).containsExactly(match(T0 + 10_000, "e0", "e1"));
  }

  @Test
  void withinExcludesAnEventOneMillisecondLater() throws Exception {
    h.pattern("PT1", "(within 10 seconds (seq " + A + " " + B + "))");
    h.event("k", T0, "{\"type\":\"a\"}");
    h.event("k", T0 + 10_001, "{\"type\":\"b\"}");
    assertThat(finish()).isEmpty();
  }

  @Test
  void withinSlidesALaterEventStartsANewPartialMatch() throws Exception {
    h.pattern("PT1", "(within 10 seconds (count 2 " + A + "))");
    events("a@0", "a@11", "a@15");
    assertThat(finish()).containsExactly(match(sec(15), "e1", "e2"));
  }

  @Test
  void withinNestedInASeqBoundsOnlyItsOwnEvents() throws Exception {
    h.pattern("PT1", "(seq " + A + " (within 5 seconds (count 2 " + B + ")))");
    // b@1 and b@7 are 6 s apart; b@7 and b@9 are 2 s apart; a@0 is outside the window, rightly
    events("a@0", "b@1", "b@7", "b@9");
    assertThat(finish()).containsExactly(match(sec(9), "e0", "e2", "e3"));
  }

  // ---------------------------------------------------------------- fail

  @Test
  void failCancelsThePartialMatch() throws Exception {
    h.pattern(
        "PT1",
        "(all (within 1 hours (count 2 (event (= type \"abandoned\"))))"
            + " (fail (event (= type \"answered\"))))");
    events("abandoned@1", "answered@2", "abandoned@3", "abandoned@4");
    assertThat(finish()).containsExactly(match(sec(4), "e2", "e3"));
  }

  @Test
  void nestedFailWaitsUntilItsGroupHasStarted() throws Exception {
    // c comes before the inner all has any event: it cancels nothing, and is not part of the match
    h.pattern("PT1", "(seq " + A + " (all " + B + " " + D + " (fail " + C + ")))");
    events("a@1", "c@2", "b@3", "d@4");
    assertThat(finish()).containsExactly(match(sec(4), "e0", "e2", "e3"));
  }

  @Test
  void nestedFailCancelsTheGroupItFallsInside() throws Exception {
    // b@2 then c@3 inside the all: that attempt is cancelled, and d@4 alone cannot complete it
    h.pattern("PT1", "(seq " + A + " (all " + B + " " + D + " (fail " + C + ")))");
    events("a@1", "b@2", "c@3", "d@4");
    assertThat(finish()).isEmpty();
  }

  @Test
  void aGroupCancelledByANestedFailMayStartAgain() throws Exception {
    h.pattern("PT1", "(seq " + A + " (all " + B + " " + D + " (fail " + C + ")))");
    events("a@1", "b@2", "c@3", "d@4", "b@5");
    // the match that began earliest: a@1, then the all started afresh at d@4 and done at b@5
    assertThat(finish()).containsExactly(match(sec(5), "e0", "e3", "e4"));
  }

  @Test
  void nestedFailNoLongerMattersOnceItsGroupIsComplete() throws Exception {
    h.pattern("PT1", "(seq (all " + A + " (fail " + C + ")) " + B + ")");
    events("a@1", "c@2", "b@3");
    assertThat(finish()).containsExactly(match(sec(3), "e0", "e2"));
  }

  @Test
  void failCancelsWhereverItStandsAmongTheSteps() throws Exception {
    h.pattern("PT1", "(seq (fail (event (= type \"x\"))) " + A + " " + B + ")");
    events("a@1", "x@2", "b@3", "a@4", "b@5");
    assertThat(finish()).containsExactly(match(sec(5), "e3", "e4"));
  }

  @Test
  void failingEventCancelsBeforeItCanCompleteAnything() throws Exception {
    // x satisfies the second step too, but a fail's events are never part of a match
    h.pattern("PT1", "(seq " + A + " (event (exists type)) (fail (event (= type \"x\"))))");
    events("a@1", "x@2", "a@3", "b@4");
    assertThat(finish()).containsExactly(match(sec(4), "e2", "e3"));
  }

  // ---------------------------------------------------------------- absent

  private static final String CART =
      "(seq (event (= type \"cart\")) (absent 1 hours (event (= type \"purchase\"))))";

  @Test
  void absentCompletesTheWindowAfterTheLastEvent() throws Exception {
    h.pattern("PT1", CART);
    events("cart@0");
    assertThat(finish()).containsExactly(match(sec(3600), "e0"));
  }

  @Test
  void absentFiresOnlyOnceEventTimePassesTheDeadline() throws Exception {
    h.pattern("PT1", CART);
    events("cart@0");
    h.watermark(sec(3600));
    assertThat(h.summary()).isEmpty();
    h.watermark(sec(3600) + 1);
    assertThat(h.summary()).containsExactly(match(sec(3600), "e0"));
  }

  @Test
  void absentIsPreventedByAnEventExactlyTheWindowLater() throws Exception {
    h.pattern("PT1", CART);
    events("cart@0", "purchase@3600");
    assertThat(finish()).isEmpty();
  }

  @Test
  void absentIsNotPreventedByAnEventOneMillisecondLater() throws Exception {
    h.pattern("PT1", CART);
    events("cart@0");
    h.event("k", sec(3600) + 1, "{\"type\":\"purchase\"}");
    assertThat(finish()).containsExactly(match(sec(3600), "e0"));
  }

  // ---------------------------------------------------------------- nesting

  @Test
  void seqOfAnAllAndACount() throws Exception {
    h.pattern("PT1", "(seq (all " + A + " " + B + ") (count 2 " + C + "))");
    events("b@1", "c@2", "a@3", "c@4", "d@5", "c@6");
    // c@2 comes before the all is complete, so the count takes c@4 and c@6
    assertThat(finish()).containsExactly(match(sec(6), "e0", "e2", "e3", "e5"));
  }

  @Test
  void countOfAnAny() throws Exception {
    h.pattern("PT1", "(count 3 (any " + A + " " + B + "))");
    events("a@1", "c@2", "b@3", "b@4", "a@5");
    assertThat(finish()).containsExactly(match(sec(4), "e0", "e2", "e3"));
  }

  // ---------------------------------------------------------------- after a match

  @Test
  void skipPastLastEventDropsEveryPartialMatchThatOverlapsTheMatch() throws Exception {
    h.pattern("PT1", "(seq " + A + " " + B + ")");
    // a@1..b@3 and a@2..b@3 both complete at e2; a@2 is before the match's last event
    events("a@1", "a@2", "b@3", "b@4");
    assertThat(finish()).containsExactly(match(sec(3), "e0", "e2"));
  }

  @Test
  void whenSeveralPartialMatchesCompleteOnOneEventTheEarliestStartWins() throws Exception {
    h.pattern("PT1", "(any (seq " + A + " " + B + ") (seq " + C + " " + B + "))");
    events("c@1", "a@2", "b@3");
    assertThat(finish()).containsExactly(match(sec(3), "e0", "e2"));
  }

  @Test
  void patternIsArmedAgainAfterAMatch() throws Exception {
    h.pattern("PT1", "(seq " + A + " " + B + ")");
    events("a@1", "b@2", "a@3", "b@4");
    assertThat(finish()).containsExactly(match(sec(2), "e0", "e1"), match(sec(4), "e2", "e3"));
  }

  // ---------------------------------------------------------------- keys and status

  @Test
  void eventsOfOtherCustomersNeverTakePart() throws Exception {
    h.pattern("PT1", "(seq " + A + " " + B + ")");
    h.event("k1", sec(1), "{\"type\":\"a\"}");
    h.event("k2", sec(2), "{\"type\":\"b\"}");
    h.event("k2", sec(3), "{\"type\":\"a\"}");
    h.event("k1", sec(4), "{\"type\":\"b\"}");
    assertThat(finish()).containsExactly("PT1 k1@" + sec(4) + ":[e0, e3]");
  }

  @Test
  void disabledPatternMatchesNothingAndKeepsNoState() throws Exception {
    h.pattern("PT1", "(seq " + A + " " + B + ")", false);
    events("a@1", "a@2");
    h.watermark(sec(2));
    assertThat(h.harness.numKeyedStateEntries()).isZero();
    assertThat(h.harness.numEventTimeTimers()).isZero();
    events("b@3");
    assertThat(finish()).isEmpty();
  }

  @Test
  void changingWhenDropsThePartialMatchesOfTheOldVersion() throws Exception {
    h.pattern("PT1", "(seq " + A + " " + B + ")");
    events("a@1");
    h.watermark(sec(1));
    h.pattern("PT1", "(seq " + A + " " + C + " " + B + ")");
    h.pattern("PT1", "(seq " + A + " " + B + ")");
    events("b@2");
    assertThat(finish()).isEmpty();
  }

  @Test
  void changingOnlyThenKeepsThePartialMatches() throws Exception {
    h.pattern("PT1", "(seq " + A + " " + B + ")");
    events("a@1");
    h.watermark(sec(1));
    h.pattern("PT1", "(seq " + A + " " + B + ")", "(send echo message {:message \"v2\"})", true);
    events("b@2");
    assertThat(finish()).containsExactly(match(sec(2), "e0", "e1"));
    assertThat(h.matches().get(0).then()).isEqualTo("(send echo message {:message \"v2\"})");
  }

  @Test
  void disablingAPatternDropsItsPartialMatches() throws Exception {
    h.pattern("PT1", "(within 1 hours (seq " + A + " " + B + "))");
    events("a@1");
    h.watermark(sec(1));
    assertThat(h.harness.numKeyedStateEntries()).isPositive();
    h.pattern("PT1", "(within 1 hours (seq " + A + " " + B + "))", false);
    assertThat(h.harness.numKeyedStateEntries()).isZero();
    h.pattern("PT1", "(within 1 hours (seq " + A + " " + B + "))", true);
    events("b@2");
    assertThat(finish()).isEmpty();
  }
}
