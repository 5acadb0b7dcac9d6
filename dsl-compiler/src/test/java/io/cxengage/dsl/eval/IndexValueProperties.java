package io.cxengage.dsl.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.dsl.PatternLanguage;
import io.cxengage.dsl.ast.Literal;
import io.cxengage.dsl.ast.Predicate;
import io.cxengage.dsl.ast.Trigger;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * The engine's index must agree with {@code =}: an event is offered to a pattern only when the
 * normal form of its value equals that of the pattern's literal, so for every value and every text
 * or number literal, {@code ofNode(x).equals(ofLiteral(lit))} exactly when {@code (= a lit)} holds.
 * Values and literals are drawn from a few numbers written many ways, so that equal values in
 * different notations meet often.
 */
class IndexValueProperties {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final List<BigDecimal> NUMBERS =
      List.of(
          new BigDecimal("0"),
          new BigDecimal("1"),
          new BigDecimal("5"),
          new BigDecimal("-2"),
          new BigDecimal("0.5"),
          new BigDecimal("1000"),
          new BigDecimal("123456789012345678901234567890"),
          new BigDecimal("1E+999999999"));

  @Property(tries = 3000)
  void indexAgreesWithEquals(@ForAll("cases") Tuple2<JsonNode, String> c) {
    JsonNode value = c.get1();
    String literal = c.get2();
    Literal lit = literalOf(literal);
    ObjectNode event = JSON.objectNode().set("a", value);
    boolean equal = EventPredicate.of(new Predicate.Compare(Predicate.Op.EQ, "a", lit)).test(event);
    String indexed = IndexValue.ofNode(value);
    boolean sameIndex = indexed != null && indexed.equals(IndexValue.ofLiteral(lit));
    assertThat(sameIndex)
        .as("index of %s against %s; (= a %s) is %s", value, literal, literal, equal)
        .isEqualTo(equal);
  }

  @Property(tries = 2000)
  void anIntegerIsNormalisedAsItsDecimalIs(@ForAll("integers") long value) {
    String expected =
        IndexValue.ofLiteral(new Literal.Number(BigDecimal.valueOf(value), Long.toString(value)));

    assertThat(IndexValue.ofNode(JSON.numberNode(value))).isEqualTo(expected);
    assertThat(IndexValue.ofNode(JSON.numberNode(BigInteger.valueOf(value)))).isEqualTo(expected);
    if (value == (int) value) {
      assertThat(IndexValue.ofNode(JSON.numberNode((int) value))).isEqualTo(expected);
    }
  }

