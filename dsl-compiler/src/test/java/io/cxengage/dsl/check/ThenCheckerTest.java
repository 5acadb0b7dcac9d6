package io.cxengage.dsl.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.dsl.DslError;
import io.cxengage.dsl.PatternLanguage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of dsl.md section 3 as the checker applies them: message text and position. */
class ThenCheckerTest {
  private static final Set<String> TEMPLATES = Set.of("TM1", "TM2");

  /** Each error as {@code line:column message}; every one names the field then. */
  static List<String> errors(String then) {
    List<DslError> errors = PatternLanguage.checkThen(then, TEMPLATES).errors();
    assertThat(errors).extracting(DslError::field).containsOnly("then");
    return errors.stream().map(e -> e.line() + ":" + e.column() + " " + e.message()).toList();
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
  void retriesBeyondIntRangeIsRefusedNotThrown() {
    // 4294967297 wrapped round to 1 in intValue(), passed the range check, then
    // intValueExact() threw ArithmeticException out of the checker.
    assertThat(errors("(send echo message {} (retries 4294967297))"))
        .containsExactly("1:32 retries takes a whole number from 0 to 10");
  }
}
