package io.cxengage.dsl.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.eval.IndexValue;
import org.junit.jupiter.api.Test;

/** The index hint: which values of which attribute an event needs to touch a pattern at all. */
class IndexHintTest {

  private static final JsonMapper JSON = new JsonMapper();

  private static JsonNode tree(String json) throws Exception {
    return JSON.readTree(json);
  }

  private static CompiledWhen compile(String when) {
    return PatternCompiler.compile(PatternLanguage.checkWhen(when).orThrow());
  }

  @Test
  void aValueIsExactOnlyWhereAPredicateIsNothingButThatEquality() {
    IndexHint hint =
        compile(
                "(seq (event (= type \"a\")) (event (and (= type \"b\") (> amount 5)))"
                    + " (event (or (= type \"c\") (= type \"d\"))))")
            .indexHint();
    assertThat(hint.attribute()).isEqualTo("type");
    assertThat(hint.values()).containsExactlyInAnyOrder("s:a", "s:b", "s:c", "s:d");
    assertThat(hint.exact()).containsExactly("s:a");
    assertThat(hint.residual("s:a")).isNull();
  }

  @Test
  void underAValueOnlyThePredicatesAllowingItAreLeftToTest() throws Exception {
    IndexHint hint =
        compile(
                "(seq (event (and (= type \"a\") (= code 1))) (event (= type \"b\"))"
                    + " (event (and (= type \"a\") (= code 2))))")
            .indexHint();
    assertThat(hint.exact()).containsExactly("s:b");
    // under "a": the two steps that allow it, and nothing of the step that needs "b"
    assertThat(hint.residual("s:a").test(tree("{\"type\":\"a\",\"code\":1}"))).isTrue();
    assertThat(hint.residual("s:a").test(tree("{\"type\":\"a\",\"code\":2}"))).isTrue();
    assertThat(hint.residual("s:a").test(tree("{\"type\":\"a\",\"code\":3}"))).isFalse();
    assertThat(hint.residual("s:b")).isNull();
  }

  @Test
  void anEventUnderAnExactValueTouchesThePatternWhateverElseItHolds() throws Exception {
    CompiledWhen c = compile("(seq (event (= level 5)) (event (and (= level 6) (= vip true))))");
    IndexHint hint = c.indexHint();
    assertThat(hint.exact()).containsExactly("n:5");
    // numbers in any spelling have one normal form, and = agrees with it
    for (String json :
        new String[] {"{\"level\":5}", "{\"level\":5.0}", "{\"level\":\"5\"}", "{\"level\":5e0}"}) {
      var attributes = tree(json);
      assertThat(IndexValue.ofNode(attributes.get("level"))).isEqualTo("n:5");
      assertThat(c.touches().test(attributes)).as(json).isTrue();
    }
    // a value that is indexed but not exact still needs the test
    assertThat(c.touches().test(tree("{\"level\":6}"))).isFalse();
  }

  @Test
  void noHintWithoutAnAttributeEveryPredicatePins() {
    assertThat(compile("(seq (event (= type \"a\")) (event (> amount 5)))").indexHint()).isNull();
  }

  @Test
  void theStartHintIsTheFirstStepsAlone() throws Exception {
    CompiledWhen c =
        compile(
            "(within 60 seconds (seq (event (and (= type \"a\") (= code 7)))"
                + " (count 2 (event (= type \"b\")))))");
    IndexHint start = c.startHints().get(0);
    // both attributes pin one value: the tie goes to the name, here the more selective code
    assertThat(start.attribute()).isEqualTo("code");
    assertThat(start.values()).containsExactly("n:7");
    assertThat(start.residual("n:7").test(tree("{\"type\":\"a\",\"code\":7}"))).isTrue();
    assertThat(start.residual("n:7").test(tree("{\"type\":\"b\",\"code\":7}"))).isFalse();
    // the later step's type touches the pattern but starts nothing
    assertThat(c.indexHint().values()).contains("s:b");
    // either attribute can index the start: the engine chooses knowing the tenant's patterns
    assertThat(c.startHints()).extracting(IndexHint::attribute).containsExactly("code", "type");
    assertThat(c.startHints().get(1).residual("s:a").test(tree("{\"type\":\"a\",\"code\":7}")))
        .isTrue();
  }

  @Test
  void aCountedOrAlternativeFirstStepStartsWithAnyOfItsEvents() {
    assertThat(
            compile("(seq (count 3 (event (= type \"a\"))) (event (= type \"b\")))")
                .startHints()
                .get(0)
                .exact())
        .containsExactly("s:a");
    IndexHint any =
        compile("(seq (any (event (= type \"a\")) (event (= type \"c\"))) (event (= type \"b\")))")
            .startHints()
            .get(0);
    assertThat(any.values()).containsExactlyInAnyOrder("s:a", "s:c");
  }

  @Test
  void noStartHintWhereTheFirstStepWeighsTheEventsTakenOrThePatternIsGeneric() {
    // an all first: its condition looks at the partial match
    assertThat(
            compile(
                    "(seq (all (event (= type \"a\")) (event (= type \"c\"))) (event (= type \"b\")))")
                .startHints())
        .isEmpty();
    // any of sequences: the generic mapping
    assertThat(
            compile(
                    "(any (seq (event (= type \"a\")) (event (= type \"b\")))"
                        + " (seq (event (= type \"c\")) (event (= type \"d\"))))")
                .startHints())
        .isEmpty();
    // a first step that pins no attribute
    assertThat(compile("(seq (event (> amount 5)) (event (= type \"b\")))").startHints()).isEmpty();
  }
}