  @Provide
  Arbitrary<Long> integers() {
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.longs().between(-1000, 1000),
        Arbitraries.longs().between(-100_000, 100_000).map(v -> v * 1000),
        Arbitraries.of(0L, 10L, -10L, Long.MIN_VALUE, Long.MAX_VALUE, 9_000_000_000_000_000_000L));
  }

  @Example
  void numberLiteralWrittenWithPlusOrLeadingZerosEqualsOnlyNumbers() {
    // (= a +5) and (= a 007) are the numbers 5 and 7: the strings "+5" and "007" are not numbers
    // (not JSON syntax) and their text is not the literal's value either.
    assertThat(holds("+5", JSON.textNode("+5"))).isFalse();
    assertThat(holds("+5", JSON.textNode("5"))).isTrue();
    assertThat(holds("007", JSON.textNode("007"))).isFalse();
    assertThat(holds("007", JSON.numberNode(7))).isTrue();
    assertThat(IndexValue.ofLiteral(literalOf("007")))
        .isEqualTo(IndexValue.ofNode(JSON.numberNode(7)));
  }

  @Example
  void containerEqualsNoTextOrNumberLiteral() {
    // The index cannot offer an array or an object under a value; = must not find one equal.
    assertThat(holds("\"[5]\"", JSON.arrayNode().add(5))).isFalse();
    assertThat(holds("\"{}\"", JSON.objectNode())).isFalse();
    assertThat(IndexValue.ofNode(JSON.arrayNode().add(5))).isNull();
  }

  @Example
  void hugeExponentsHaveShortNormalForms() {
    long start = System.nanoTime();
    String viaLiteral = IndexValue.ofLiteral(literalOf("1e999999999"));
    String viaString = IndexValue.ofNode(JSON.textNode("10e999999998"));
    String viaNumber = IndexValue.ofNode(JSON.numberNode(new BigDecimal("1.000E+999999999")));
    assertThat(viaLiteral).isEqualTo(viaString).isEqualTo(viaNumber).hasSizeLessThan(20);
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }

  @Example
  void stringBeyondBigDecimalRangeIsIndexedAsText() {
    assertThat(IndexValue.ofNode(JSON.textNode("1e99999999999"))).isEqualTo("s:1e99999999999");
  }

  private static boolean holds(String literal, JsonNode value) {
    return EventPredicate.of(new Predicate.Compare(Predicate.Op.EQ, "a", literalOf(literal)))
        .test(JSON.objectNode().set("a", value));
  }

  /** The literal the checker makes of {@code (= a literal)}. */
  static Literal literalOf(String literal) {
    Trigger.Event e =
        (Trigger.Event) PatternLanguage.checkWhen("(event (= a " + literal + "))").orThrow();
    return ((Predicate.Compare) e.predicate()).value();
  }

  /**
   * Half the cases derive the value and the literal from one seed text (the string "+5" and the
   * literal +5, the array [5] and the literal "[5]"): independent draws rarely meet like that.
   */
  @Provide
  Arbitrary<Tuple2<JsonNode, String>> cases() {
    Arbitrary<Tuple2<JsonNode, String>> independent =
        Combinators.combine(values(), literals()).as(Tuple::of);
    Arbitrary<String> seeds =
        Arbitraries.oneOf(
            strings(), Arbitraries.of("[5]", "[]", "{}", "{\"a\":\"x\"}", "[\"gold\"]"));
    Arbitrary<Tuple2<JsonNode, String>> related =
        seeds.flatMap(
            seed -> Combinators.combine(valuesFrom(seed), literalsFrom(seed)).as(Tuple::of));
    return Arbitraries.frequencyOf(Tuple.of(1, independent), Tuple.of(1, related));
  }

  private static Arbitrary<JsonNode> valuesFrom(String seed) {
    List<JsonNode> out = new ArrayList<>();
    out.add(JSON.textNode(seed));
    try {
      out.add(JSON.numberNode(new BigDecimal(seed.strip())));
    } catch (NumberFormatException e) {
      // not a number: the text alone
    }
    try {
      JsonNode parsed = MAPPER.readTree(seed);
      if (parsed != null && parsed.isContainerNode()) {
        out.add(parsed);
      }
    } catch (JsonProcessingException e) {
      // not JSON
    }
    return Arbitraries.of(out);
  }

  private static Arbitrary<String> literalsFrom(String seed) {
    List<String> out = new ArrayList<>();
    out.add(quoted(seed));
    if (seed.matches("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d{1,9})?")) {
      out.add(seed); // the reader takes it as a number token
    }
    return Arbitraries.of(out);
  }

  @Provide
  Arbitrary<JsonNode> values() {
    Arbitrary<BigDecimal> number = Arbitraries.of(NUMBERS);
    Arbitrary<JsonNode> decimal =
        Combinators.combine(number, Arbitraries.integers().between(0, 3))
            .as((n, zeros) -> JSON.numberNode(n.setScale(n.scale() + zeros)));
    Arbitrary<JsonNode> integral =
        number
            .filter(n -> n.stripTrailingZeros().scale() <= 0 && n.precision() - n.scale() < 40)
            .map(
                n -> {
                  BigInteger i = n.toBigIntegerExact();
                  return i.bitLength() < 31
                      ? JSON.numberNode(i.intValue())
                      : i.bitLength() < 63 ? JSON.numberNode(i.longValue()) : JSON.numberNode(i);
                });
    Arbitrary<JsonNode> dbl =
        Arbitraries.of(0.0, -0.0, 5.0, 0.5, -2.0, 1000.0, 1e300, Double.NaN)
            .map(d -> (JsonNode) JSON.numberNode(d));
    Arbitrary<JsonNode> text = strings().map(JSON::textNode);
    Arbitrary<JsonNode> bool = Arbitraries.of(true, false).map(JSON::booleanNode);
    Arbitrary<JsonNode> container =
        Arbitraries.of(
            JSON.arrayNode().add(5),
            JSON.arrayNode(),
            JSON.objectNode(),
            JSON.objectNode().put("a", "x"));
    return Arbitraries.frequencyOf(
        Tuple.of(3, decimal),
        Tuple.of(2, integral),
        Tuple.of(1, dbl),
        Tuple.of(5, text),
        Tuple.of(1, bool),
        Tuple.of(1, container));
  }

  @Provide
  Arbitrary<String> literals() {
    Arbitrary<String> numberToken = Arbitraries.of(NUMBERS).flatMap(IndexValueProperties::written);
    Arbitrary<String> textToken = strings().map(IndexValueProperties::quoted);
    return Arbitraries.oneOf(numberToken, textToken);
  }

  /** Strings near numbers: numeric ones in many notations, near misses and plain words. */
  private static Arbitrary<String> strings() {
    Arbitrary<String> numeric = Arbitraries.of(NUMBERS).flatMap(IndexValueProperties::written);
    Arbitrary<String> nearMiss =
        numeric.flatMap(
            s ->
                Arbitraries.of(
                    " " + s, s + " ", s + ".", "." + s, s + "x", "0" + s, s.replace("-", "+")));
    Arbitrary<String> words =
        Arbitraries.of(
            "",
            "five",
            "true",
            "false",
            "nil",
            "null",
            "NaN",
            "Infinity",
            "[5]",
            "{}",
            "1e99999999999");
    return Arbitraries.frequencyOf(
        Tuple.of(4, numeric),
        Tuple.of(3, nearMiss),
        Tuple.of(2, words),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(4)));
  }

  /** A number as the reader accepts it: plain, with trailing zeros, leading zeros, +, exponents. */
  private static Arbitrary<String> written(BigDecimal n) {
    String scientific = n.unscaledValue() + "e" + (-n.scale());
    String shifted = n.unscaledValue().multiply(BigInteger.TEN) + "E" + (-n.scale() - 1);
    if (n.scale() < -100) {
      return Arbitraries.of(scientific, shifted, n.toString(), "+" + scientific);
    }
    String plain = n.toPlainString();
    return Arbitraries.of(
        plain,
        n.toString(),
        n.stripTrailingZeros().toString(),
        plain.contains(".") ? plain + "0" : plain + ".000",
        n.signum() >= 0 ? "+" + plain : plain,
        n.signum() >= 0 ? "00" + plain : plain,
        scientific,
        shifted);
  }

  private static String quoted(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }
}
