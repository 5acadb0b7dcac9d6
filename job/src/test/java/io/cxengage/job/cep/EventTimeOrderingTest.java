package io.cxengage.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.job.cep.DynamicPatternOperator.Ordering;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Event-time ordering: events wait in the operator's queue until the watermark passes them, are
 * matched in timestamp order together with the timers due, and survive a checkpoint, also when the
 * job is restored with another parallelism; so do events held for their configuration.
 */
class EventTimeOrderingTest {

  private static final long T0 = 1_767_225_600_000L;
  private static final String A_THEN_B = "(seq (event (= type \"a\")) (event (= type \"b\")))";

  private static final int MAX_PARALLELISM = 128;
  private static final List<String> KEYS =
      java.util.stream.IntStream.range(0, 20).mapToObj(i -> "c" + i).toList();

  private static long sec(double s) {
    return T0 + Math.round(s * 1000);
  }

  private static String type(String t) {
    return "{\"type\":\"" + t + "\"}";
  }

  @Test
  void eventsAreMatchedInTimestampOrderNotInArrivalOrder() throws Exception {
    try (CepHarness h = new CepHarness(Ordering.EVENT_TIME)) {
      h.pattern("PT1", A_THEN_B);
      String b = h.event("k", sec(2), type("b"));
      String a = h.event("k", sec(1), type("a"));
      h.watermark(sec(1.5));
      assertThat(h.summary()).isEmpty();
      h.watermark(sec(3));
      assertThat(h.summary()).containsExactly("PT1 k@" + sec(2) + ":[" + a + ", " + b + "]");
    }
  }

  @Test
  void nothingIsMatchedBeforeTheWatermarkPassesTheEvent() throws Exception {
    try (CepHarness h = new CepHarness(Ordering.EVENT_TIME)) {
      h.pattern("PT1", A_THEN_B);
      h.event("k", sec(1), type("a"));
      h.event("k", sec(2), type("b"));
      h.watermark(sec(2) - 1);
      assertThat(h.summary()).isEmpty();
      h.watermark(sec(2));
      assertThat(h.summary()).hasSize(1);
    }
  }

  @Test
  void timersDueBeforeAnEventFireBeforeItWhenOneWatermarkPassesBoth() throws Exception {
    try (CepHarness h = new CepHarness(Ordering.EVENT_TIME)) {
      h.pattern(
          "PT1", "(seq (event (= type \"cart\")) (absent 1 seconds (event (= type \"buy\"))))");
      h.pattern("PT2", "(event (= type \"c\"))");
      h.event("k", sec(1), type("cart"));
      h.event("k", sec(5), type("c"));
      h.watermark(sec(10));
      // the absence completed at second 2, the c came at second 5: the matches leave in that order
      assertThat(h.matches()).extracting(m -> m.patternId()).containsExactly("PT1", "PT2");
      assertThat(h.matches().get(0).at()).isEqualTo(sec(2));
    }
  }

  @Test
  void eventsWaitingAtACheckpointAreMatchedAfterTheRestore() throws Exception {
    OperatorSubtaskState snapshot;
    String a;
    String b;
    try (CepHarness h = new CepHarness(Ordering.EVENT_TIME)) {
      h.pattern("PT1", A_THEN_B);
      a = h.event("k", sec(1), type("a"));
      b = h.event("k", sec(2), type("b"));
      snapshot = h.snapshot();
      assertThat(h.summary()).isEmpty();
    }
    try (CepHarness restored = new CepHarness(Ordering.EVENT_TIME, snapshot)) {
      restored.watermark(sec(3));
      assertThat(restored.summary()).containsExactly("PT1 k@" + sec(2) + ":[" + a + ", " + b + "]");
    }
  }

  @Test
  void afterARescaleEachSubtaskMatchesTheWaitingEventsOfItsOwnKeysOnly() throws Exception {
    OperatorSubtaskState snapshot;
    try (CepHarness h = new CepHarness(Ordering.EVENT_TIME, null, MAX_PARALLELISM, 1, 0)) {
      h.pattern("PT1", A_THEN_B);
      for (String k : KEYS) {
        h.event(k, sec(1), type("a"));
        h.event(k, sec(2), type("b"));
      }
      snapshot = h.snapshot();
    }
    assertEachOfTwoSubtasksMatchesItsOwnKeys(
        Ordering.EVENT_TIME, snapshot, h -> h.watermark(sec(3)));
  }

  @Test
  void eventsHeldForTheirConfigurationAtACheckpointAreReleasedOnTheSubtaskOfTheirKey()
      throws Exception {
    OperatorSubtaskState snapshot;
    try (CepHarness h = new CepHarness(Ordering.ARRIVAL, null, MAX_PARALLELISM, 1, 0)) {
      h.pattern("PT1", A_THEN_B);
      // written after the configuration reached offset 1000, which the operator has not read yet
      for (String k : KEYS) {
        h.event(k, sec(1), type("a"), 1000);
        h.event(k, sec(2), type("b"), 1000);
      }
      assertThat(h.summary()).isEmpty();
      snapshot = h.snapshot();
    }
    assertEachOfTwoSubtasksMatchesItsOwnKeys(
        Ordering.ARRIVAL, snapshot, h -> h.configProgress(1000));
  }

  /** What a subtask is given to release what it restored. */
  private interface Release {
    void on(CepHarness h) throws Exception;
  }

  /**
   * Restores a one-subtask snapshot into two subtasks and releases each: every key matches, each on
   * one subtask, and each subtask matches some.
   */
  private static void assertEachOfTwoSubtasksMatchesItsOwnKeys(
      Ordering ordering, OperatorSubtaskState snapshot, Release release) throws Exception {
    List<String> matchedKeys = new ArrayList<>();
    for (int subtask = 0; subtask < 2; subtask++) {
      OperatorSubtaskState part =
          AbstractStreamOperatorTestHarness.repartitionOperatorState(
              snapshot, MAX_PARALLELISM, 1, 2, subtask);
      try (CepHarness h = new CepHarness(ordering, part, MAX_PARALLELISM, 2, subtask)) {
        release.on(h);
        List<String> mine = h.matches().stream().map(m -> m.key()).toList();
        assertThat(mine).isNotEmpty();
        matchedKeys.addAll(mine);
      }
    }
    assertThat(matchedKeys).containsExactlyInAnyOrderElementsOf(KEYS);
  }
}
