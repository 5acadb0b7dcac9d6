package io.cxengage.dsl.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.ast.Trigger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The comparison rules of dsl.md section 2, one rule per test, over events parsed from JSON. */
class EventPredicateTest {

  /** As the job reads events: decimals keep the digits they were written with. */
  private static final ObjectMapper EVENTS =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /** Whether {@code predicate} (as written inside {@code (event ...)}) holds for {@code json}. */
  static boolean holds(String predicate, String json) {
    return compile(predicate).test(parse(json));
  }

  static EventPredicate compile(String predicate) {
    Trigger.Event event =
        (Trigger.Event) PatternLanguage.checkWhen("(event " + predicate + ")").orThrow();
    return EventPredicate.of(event.predicate());
  }

  static JsonNode parse(String json) {
    try {
      return EVENTS.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  @Nested
  class NumbersAndNumericStrings {

    @Test
    void numericStringEqualsDecimalLiteral() {
      assertThat(holds("(= amount 5.0)", "{\"amount\":\"5\"}")).isTrue();
      assertThat(holds("(= amount \"5\")", "{\"amount\":5.0}")).isTrue();
      assertThat(holds("(= amount \"5\")", "{\"amount\":5}")).isTrue();
    }

    @Test
    void negativeDecimalAndExponentStringsCompareAsNumbers() {
      assertThat(holds("(= t -2)", "{\"t\":\"-2\"}")).isTrue();
      assertThat(holds("(= t -2)", "{\"t\":\"-2.00\"}")).isTrue();
      assertThat(holds("(= t 0.5)", "{\"t\":\"0.50\"}")).isTrue();
      assertThat(holds("(= t 1000)", "{\"t\":\"1e3\"}")).isTrue();
      assertThat(holds("(= t \"1e3\")", "{\"t\":1000}")).isTrue();
      assertThat(holds("(= t 1000)", "{\"t\":1E+3}")).isTrue();
    }

    @Test
    void stringsOutsideJsonNumberSyntaxCompareAsStrings() {
      // " 5" has a space, "05" a leading zero, ".5" no integer part: none is a number
      assertThat(holds("(= t 5)", "{\"t\":\" 5\"}")).isFalse();
      assertThat(holds("(= t 5)", "{\"t\":\"05\"}")).isFalse();
      assertThat(holds("(= t \"05\")", "{\"t\":\"05\"}")).isTrue();
      assertThat(holds("(= t 0.5)", "{\"t\":\".5\"}")).isFalse();
      assertThat(holds("(= t \"5\")", "{\"t\":\"5 \"}")).isFalse();
    }

    @Test
    void numbersOrderNumericallyNotByText() {
      assertThat(holds("(> amount 9)", "{\"amount\":10}")).isTrue();
      assertThat(holds("(> amount 9)", "{\"amount\":\"10\"}")).isTrue();
      assertThat(holds("(< amount \"9\")", "{\"amount\":\"10\"}")).isFalse();
      assertThat(holds("(>= amount -2)", "{\"amount\":\"-2.0\"}")).isTrue();
      assertThat(holds("(<= amount 0.5)", "{\"amount\":0.49}")).isTrue();
      assertThat(holds("(< amount 1e3)", "{\"amount\":999.999}")).isTrue();
    }

    @Test
    void largeIntegersCompareExactly() {
      assertThat(holds("(= id 9007199254740993)", "{\"id\":9007199254740993}")).isTrue();
      assertThat(holds("(= id 9007199254740993)", "{\"id\":9007199254740992}")).isFalse();
      assertThat(holds("(> id 9223372036854775807)", "{\"id\":9223372036854775808}")).isTrue();
    }

    @Test
    void numberAgainstNonNumericStringComparesAsStrings() {
      assertThat(holds("(= t 5)", "{\"t\":\"five\"}")).isFalse();
      assertThat(holds("(!= t 5)", "{\"t\":\"five\"}")).isTrue();
      // "five" > "5" by code point ('f' is after '5')
      assertThat(holds("(> t 5)", "{\"t\":\"five\"}")).isTrue();
    }
  }

  @Nested
  class Booleans {

    @Test
    void trueEqualsOnlyJsonTrue() {
      assertThat(holds("(= vip true)", "{\"vip\":true}")).isTrue();
      assertThat(holds("(= vip true)", "{\"vip\":\"true\"}")).isFalse();
      assertThat(holds("(= vip true)", "{\"vip\":1}")).isFalse();
      assertThat(holds("(= vip false)", "{\"vip\":false}")).isTrue();
      assertThat(holds("(= vip false)", "{\"vip\":true}")).isFalse();
      assertThat(holds("(= vip false)", "{}")).isFalse();
    }

    @Test
    void notEqualToABooleanHoldsForAnyOtherPresentValue() {
      assertThat(holds("(!= vip true)", "{\"vip\":\"true\"}")).isTrue();
      assertThat(holds("(!= vip true)", "{\"vip\":false}")).isTrue();
      assertThat(holds("(!= vip true)", "{\"vip\":true}")).isFalse();
    }
  }

  @Nested
  class NilAndMissing {

    @Test
    void nilEqualsMissingAndNull() {
      assertThat(holds("(= email nil)", "{}")).isTrue();
      assertThat(holds("(= email nil)", "{\"email\":null}")).isTrue();
      assertThat(holds("(= email nil)", "{\"email\":\"\"}")).isFalse();
      assertThat(holds("(= email nil)", "{\"email\":0}")).isFalse();
    }

    @Test
    void notEqualToNilMeansPresent() {
      assertThat(holds("(!= email nil)", "{\"email\":\"a@b.c\"}")).isTrue();
      assertThat(holds("(!= email nil)", "{\"email\":null}")).isFalse();
      assertThat(holds("(!= email nil)", "{}")).isFalse();
    }

    @Test
    void missingMakesEveryComparisonFalse() {
      for (String p :
          new String[] {
            "(= x \"a\")",
            "(!= x \"a\")",
            "(> x 1)",
            "(>= x 1)",
            "(< x 1)",
            "(<= x 1)",
            "(= x 0)",
            "(= x false)",
            "(contains x \"a\")",
            "(exists x)"
          }) {
        assertThat(holds(p, "{\"y\":1}")).as(p + " over a missing x").isFalse();
        assertThat(holds(p, "{\"x\":null}")).as(p + " over a null x").isFalse();
        assertThat(holds("(not " + p + ")", "{}")).as("(not " + p + ")").isTrue();
      }
    }
  }

  @Nested
  class StringOrdering {

    @Test
    void isoDatesOrderAsStrings() {
      assertThat(holds("(> since \"2024-01-31\")", "{\"since\":\"2024-02-01\"}")).isTrue();
      assertThat(
              holds("(< since \"2024-01-31T10:00:00Z\")", "{\"since\":\"2024-01-31T09:59:59Z\"}"))
          .isTrue();
      assertThat(holds("(>= since \"2024-01-31\")", "{\"since\":\"2024-01-31\"}")).isTrue();
      assertThat(holds("(> since \"2024-01-31\")", "{\"since\":\"2024-01-31\"}")).isFalse();
    }

    @Test
    void orderIsByCodePointNotByLocaleOrUtf16Unit() {
      // 'Z' (U+005A) sorts before 'a' (U+0061)
      assertThat(holds("(< name \"a\")", "{\"name\":\"Z\"}")).isTrue();
      // a prefix sorts first
      assertThat(holds("(< name \"gold\")", "{\"name\":\"gol\"}")).isTrue();
      // U+1F600 (a surrogate pair, first unit 0xD83D) is after U+FF21 by code point, though
      // its first UTF-16 unit is smaller
      assertThat(holds("(> name \"\uFF21\")", "{\"name\":\"\uD83D\uDE00\"}")).isTrue();
    }
  }

  @Nested
  class Contains {

    @Test
    void substringOfAString() {
      assertThat(holds("(contains email \"@example.com\")", "{\"email\":\"ann@example.com\"}"))
          .isTrue();
      assertThat(holds("(contains email \"@example.org\")", "{\"email\":\"ann@example.com\"}"))
          .isFalse();
      assertThat(holds("(contains email \"\")", "{\"email\":\"\"}")).isTrue();
    }

    @Test
    void elementOfAnArrayByTheRulesOfEquals() {
      assertThat(holds("(contains tags \"gold\")", "{\"tags\":[\"silver\",\"gold\"]}")).isTrue();
      assertThat(holds("(contains tags \"go\")", "{\"tags\":[\"silver\",\"gold\"]}")).isFalse();
      assertThat(holds("(contains codes 5)", "{\"codes\":[\"5.0\",7]}")).isTrue();
      assertThat(holds("(contains codes \"7\")", "{\"codes\":[\"5.0\",7.00]}")).isTrue();
      assertThat(holds("(contains flags true)", "{\"flags\":[\"true\"]}")).isFalse();
      assertThat(holds("(contains flags true)", "{\"flags\":[false,true]}")).isTrue();
      assertThat(holds("(contains codes 5)", "{\"codes\":[null,[5],{\"a\":5}]}")).isFalse();
    }

    @Test
    void neitherStringNorArrayContainsNothing() {
      assertThat(holds("(contains n \"2\")", "{\"n\":123}")).isFalse();
      assertThat(holds("(contains o \"a\")", "{\"o\":{\"a\":1}}")).isFalse();
    }
  }

  @Nested
  class Exists {

    @Test
    void presentAndNotNull() {
      assertThat(holds("(exists email)", "{\"email\":\"\"}")).isTrue();
      assertThat(holds("(exists email)", "{\"email\":false}")).isTrue();
      assertThat(holds("(exists email)", "{\"email\":null}")).isFalse();
      assertThat(holds("(exists email)", "{}")).isFalse();
      assertThat(holds("(exists user.email)", "{\"user\":{\"email\":\"x\"}}")).isTrue();
    }
  }

  @Nested
  class NestedAttributes {

    @Test
    void dottedNameReadsNestedObjects() {
      String json = "{\"user\":{\"address\":{\"city\":\"Oslo\",\"zip\":\"0150\"}}}";
      assertThat(holds("(= user.address.city \"Oslo\")", json)).isTrue();
      assertThat(holds("(= \"user.address.city\" \"Oslo\")", json)).isTrue();
      assertThat(holds("(= user.address.zip 150)", json)).isFalse(); // "0150" is not a number
      assertThat(holds("(= user.address.country nil)", json)).isTrue();
      assertThat(holds("(= user.address \"Oslo\")", json)).isFalse();
    }

    @Test
    void pathThroughANonObjectIsMissing() {
      assertThat(holds("(= user.name nil)", "{\"user\":\"ann\"}")).isTrue();
      assertThat(holds("(exists user.name)", "{\"user\":[{\"name\":\"ann\"}]}")).isFalse();
    }

    @Test
    void flattenedDottedKeyIsReadWhenNoNestedValueExists() {
      assertThat(holds("(= user.city \"Oslo\")", "{\"user.city\":\"Oslo\"}")).isTrue();
      assertThat(
              holds(
                  "(= user.city \"Oslo\")",
                  "{\"user\":{\"city\":\"Bergen\"},\"user.city\":\"Oslo\"}"))
          .isFalse();
    }
  }

  @Nested
  class Connectives {

    @Test
    void andNeedsAll() {
      String p = "(and (= segment \"gold\") (> spend 100))";
      assertThat(holds(p, "{\"segment\":\"gold\",\"spend\":101}")).isTrue();
      assertThat(holds(p, "{\"segment\":\"gold\",\"spend\":100}")).isFalse();
      assertThat(holds(p, "{\"spend\":101}")).isFalse();
    }

    @Test
    void orNeedsOne() {
      String p = "(or (= segment \"gold\") (= segment \"platinum\"))";
      assertThat(holds(p, "{\"segment\":\"platinum\"}")).isTrue();
      assertThat(holds(p, "{\"segment\":\"silver\"}")).isFalse();
      assertThat(holds("(or (= username \"cxengage\"))", "{\"username\":\"cxengage\"}")).isTrue();
    }

    @Test
    void notNegates() {
      assertThat(holds("(not (= segment \"gold\"))", "{\"segment\":\"silver\"}")).isTrue();
      assertThat(holds("(not (= segment \"gold\"))", "{\"segment\":\"gold\"}")).isFalse();
      assertThat(holds("(not (not (exists x)))", "{\"x\":1}")).isTrue();
    }
  }

  @Nested
  class ValuesOutOfRange {

    @Test
    void stringWithAnExponentBeyondBigDecimalComparesAsAString() {
      // Used to throw NumberFormatException out of test(): one such event stopped the job.
      assertThat(holds("(= t 5)", "{\"t\":\"1e99999999999\"}")).isFalse();
      assertThat(holds("(> t 5)", "{\"t\":\"1e99999999999\"}")).isFalse(); // '1' < '5'
      assertThat(holds("(= t \"1e99999999999\")", "{\"t\":\"1e99999999999\"}")).isTrue();
      assertThat(holds("(contains t \"1e99999999999\")", "{\"t\":[\"1e99999999999\"]}")).isTrue();
    }

    @Test
    void hugeExponentsCompareQuickly() {
      long start = System.nanoTime();
      assertThat(holds("(> t 5)", "{\"t\":\"1e999999999\"}")).isTrue();
      assertThat(holds("(< t 5)", "{\"t\":1e-999999999}")).isTrue();
      assertThat(holds("(= t 1e999999999)", "{\"t\":\"10e999999998\"}")).isTrue();
      assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    void nonFiniteDoublesCompareAsTheirText() {
      // Not produced by the job's parser, but a caller may build such a node by hand.
      ObjectNode event = JsonNodeFactory.instance.objectNode();
      event.set("t", DoubleNode.valueOf(Double.NaN));
      assertThat(compile("(= t 5)").test(event)).isFalse();
      assertThat(compile("(= t \"NaN\")").test(event)).isTrue();
      event.set("t", DoubleNode.valueOf(Double.POSITIVE_INFINITY));
      assertThat(compile("(> t 5)").test(event)).isTrue(); // "Infinity" > "5" by code point
    }
  }
}
