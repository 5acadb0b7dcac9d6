package io.cxengage.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.dsl.DslError;
import io.cxengage.dsl.DslException;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.plan.Reaction;
import io.cxengage.dsl.plan.Value;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of dsl.md section 3 as the checker applies them: message text and position. */
class ThenCheckerTest {

  private static final Set<String> TEMPLATES = Set.of("TM1", "TM2");

  /** Each error as {@code line:column message}; every one names the field then. */
  static List<String> errors(String then) {
    List<DslError> errors = PatternLanguage.checkThen(then, TEMPLATES).errors();
    assertThat(errors).extracting(DslError::field).containsOnly("then");
    return errors.stream().map(e -> e.line() + ":" + e.column() + " " + e.message()).toList();
  }

  static Reaction accepted(String then) {
    return PatternLanguage.checkThen(then, TEMPLATES).orThrow();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(par (send echo message {:message \"We should probably call the customer\"})\n"
            + "     (send echo message {:message \"We should probably call the customer now \"}))",
        "(seq (send generic message {} (template {:body +TM1})))",
        "(send sendgrid email {:to *email*, :subject \"Welcome\"} (retries 5) (failure (send echo"
            + " message {:message \"mail failed\"})))",
        "(seq (send twilio sms {:to-phone-number *phone* :message \"Hi\"}) (delay 10 minutes) (send"
            + " echo message {:message \"sent\"}))",
        "(if (= *segment* \"gold\") (success (send echo message {})) (failure (send echo message"
            + " {})))",
        "(send pusher event {:channel \"c\" :event \"e\"} (within 5 minutes) (success (send echo"
            + " message {})))",
        "(send salesforce task {:Subject \"Call\" :WhoId *contact.id*})",
        "(send twilio call {:to-phone-number *phone* :url \"https://x\"})"
      })
  void examplesAreAccepted(String then) {
    accepted(then);
  }

  // ---------------------------------------------------------------- forms

  @Test
  void unknownReactionSuggestsTheClosest() {
    assertThat(errors("(sned echo message {})"))
        .containsExactly(
            "1:2 unknown reaction 'sned' (did you mean 'send'?);"
                + " reactions are seq, par, send, delay and if");
  }

  @Test
  void unknownIntegrationSuggestsAndListsTheIntegrations() {
    assertThat(errors("(send sendgird email {:to \"a\" :subject \"b\"})"))
        .containsExactly(
            "1:7 unknown integration 'sendgird' (did you mean 'sendgrid'?);"
                + " integrations are echo, generic, sendgrid, twilio, pusher, salesforce");
  }

  @Test
  void unknownActionListsTheActionsInTheOrderOfTheTable() {
    // The lists came from Map.of and changed order from one JVM to the next.
    assertThat(errors("(send twilio sm {})"))
        .containsExactly(
            "1:14 unknown action 'sm' of twilio (did you mean 'sms'?); its actions are sms, call");
    assertThat(errors("(send salesforce tsk {})"))
        .containsExactly(
            "1:18 unknown action 'tsk' of salesforce (did you mean 'task'?);"
                + " its actions are task, lead, case, opportunity");
    assertThat(errors("(send echo email {})"))
        .containsExactly("1:12 unknown action 'email' of echo; its actions are message");
  }

  @Test
  void sendNeedsIntegrationActionAndParams() {
    assertThat(errors("(send echo message)"))
        .containsExactly(
            "1:2 send takes an integration, an action and a map of params:"
                + " (send echo message {:message \"hi\"})");
    assertThat(errors("(send echo message \"hi\")"))
        .containsExactly(
            "1:20 expected the params as a map such as {:message \"hi\"}, not the string \"hi\"");
    assertThat(errors("(send \"echo\" 5 {})"))
        .containsExactly(
            "1:7 expected an integration such as echo, not the string \"echo\"",
            "1:14 expected an action such as message, not the number 5");
  }

  // ---------------------------------------------------------------- params

  static Stream<Arguments> missingMandatoryParam() {
    return Stream.of(
        Arguments.of("(send generic message {})", "1:23 generic message", "body"),
        Arguments.of("(send sendgrid email {:subject \"x\"})", "1:22 sendgrid email", "to"),
        Arguments.of("(send sendgrid email {:to \"a@b.c\"})", "1:22 sendgrid email", "subject"),
        Arguments.of("(send twilio sms {:message \"hi\"})", "1:18 twilio sms", "to-phone-number"),
        Arguments.of("(send twilio sms {:to-phone-number \"1\"})", "1:18 twilio sms", "message"),
        Arguments.of("(send twilio call {:message \"hi\"})", "1:19 twilio call", "to-phone-number"),
        Arguments.of("(send pusher event {:event \"e\"})", "1:20 pusher event", "channel"),
        Arguments.of("(send pusher event {:channel \"c\"})", "1:20 pusher event", "event"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("missingMandatoryParam")
  void missingMandatoryParamIsReportedAtTheParams(String then, String where, String param) {
    assertThat(errors(then))
        .containsExactly(
            where
                + " needs the param :"
                + param
                + "; add it to the params or give it through (template {:"
                + param
                + " +TM1})");
  }

  @Test
  void echoAndSalesforceHaveNoMandatoryParams() {
    accepted("(send echo message {})");
    for (String object : List.of("task", "lead", "case", "opportunity")) {
      accepted("(send salesforce " + object + " {})");
    }
  }

  @Test
  void paramGivenThroughTemplateCounts() {
    Reaction.Send send =
        (Reaction.Send) accepted("(send generic message {} (template {:body +TM1}))");
    assertThat(send.params()).isEmpty();
    assertThat(send.options().templates()).isEqualTo(Map.of("body", "TM1"));
    accepted("(send sendgrid email {:to *email*} (template {:subject +TM2}))");
    accepted("(send twilio sms {} (template {:to-phone-number +TM1 :message +TM2}))");
  }

  @Test
  void unknownTemplateIsReportedAtItsReference() {
    assertThat(errors("(send generic message {} (template {:body +TM9}))"))
        .containsExactly(
            "1:43 template TM9 does not exist in this tenant; create it first or fix the id");
  }

  @Test
  void templateReferenceOutsideTemplateIsRefused() {
    assertThat(errors("(send echo message {:message +TM1})"))
        .containsExactly(
            "1:30 a template reference belongs in (template {:param +TM1}), not among the params");
  }

  @Test
  void templateParamTakesOnlyATemplateReference() {
    assertThat(errors("(send generic message {} (template {:body \"x\"}))"))
        .containsExactly(
            "1:43 a template param takes a template reference such as +TM1, not the string \"x\"");
  }

  @Test
  void templateBelongsToASend() {
    assertThat(errors("(seq (send echo message {}) (template {:body +TM1}))"))
        .containsExactly(
            "1:30 template belongs to a send: (send generic message {} (template {:body +TM1}))");
  }

  @Test
  void badReferenceIsReportedAtItsToken() {
    // the bad token is dropped, which leaves :to without a value, so :to is missing too
    assertThat(errors("(send sendgrid email {:subject \"x\" :to *email})"))
        .containsExactly(
            "1:40 '*email' is not a reference; write it as *attribute* or *a.b*",
            "1:36 the map has a key without a value: the keyword :to",
            "1:22 sendgrid email needs the param :to; add it to the params or give it through"
                + " (template {:to +TM1})");
  }

  @Test
  void referencesMayBeNested() {
    Reaction.Send send = (Reaction.Send) accepted("(send echo message {:message *user.email*})");
    assertThat(send.params()).containsEntry("message", new Value.Ref("user.email"));
  }

  @Test
  void paramThatIsNeitherAValueNorAReferenceIsRefused() {
    String message = " a param is a string, number, true, false, *reference*, map or vector, not ";
    assertThat(errors("(send echo message {:message hello})"))
        .containsExactly("1:30" + message + "the symbol 'hello'");
    assertThat(errors("(send echo message {:message nil})"))
        .containsExactly("1:30" + message + "nil");
    assertThat(errors("(send echo message {:message :x})"))
        .containsExactly("1:30" + message + "the keyword :x");
    assertThat(errors("(send echo message {:message {:a [1 oops]}})"))
        .containsExactly("1:37" + message + "the symbol 'oops'");
    accepted("(send echo message {:message {:a [1 \"x\" *y* true 2.5]}})");
  }

  @Test
  void paramNameIsAKeyword() {
    assertThat(errors("(send echo message {message \"hi\"})"))
        .containsExactly(
            "1:21 a param name is a keyword such as :message, not the symbol 'message'");
  }

  @Test
  void paramGivenTwiceIsRefusedAtTheSecond() {
    assertThat(errors("(send echo message {:message \"a\" :message \"b\"})"))
        .containsExactly("1:34 the param :message is given twice");
  }

  // ---------------------------------------------------------------- options

  @Test
  void retriesIsAWholeNumberFromZeroToTen() {
    String message = " retries takes a whole number from 0 to 10";
    assertThat(errors("(send echo message {} (retries 11))")).containsExactly("1:32" + message);
    assertThat(errors("(send echo message {} (retries -1))")).containsExactly("1:32" + message);
    assertThat(errors("(send echo message {} (retries 2.5))")).containsExactly("1:32" + message);
    assertThat(accepted("(send echo message {} (retries 0))").options().retries()).isZero();
    assertThat(accepted("(send echo message {} (retries 10))").options().retries()).isEqualTo(10);
  }

  @Test
  void retriesBeyondIntRangeIsRefusedNotThrown() {
    // 4294967297 wrapped round to 1 in intValue(), passed the range check, then
    // intValueExact() threw ArithmeticException out of the checker.
    assertThat(errors("(send echo message {} (retries 4294967297))"))
        .containsExactly("1:32 retries takes a whole number from 0 to 10");
  }

  @Test
  void withinOptionIsAtMost366Days() {
    assertThat(errors("(send echo message {} (within 400 days))"))
        .containsExactly("1:31 within is longer than 366 days; the longest allowed is 366 days");
    assertThat(accepted("(send echo message {} (within 2 minutes))").options().withinMillis())
        .isEqualTo(120_000L);
  }

  @Test
  void optionsComeAfterTheReactionsOfAGroup() {
    assertThat(errors("(seq (retries 2) (send echo message {}))"))
        .containsExactly("1:18 options such as (retries 2) come after the reactions of seq");
    assertThat(errors("(par (retries 2))")).containsExactly("1:2 par needs at least one reaction");
  }

  @Test
  void onlyOptionsFollowTheParamsOfASend() {
    assertThat(errors("(send echo message {} 5)"))
        .containsExactly(
            "1:23 after the params a send takes only options (template, retries, within, success,"
                + " failure), not the number 5");
  }

  // ---------------------------------------------------------------- delay and if

  @Test
  void delayTakesALengthAndAKnownUnit() {
    assertThat(errors("(seq (send echo message {}) (delay 10 minuts))"))
        .containsExactly(
            "1:39 unknown time unit 'minuts' (did you mean 'minute'?);"
                + " use second(s), minute(s), hour(s) or day(s)");
    assertThat(errors("(delay 10)"))
        .containsExactly("1:2 'delay' takes a length and a unit: (delay 10 minutes); got 1");
    assertThat(errors("(delay 1e-999999999 seconds)"))
        .containsExactly("1:8 delay is shorter than a millisecond");
    assertThat(((Reaction.Delay) accepted("(delay 10 minutes)")).millis()).isEqualTo(600_000L);
  }

  @Test
  void ifTakesAPredicateAndNamedBranches() {
    assertThat(errors("(if)"))
        .containsExactly(
            "1:2 if takes a predicate and up to two branches:"
                + " (if (= *segment* \"gold\") (success ...) (failure ...))");
    assertThat(errors("(if (= *s* 1) (send echo message {}))"))
        .containsExactly("1:15 the branches of if are (success ...) and (failure ...), not a list");
    assertThat(
            errors(
                "(if (= *s* 1) (success (send echo message {})) (success (send echo message {})))"))
        .containsExactly("1:48 if has two success branches");
    Reaction.If onlyFailure =
        (Reaction.If) accepted("(if (exists segment) (failure (send echo message {})))");
    assertThat(onlyFailure.success()).isNull();
  }

  // ---------------------------------------------------------------- the source as a whole

  @Test
  void emptyThenIsRefusedAtItsStart() {
    assertThat(errors(" ; nothing\n"))
        .containsExactly(
            "1:1 then is empty; write a reaction such as (send echo message {:message \"hi\"})");
  }

  @Test
  void twoTopLevelFormsAreRefusedAtTheSecond() {
    assertThat(errors("(send echo message {})\n(send echo message {})"))
        .containsExactly("2:1 then holds one reaction; wrap several in (seq ...) or (par ...)");
  }

  @Test
  void severalErrorsInOneRun() {
    assertThat(
            errors(
                "(seq (send sendgird email {})\n"
                    + "     (send echo message {:message hello})\n"
                    + "     (delay 0 minutes))"))
        .containsExactly(
            "1:12 unknown integration 'sendgird' (did you mean 'sendgrid'?);"
                + " integrations are echo, generic, sendgrid, twilio, pusher, salesforce",
            "2:35 a param is a string, number, true, false, *reference*, map or vector,"
                + " not the symbol 'hello'",
            "3:13 delay needs a positive length, not 0");
  }

  @Test
  void validateReportsWhenErrorsBeforeThenErrors() {
    List<DslError> errors =
        PatternLanguage.validate("(evnt (= a 1))", "(send echo mesage {})", TEMPLATES);
    assertThat(errors)
        .extracting(DslError::toString)
        .containsExactly(
            "when: line 1, column 2: unknown operator 'evnt' (did you mean 'event'?)",
            "then: line 1, column 12: unknown action 'mesage' of echo (did you mean 'message'?);"
                + " its actions are message");
  }

  @Test
  void orThrowCarriesEveryError() {
    DslException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            DslException.class,
            () ->
                PatternLanguage.checkThen("(send echo message {:a x :b y})", TEMPLATES).orThrow());
    assertThat(e.errors()).hasSize(2);
    assertThat(e.getMessage())
        .isEqualTo(
            "then: line 1, column 24: a param is a string, number, true, false, *reference*, map"
                + " or vector, not the symbol 'x'; then: line 1, column 29: a param is a string,"
                + " number, true, false, *reference*, map or vector, not the symbol 'y'");
  }

  @Test
  void templateReferencesAreFoundEvenWithErrors() {
    assertThat(
            PatternLanguage.templateReferences(
                "(send generic message {:x +TM2} (template {:body +TM7}))"))
        .containsExactlyInAnyOrder("TM2", "TM7");
    assertThat(PatternLanguage.templateReferences(null)).isEmpty();
  }
}
