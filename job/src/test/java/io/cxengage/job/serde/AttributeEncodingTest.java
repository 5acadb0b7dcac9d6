package io.cxengage.job.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class AttributeEncodingTest {

  private static final ObjectMapper MAPPER = Json.mapper();

  /** What the JSON form gave: the attributes written as JSON text and parsed back. */
  private static JsonNode throughJson(JsonNode attributes) throws IOException {
    return MAPPER.readTree(MAPPER.writeValueAsBytes(attributes));
  }

  private static byte[] encode(ObjectNode attributes) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    AttributeEncoding.write(attributes, out);
    return out.getCopyOfBuffer();
  }

  private static ObjectNode decode(byte[] bytes) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(bytes);
    ObjectNode read = AttributeEncoding.read(in);
    assertThat(in.available()).as("bytes left after the attributes").isZero();
    return read;
  }

  /** Equal node for node, including each number's node type and a decimal's scale. */
  private static void assertIdentical(JsonNode actual, JsonNode expected) {
    assertThat(actual.getClass()).isEqualTo(expected.getClass());
    assertThat(actual).isEqualTo(expected);
    if (expected.isBigDecimal()) {
      assertThat(actual.decimalValue().scale()).isEqualTo(expected.decimalValue().scale());
    }
    if (expected.isContainerNode()) {
      assertThat(actual.size()).isEqualTo(expected.size());
      if (expected.isObject()) {
        assertThat(actual.fieldNames())
            .toIterable()
            .containsExactlyElementsOf(expected::fieldNames);
      }
      for (int i = 0; i < expected.size(); i++) {
        assertIdentical(
            expected.isObject() ? actual.get(fieldAt(expected, i)) : actual.get(i),
            expected.isObject() ? expected.get(fieldAt(expected, i)) : expected.get(i));
      }
    }
  }

  private static String fieldAt(JsonNode object, int i) {
    var names = object.fieldNames();
    for (int k = 0; k < i; k++) {
      names.next();
    }
    return names.next();
  }

  @Property(tries = 500)
  void readsBackTheTreeTheParserMade(@ForAll long seed) throws IOException {
    ObjectNode parsed = (ObjectNode) MAPPER.readTree(RandomJson.object(new Random(seed), 0));

    ObjectNode read = decode(encode(parsed));

    // the same node types and decimal scales; the JSON form lost some (a decimal 12.0 came back
    // an integer 12), which matching never saw, as it compares numbers by value
    assertIdentical(read, parsed);
    assertThat(read).isEqualTo(parsed).isNotSameAs(parsed);
  }

  @Property(tries = 200)
  void matchesTheJsonFormNumberForNumber(@ForAll long seed) throws IOException {
    ObjectNode parsed = (ObjectNode) MAPPER.readTree(RandomJson.object(new Random(seed), 0));

    assertThat(IndexValues.of(decode(encode(parsed))))
        .isEqualTo(IndexValues.of(throughJson(parsed)));
  }

  @Property(tries = 200)
  void copiesWithoutChangingAByte(@ForAll long seed) throws IOException {
    byte[] bytes = encode((ObjectNode) MAPPER.readTree(RandomJson.object(new Random(seed), 0)));
    DataInputDeserializer in = new DataInputDeserializer(bytes);
    DataOutputSerializer out = new DataOutputSerializer(16);

    AttributeEncoding.copy(in, out);

    assertThat(in.available()).isZero();
    assertThat(out.getCopyOfBuffer()).isEqualTo(bytes);
  }

  @Test
  void nodesTheParserNeverMakesComeBackAsTheirJsonTextParses() throws IOException {
    ObjectNode built = MAPPER.createObjectNode();
    built.put("double", 0.1);
    built.put("float", 2.5f);
    built.put("short", (short) 7);
    built.put("binary", new byte[] {1, 2, 3});
    built.putPOJO("pojo", java.util.Map.of("a", 1));
    built.putArray("mixed").add(1e300).add(Long.MAX_VALUE).add("x");

    assertIdentical(decode(encode(built)), throughJson(built));
  }

  @Test
  void keepsDeepNestingAndLongStrings() throws IOException {
    String deep =
        "{\"a\":".repeat(Json.MAX_NESTING_DEPTH - 1) + "1" + "}".repeat(Json.MAX_NESTING_DEPTH - 1);
    ObjectNode nested = (ObjectNode) MAPPER.readTree(deep);
    ObjectNode longText = MAPPER.createObjectNode().put("text", "é".repeat(100_000));

    assertIdentical(decode(encode(nested)), nested);
    assertIdentical(decode(encode(longText)), longText);
  }

  @Test
  void keepsEveryStringUnitForUnit() throws IOException {
    List<String> texts =
        List.of("", "T7", "Ünïcödé Latin-1 ÿ", "日本語", "😀", "lone \ud800 high", "lone \udc00 low");
    DataOutputSerializer out = new DataOutputSerializer(16);
    for (String text : texts) {
      AttributeEncoding.writeText(text, out);
    }
    byte[] bytes = out.getCopyOfBuffer();

    DataInputDeserializer in = new DataInputDeserializer(bytes);
    for (String text : texts) {
      assertThat(AttributeEncoding.readText(in)).isEqualTo(text);
    }
    DataInputDeserializer again = new DataInputDeserializer(bytes);
    DataOutputSerializer copied = new DataOutputSerializer(16);
    for (int i = 0; i < texts.size(); i++) {
      AttributeEncoding.copyText(again, copied);
    }
    assertThat(copied.getCopyOfBuffer()).isEqualTo(bytes);
  }

  @Test
  void isSmallerThanTheJsonTextForATypicalEvent() throws IOException {
    ObjectNode event =
        (ObjectNode)
            MAPPER.readTree(
                "{\"id\":\"customer-48213\",\"type\":\"T7\",\"code\":3,\"amount\":12.50,"
                    + "\"channel\":\"web\"}");

    assertThat(encode(event).length).isLessThan(MAPPER.writeValueAsBytes(event).length);
  }

  @Test
  void refusesCorruptInputWithAReason() {
    assertThatThrownBy(() -> decode(new byte[] {42}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("unknown tag 42");
    assertThatThrownBy(() -> decode(new byte[] {1}))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("must be a JSON object");
  }

  /** Every leaf's path and normal form as the pattern index and comparisons see it. */
  static final class IndexValues {
    static java.util.Map<String, String> of(JsonNode node) {
      java.util.Map<String, String> leaves = new java.util.TreeMap<>();
      collect("", node, leaves);
      return leaves;
    }

    private static void collect(String path, JsonNode node, java.util.Map<String, String> leaves) {
      if (node.isObject()) {
        node.fields().forEachRemaining(f -> collect(path + "/" + f.getKey(), f.getValue(), leaves));
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          collect(path + "[" + i + "]", node.get(i), leaves);
        }
      } else {
        leaves.put(path, String.valueOf(io.cxengage.dsl.eval.IndexValue.ofNode(node)));
      }
    }
  }

  /** Random JSON text with the number forms, strings and nesting that events carry. */
  static final class RandomJson {

    private static final String[] NUMBERS = {
      "0",
      "-0",
      "7",
      "-12",
      "2147483647",
      "2147483648",
      "-2147483649",
      "9223372036854775807",
      "9223372036854775808",
      "-92233720368547758090",
      "12.50",
      "1e3",
      "1E-7",
      "-0.0",
      "3.14159",
      "1.0e+300",
      "0.1",
      "100",
      "5e-324",
      "123456789012345678901234567890.5"
    };
    private static final String[] TEXTS = {
      "",
      "T0",
      "customer-1",
      "é",
      "日本語",
      "😀 surrogate",
      "quote \\\" and \\\\",
      "tab\\t",
      "\\u0000nul"
    };

    static String object(Random random, int depth) {
      StringBuilder json = new StringBuilder("{");
      int fields = random.nextInt(depth == 0 ? 8 : 4);
      for (int i = 0; i < fields; i++) {
        if (i > 0) {
          json.append(',');
        }
        json.append('"').append(TEXTS[random.nextInt(TEXTS.length)]).append(i).append("\":");
        json.append(value(random, depth + 1));
      }
      return json.append('}').toString();
    }

    private static String value(Random random, int depth) {
      int kind = random.nextInt(depth > 4 ? 5 : 7);
      return switch (kind) {
        case 0 -> "null";
        case 1 -> random.nextBoolean() ? "true" : "false";
        case 2, 3 -> NUMBERS[random.nextInt(NUMBERS.length)];
        case 4 -> '"' + TEXTS[random.nextInt(TEXTS.length)] + '"';
        case 5 -> object(random, depth);
        default -> {
          StringBuilder array = new StringBuilder("[");
          int n = random.nextInt(4);
          for (int i = 0; i < n; i++) {
            array.append(i > 0 ? "," : "").append(value(random, depth + 1));
          }
          yield array.append(']').toString();
        }
      };
    }
  }
}
