package io.cxengage.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.connectors.json.Json;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.compile.PatternCompiler;
import io.cxengage.dsl.event.CustomerEvent;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class NfaStartsTest {

  private static Optional<Predicate<CustomerEvent>> starts(String when) {
    return NfaStarts.of(
        PatternCompiler.compile(PatternLanguage.checkWhen(when).orThrow())
            .nfaFactory()
            .createNFA());
  }

  private static CustomerEvent event(String type) {
    return new CustomerEvent(
        "e", 1L, Json.mapper().createObjectNode().put("type", type).put("id", "c1"));
  }

  @Test
  void aChainStartsOnlyWithItsFirstStep() {
    Predicate<CustomerEvent> seq =
        starts("(within 60 seconds (seq (event (= type \"A\")) (event (= type \"B\"))))").get();
    assertThat(seq.test(event("A"))).isTrue();
    assertThat(seq.test(event("B"))).isFalse();
    assertThat(seq.test(event("C"))).isFalse();

    Predicate<CustomerEvent> count = starts("(count 3 (event (= type \"X\")))").get();
    assertThat(count.test(event("X"))).isTrue();
    assertThat(count.test(event("A"))).isFalse();
  }

  @Test
  void conditionsThatReadThePartialMatchOfferEveryEvent() {
    assertThat(starts("(all (event (= type \"A\")) (event (= type \"B\")))")).isEmpty();
    assertThat(
            starts(
                "(any (seq (event (= type \"A\")) (event (= type \"B\"))) (event (= type \"C\")))"))
        .isEmpty();
  }
}
