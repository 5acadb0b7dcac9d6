package io.cxengage.job.reaction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.event.CustomerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The semantics of {@code then} (dsl.md section 3), row by row, on the pure executor: sends are
 * recorded and answered by the test, timers fired by the test.
 */
class PlanExecutorTest {

  /** What the executor asked of the world, in order. */
  private static final class Recorder implements PlanEffects {
    final List<SendStep> sends = new ArrayList<>();
    final List<String> failedBeforeSend = new ArrayList<>();
    final TreeMap<Long, List<String>> timers = new TreeMap<>();
    final List<String> unhandled = new ArrayList<>();

    @Override
    public void send(PlanRun run, SendStep step) {
      sends.add(step);
    }

    @Override
    public void failedBeforeSend(PlanRun run, SendStep step, String error) {
      failedBeforeSend.add(step.integration() + ": " + error);
    }

    @Override
    public void schedule(PlanRun run, String timerId, long at) {
      timers.computeIfAbsent(at, t -> new ArrayList<>()).add(timerId);
    }

    @Override
    public void unhandledFailure(PlanRun run, String error) {
      unhandled.add(error);
    }

    List<String> messages() {
      return sends.stream().map(s -> s.params().path("message").asText()).toList();
    }

    SendStep last() {
      return sends.get(sends.size() - 1);
    }
  }

  private final Recorder effects = new Recorder();
  private PlanExecutor executor;
  private PlanRun run;

  private void start(String then, Map<String, String> templates, ObjectNode context) {
    executor =
        new PlanExecutor(PatternLanguage.checkThen(then, templates.keySet()).orThrow(), effects);
    run = new PlanRun();
    run.runId = "r1";
    run.tenant = "acme";
    run.patternId = "PT1";
    run.whenVersion = "v1";
    run.key = "c1";
    run.matchedAt = 1_000;
    run.eventIds = List.of("e1", "e2");
    run.context = context;
    run.then = then;
    run.templates = templates;
    executor.start(run);
  }

  private void start(String then) {
    start(then, Map.of(), context());
  }

  private static ObjectNode context() {
    ObjectNode first = Json.mapper().createObjectNode().put("segment", "gold").put("n", 1);
    ObjectNode second =
        Json.mapper()
            .createObjectNode()
            .put("n", 2)
            .put("email", "ann@example.com")
            .put("name", "Ann <b>")
            .set("address", Json.mapper().createObjectNode().put("city", "Oslo"));
    return ReactionContext.of(
        List.of(new CustomerEvent("e1", 1, first), new CustomerEvent("e2", 2, second)),
        Json.mapper().createObjectNode().put("phone", "+4790000000"),
        "acme",
        "PT1",
        "c1");
  }

  private void answer(int index, boolean ok, long now) {
    SendStep step = effects.sends.get(index);
    executor.onSendResult(run, step.path(), ok, ok ? null : "HTTP 500", now);
  }

  private void fireTimersUpTo(long now) {
    while (!effects.timers.isEmpty() && effects.timers.firstKey() <= now) {
      var first = effects.timers.pollFirstEntry();
      for (String id : first.getValue()) {
        executor.onTimer(run, id, first.getKey());
      }
    }
  }

  @Test
  void seqRunsOneAfterAnotherAndStopsAtTheFirstFailure() {
    start(
        "(seq (send echo message {:message \"a\"}) (send echo message {:message \"b\"})"
            + " (send echo message {:message \"c\"}))");
    assertThat(effects.messages()).containsExactly("a");
    answer(0, true, 1_100);
    assertThat(effects.messages()).containsExactly("a", "b");
    answer(1, false, 1_200);
    assertThat(effects.messages()).as("c never starts").containsExactly("a", "b");
    assertThat(run.done).isTrue();
    assertThat(run.failed).isTrue();
    assertThat(effects.unhandled).containsExactly("HTTP 500");
  }

  @Test
  void parStartsAllAtOnceAndFailsIfAnyFails() {
    start("(par (send echo message {:message \"a\"}) (send echo message {:message \"b\"}))");
    assertThat(effects.messages()).containsExactly("a", "b");
    answer(1, false, 1_100);
    assertThat(run.done).as("waits for every branch").isFalse();
    answer(0, true, 1_200);
    assertThat(run.done).isTrue();
    assertThat(run.failed).isTrue();
  }

