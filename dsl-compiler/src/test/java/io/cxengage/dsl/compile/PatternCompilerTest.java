package io.cxengage.dsl.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.event.CustomerEvent;
import java.util.List;
import org.apache.flink.cep.nfa.State;
import org.junit.jupiter.api.Test;

/** How {@code when} forms map onto Flink CEP states. */
class PatternCompilerTest {

  private static List<String> stateNames(String when) {
    CompiledWhen c = PatternCompiler.compile(PatternLanguage.checkWhen(when).orThrow());
    return c.nfaFactory().createNFA().getStates().stream()
        .map(State<CustomerEvent>::getName)
        .sorted()
        .toList();
  }

  @Test
  void countOfAnEventIsOneStatePerRepetitionInPatternOrder() {
    assertThat(stateNames("(seq (event (= a 1)) (count 3 (event (= b 1))) (event (= c 1)))"))
        .containsExactly("$endState$", "s0", "s1", "s2", "s3", "s4");
  }

  @Test
  void countOfTenThousandAvoidsFlinksQuadraticStateNaming() {
    // times(10000) named its states s0, s0:0, s0:1, ..., probing every earlier name for each new
    // one: about nine seconds to compile on a quiet machine. One named state each is linear.
    List<String> names = stateNames("(count 10000 (event (= a 1)))");
    assertThat(names).hasSize(10_001).noneMatch(n -> n.contains(":"));
  }
}
