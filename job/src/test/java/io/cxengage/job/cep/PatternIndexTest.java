package io.cxengage.job.cep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.config.PatternDocument;
import io.cxengage.connectors.json.Json;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.compile.PatternCompiler;
import io.cxengage.dsl.event.CustomerEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The index tells which patterns an event can start (offered to every customer) from which it
 * merely touches (offered only to customers holding state of them).
 */
class PatternIndexTest {

  /** Starts on its first step, found under {@code code}; a B only advances it. */
  private static final ActivePattern CHAIN =
      pattern(
          "P1",
          "(within 60 seconds (seq (event (and (= type \"A\") (= code 1))) (event (= type \"B\"))))");

  /** An {@code all} first: no start hint, so the NFA's start is asked (it takes every A or C). */
  private static final ActivePattern ALL =
      pattern(
          "P2", "(seq (all (event (= type \"A\")) (event (= type \"C\"))) (event (= type \"D\")))");

  /** Pins no attribute: tested whole, then the NFA's start is asked. */
  private static final ActivePattern UNPINNED =
      pattern("P3", "(seq (event (> amount 5)) (event (= type \"B\")))");

  private static ActivePattern pattern(String id, String when) {
    return new ActivePattern(
        new PatternDocument(id, id, null, true, when, "(send echo message {})", 1L),
        PatternCompiler.compile(PatternLanguage.checkWhen(when).orThrow()));
  }

  private static CustomerEvent event(String type, int code, int amount) {
    ObjectNode attributes =
        Json.mapper()
            .createObjectNode()
            .put("id", "c1")
            .put("type", type)
            .put("code", code)
            .put("amount", amount);
    return new CustomerEvent("e", 1L, attributes);
  }

  private static List<ActivePattern> startedBy(PatternIndex index, CustomerEvent e) {
    List<ActivePattern> out = new ArrayList<>();
    index.addStartedBy(index.probe(e), out);
    index.sort(out);
    return out;
  }

  @Test
  void anEventOfALaterStepTouchesAPatternButStartsNothing() {
    PatternIndex index = new PatternIndex(List.of(CHAIN, ALL, UNPINNED));
    CustomerEvent b = event("B", 1, 0);

    assertThat(startedBy(index, b)).isEmpty();
    assertThat(index.touches(CHAIN, index.probe(b))).isTrue();
    assertThat(index.touches(UNPINNED, index.probe(b))).isTrue();
    assertThat(index.touches(ALL, index.probe(b))).isFalse();
  }

  @Test
  void theFirstStepsPredicatesDecideWhatStarts() {
    PatternIndex index = new PatternIndex(List.of(CHAIN, ALL, UNPINNED));

    assertThat(startedBy(index, event("A", 1, 0))).containsExactly(CHAIN, ALL);
    // under its index value, the rest of the first step still has to hold
    assertThat(startedBy(index, event("A", 2, 0))).containsExactly(ALL);
    assertThat(startedBy(index, event("X", 1, 0))).isEmpty();
    assertThat(startedBy(index, event("X", 0, 9))).containsExactly(UNPINNED);
    assertThat(startedBy(index, event("C", 1, 9))).containsExactly(ALL, UNPINNED);
  }

  @Test
  void anEventNoPredicateCanTouchIsToldWithoutTestingPatterns() {
    PatternIndex index = new PatternIndex(List.of(CHAIN, ALL));

    assertThat(index.mayTouch(index.probe(event("Z", 7, 0)))).isFalse();
    assertThat(index.mayTouch(index.probe(event("D", 7, 0)))).isTrue();
    // a pattern that pins nothing may be touched by anything
    PatternIndex withUnpinned = new PatternIndex(List.of(CHAIN, UNPINNED));
    assertThat(withUnpinned.mayTouch(withUnpinned.probe(event("Z", 7, 0)))).isTrue();
  }

  @Test
  void patternsAreFoundByTheirStateKeyAndKeptInTheTenantsOrder() {
    PatternIndex index = new PatternIndex(List.of(UNPINNED, CHAIN, ALL));

    assertThat(index.byStateKey(CHAIN.stateKey())).isSameAs(CHAIN);
    assertThat(index.byStateKey("P1#0000000000000000")).isNull();
    List<ActivePattern> patterns = new ArrayList<>(List.of(ALL, CHAIN, UNPINNED));
    index.sort(patterns);
    assertThat(patterns).containsExactly(UNPINNED, CHAIN, ALL);
  }

  @Test
  void startsAreIndexedByTheAttributeThatTellsTheTenantsPatternsApart() {
    // both attributes pin one value per pattern; "kind" comes first by name but is the same for all
    List<ActivePattern> zones = new ArrayList<>();
    for (int z = 0; z < 5; z++) {
      zones.add(
          pattern(
              "Z" + z,
              "(seq (event (and (= kind \"visit\") (= zone " + z + "))) (event (= type \"B\")))"));
    }
    assertThat(zones.get(0).compiled().startHints().get(0).attribute()).isEqualTo("kind");

    PatternIndex index = new PatternIndex(zones);

    for (ActivePattern p : zones) {
      assertThat(index.startHint(p).attribute()).isEqualTo("zone");
    }
    ObjectNode visit = Json.mapper().createObjectNode().put("kind", "visit").put("zone", 3);
    assertThat(startedBy(index, new CustomerEvent("e", 1L, visit))).containsExactly(zones.get(3));
  }
}