  @Test
  void parSucceedsWhenEveryBranchDoes() {
    start("(par (send echo message {:message \"a\"}) (send echo message {:message \"b\"}))");
    answer(0, true, 1_100);
    answer(1, true, 1_100);
    assertThat(run.done).isTrue();
    assertThat(run.failed).isFalse();
    assertThat(effects.unhandled).isEmpty();
  }

  @Test
  void delayWaitsInsideItsSeq() {
    start(
        "(seq (send echo message {:message \"a\"}) (delay 10 minutes)"
            + " (send echo message {:message \"b\"}))");
    answer(0, true, 2_000);
    assertThat(effects.timers).containsOnlyKeys(2_000L + 600_000);
    fireTimersUpTo(2_000 + 599_999);
    assertThat(effects.messages()).containsExactly("a");
    fireTimersUpTo(2_000 + 600_000);
    assertThat(effects.messages()).containsExactly("a", "b");
    assertThat(effects.last().at()).isEqualTo(602_000);
  }

  @Test
  void delayInsideParDelaysOnlyItsOwnBranch() {
    start(
        "(par (seq (delay 1 minutes) (send echo message {:message \"late\"}))"
            + " (send echo message {:message \"now\"}))");
    assertThat(effects.messages()).containsExactly("now");
    fireTimersUpTo(1_000 + 60_000);
    assertThat(effects.messages()).containsExactly("now", "late");
  }

  @Test
  void ifChoosesItsBranchByThePredicateOverTheContext() {
    start(
        "(if (= segment \"gold\") (success (send echo message {:message \"yes\"}))"
            + " (failure (send echo message {:message \"no\"})))");
    assertThat(effects.messages()).containsExactly("yes");

    effects.sends.clear();
    start(
        "(if (= segment \"silver\") (success (send echo message {:message \"yes\"}))"
            + " (failure (send echo message {:message \"no\"})))");
    assertThat(effects.messages()).containsExactly("no");
  }

  @Test
  void aMissingAttributeMakesTheComparisonFalseAndAMissingBranchDoesNothing() {
    start(
        "(if (= nosuch \"x\") (success (send echo message {:message \"yes\"}))"
            + " (failure (send echo message {:message \"no\"})))");
    assertThat(effects.messages()).containsExactly("no");

    effects.sends.clear();
    start("(if (= segment \"silver\") (success (send echo message {:message \"yes\"})))");
    assertThat(effects.sends).isEmpty();
    assertThat(run.done).isTrue();
    assertThat(run.failed).isFalse();
  }

  @Test
  void theContextMergesTheEventsLaterWinningThenAugmentsThenTenantPatternAndKey() {
    start(
        "(send echo message {:n *n* :segment *segment* :city *address.city* :phone *phone*"
            + " :tenant *tenant* :pattern *pattern* :key *key*})");
    ObjectNode params = effects.last().params();
    assertThat(params.get("n").asInt()).isEqualTo(2);
    assertThat(params.get("segment").asText()).isEqualTo("gold");
    assertThat(params.get("city").asText()).isEqualTo("Oslo");
    assertThat(params.get("phone").asText()).isEqualTo("+4790000000");
    assertThat(params.get("tenant").asText()).isEqualTo("acme");
    assertThat(params.get("pattern").asText()).isEqualTo("PT1");
    assertThat(params.get("key").asText()).isEqualTo("c1");
  }

  @Test
  void aTemplateParamIsRenderedHtmlEscapedOnlyForASendgridHtmlParam() {
    Map<String, String> templates = Map.of("TM1", "Hello {{name}} from {{address.city}}{{nosuch}}");
    start("(send echo message {} (template {:message +TM1}))", templates, context());
    assertThat(effects.last().params().get("message").asText())
        .as("a missing {{name}} renders empty")
        .isEqualTo("Hello Ann <b> from Oslo");

    start(
        "(send sendgrid email {:to *email* :subject \"s\"} (template {:html +TM1 :message +TM1}))",
        templates,
        context());
    assertThat(effects.last().params().get("html").asText())
        .isEqualTo("Hello Ann &lt;b&gt; from Oslo");
    assertThat(effects.last().params().get("message").asText())
        .isEqualTo("Hello Ann <b> from Oslo");
  }

  @Test
  void aMissingReferenceFailsTheStepWithoutSendingAndRunsItsFailureOption() {
    ObjectNode noEmail = context();
    noEmail.remove("email");
    start(
        "(send sendgrid email {:to *email*, :subject \"Welcome\"} (retries 5)"
            + " (failure (send echo message {:message \"mail failed\"})))",
        Map.of(),
        noEmail);
    assertThat(effects.failedBeforeSend).containsExactly("sendgrid: missing attribute email");
    assertThat(effects.messages()).containsExactly("mail failed");
    answer(0, true, 1_100);
    assertThat(run.done).isTrue();
    assertThat(run.failed).as("the failure option handled it").isFalse();
    assertThat(effects.unhandled).isEmpty();
  }

  @Test
  void retriesDefaultToThreeAndAreInheritedFromAnEnclosingStep() {
    start("(send echo message {:message \"a\"})");
    assertThat(effects.last().retries()).isEqualTo(3);
    start("(send echo message {:message \"a\"} (retries 5))");
    assertThat(effects.last().retries()).isEqualTo(5);
    start("(seq (send echo message {:message \"a\"}) (retries 0))");
    assertThat(effects.last().retries()).isZero();
    start("(seq (send echo message {:message \"a\"} (retries 2)) (retries 0))");
    assertThat(effects.last().retries()).as("the nearest wins").isEqualTo(2);
  }

  @Test
  void withinLimitsAStepAndItsOutcomeAfterTheLimitNoLongerMatters() {
    start(
        "(seq (send echo message {:message \"a\"} (within 30 seconds)"
            + " (failure (send echo message {:message \"late\"}))))");
    assertThat(effects.timers).containsOnlyKeys(31_000L);
    fireTimersUpTo(31_000);
    assertThat(effects.messages()).containsExactly("a", "late");
    answer(0, true, 40_000);
    assertThat(effects.messages()).as("the late success changes nothing").hasSize(2);
  }

  @Test
  void aSeqThatTimedOutStartsNoFurtherStep() {
    start(
        "(seq (send echo message {:message \"a\"}) (send echo message {:message \"b\"})"
            + " (within 5 seconds) (failure (send echo message {:message \"gave up\"})))");
    fireTimersUpTo(6_000);
    assertThat(effects.messages()).containsExactly("a", "gave up");
    answer(0, true, 7_000);
    assertThat(effects.messages()).as("b never starts").containsExactly("a", "gave up");
    answer(1, true, 7_100);
    assertThat(run.done).isTrue();
    assertThat(run.failed).as("the failure option handled the timeout").isFalse();
  }

  @Test
  void withinWithoutAFailureOptionFailsTheRun() {
    start("(send echo message {:message \"a\"} (within 2 seconds))");
    fireTimersUpTo(3_000);
    assertThat(run.done).isTrue();
    assertThat(run.failed).isTrue();
    assertThat(effects.unhandled).singleElement().asString().contains("timed out");
  }

  @Test
  void successRunsAfterTheStepSucceededAndItsOutcomeIsTheSteps() {
    start(
        "(seq (send echo message {:message \"a\"} (success (send echo message {:message \"ok\"})))"
            + " (send echo message {:message \"b\"}))");
    answer(0, true, 1_100);
    assertThat(effects.messages()).containsExactly("a", "ok");
    answer(1, false, 1_200);
    assertThat(effects.messages()).as("the seq stops: success failed").containsExactly("a", "ok");
    assertThat(run.failed).isTrue();
  }

  @Test
  void aHandledFailureLetsTheSeqGoOn() {
    start(
        "(seq (send echo message {:message \"a\"} (failure (send echo message {:message \"f\"})))"
            + " (send echo message {:message \"b\"}))");
    answer(0, false, 1_100);
    answer(1, true, 1_200);
    assertThat(effects.messages()).containsExactly("a", "f", "b");
    answer(2, true, 1_300);
    assertThat(run.done).isTrue();
    assertThat(run.failed).isFalse();
  }

  @Test
  void everySendHasAnIdFromTheMatchAndItsPositionTheSameOnReplay() {
    String then = "(par (send echo message {:message \"a\"}) (send echo message {:message \"a\"}))";
    start(then);
    String first = effects.sends.get(0).sendId();
    String second = effects.sends.get(1).sendId();
    assertThat(first).as("two positions, two ids").isNotEqualTo(second);
    effects.sends.clear();
    start(then);
    assertThat(effects.sends.get(0).sendId()).as("a replay of the same match").isEqualTo(first);
    effects.sends.clear();
    executor = null;
    start(then);
    run.eventIds = List.of("e1", "e3");
    assertThat(SendIds.of("acme", "PT1", "v1", List.of("e1", "e3"), effects.sends.get(0).path()))
        .as("another match, another id")
        .isNotEqualTo(first);
  }
}
