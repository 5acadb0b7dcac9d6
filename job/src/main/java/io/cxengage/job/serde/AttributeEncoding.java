package io.cxengage.job.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cxengage.connectors.json.Json;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.types.StringValue;

/**
 * A compact tagged binary form of an event's attributes. Every event crosses the network once and
 * every event a partial match holds is written to and read from state; parsing them as JSON text
 * each time was a fifth of the CEP task's time.
 *
 * <p>Reading gives back the tree that was written, node type for node type (the JSON text form
 * turned a decimal {@code 12.0} into an integer {@code 12} on the way; matching compares numbers by
 * value, so it sees no difference). Node kinds the JSON parser never makes (doubles, floats, POJOs,
 * binary) are carried as JSON text and come back as parsing that text gives them.
 */
final class AttributeEncoding {

  private static final ObjectMapper MAPPER = Json.mapper();
  private static final JsonNodeFactory NODES = MAPPER.getNodeFactory();

  private static final int NULL = 0;
  private static final int TRUE = 1;
  private static final int FALSE = 2;
  private static final int INT = 3;
  private static final int LONG = 4;
  private static final int BIG_INTEGER = 5;
  private static final int DECIMAL = 6;
  private static final int TEXT = 7;
  private static final int ARRAY = 8;
  private static final int OBJECT = 9;
  private static final int JSON_TEXT = 10;

  private AttributeEncoding() {}

  static void write(ObjectNode attributes, DataOutput out) throws IOException {
    writeNode(attributes, out);
  }

  static ObjectNode read(DataInput in) throws IOException {
    JsonNode node = readNode(in);
    if (node instanceof ObjectNode object) {
      return object;
    }
    throw new IOException("Event attributes must be a JSON object, read " + node.getNodeType());
  }

  /** Skips one encoded tree, copying it to {@code out}, without building it. */
  static void copy(DataInput in, DataOutput out) throws IOException {
    int tag = in.readUnsignedByte();
    out.writeByte(tag);
    switch (tag) {
      case NULL, TRUE, FALSE -> {}
      case INT, LONG -> writeVarLong(readVarLong(in), out);
      case BIG_INTEGER -> copyBytes(in, out);
      case DECIMAL -> {
        writeVarLong(readVarLong(in), out);
        copyBytes(in, out);
      }
      case TEXT, JSON_TEXT -> copyText(in, out);
      case ARRAY -> {
        int size = copySize(in, out);
        for (int i = 0; i < size; i++) {
          copy(in, out);
        }
      }
      case OBJECT -> {
        int size = copySize(in, out);
        for (int i = 0; i < size; i++) {
          copyText(in, out);
          copy(in, out);
        }
      }
      default -> throw unknown(tag);
    }
  }

  private static void writeNode(JsonNode node, DataOutput out) throws IOException {
    if (node instanceof ObjectNode object) {
      out.writeByte(OBJECT);
      writeSize(object.size(), out);
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        writeText(field.getKey(), out);
        writeNode(field.getValue(), out);
      }
    } else if (node instanceof ArrayNode array) {
      out.writeByte(ARRAY);
      writeSize(array.size(), out);
      for (JsonNode element : array) {
        writeNode(element, out);
      }
    } else if (node instanceof TextNode text) {
      out.writeByte(TEXT);
      writeText(text.textValue(), out);
    } else if (node instanceof IntNode number) {
      out.writeByte(INT);
      writeVarLong(number.intValue(), out);
    } else if (node instanceof LongNode number) {
      out.writeByte(LONG);
      writeVarLong(number.longValue(), out);
    } else if (node instanceof DecimalNode number) {
      BigDecimal value = number.decimalValue();
      out.writeByte(DECIMAL);
      writeVarLong(value.scale(), out);
      writeBytes(value.unscaledValue().toByteArray(), out);
    } else if (node instanceof BigIntegerNode number) {
      out.writeByte(BIG_INTEGER);
      writeBytes(number.bigIntegerValue().toByteArray(), out);
    } else if (node instanceof BooleanNode bool) {
      out.writeByte(bool.booleanValue() ? TRUE : FALSE);
    } else if (node instanceof NullNode) {
      out.writeByte(NULL);
    } else {
      out.writeByte(JSON_TEXT);
      writeText(MAPPER.writeValueAsString(node), out);
    }
  }

  private static JsonNode readNode(DataInput in) throws IOException {
    int tag = in.readUnsignedByte();
    return switch (tag) {
      case NULL -> NullNode.getInstance();
      case TRUE -> BooleanNode.TRUE;
      case FALSE -> BooleanNode.FALSE;
      case INT -> IntNode.valueOf((int) readVarLong(in));
      case LONG -> LongNode.valueOf(readVarLong(in));
      case BIG_INTEGER -> BigIntegerNode.valueOf(new BigInteger(readBytes(in)));
      case DECIMAL -> {
        int scale = (int) readVarLong(in);
        yield DecimalNode.valueOf(new BigDecimal(new BigInteger(readBytes(in)), scale));
      }
      case TEXT -> TextNode.valueOf(readText(in));
      case ARRAY -> {
        int size = readSize(in);
        List<JsonNode> elements = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          elements.add(readNode(in));
        }
        yield new ArrayNode(NODES, elements);
      }
      case OBJECT -> {
        int size = readSize(in);
        // sized for its fields at the map's default load factor, so it never rehashes
        Map<String, JsonNode> fields = new LinkedHashMap<>(size * 4 / 3 + 1);
        for (int i = 0; i < size; i++) {
          String name = readText(in);
          fields.put(name, readNode(in));
        }
        yield new ObjectNode(NODES, fields);
      }
      case JSON_TEXT -> MAPPER.readTree(readText(in));
      default -> throw unknown(tag);
    };
  }

  /**
   * Writes a string: Latin-1 text (nearly all attribute names and values) as its length plus one
   * and a byte per character, which reads back with one bulk copy; other text as a zero and Flink's
   * {@link StringValue} form, which keeps every UTF-16 unit, lone surrogates too.
   */
  static void writeText(String text, DataOutput out) throws IOException {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      if (text.charAt(i) > 0xFF) {
        writeSize(0, out);
        StringValue.writeString(text, out);
        return;
      }
    }
    writeSize(length + 1, out);
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  static String readText(DataInput in) throws IOException {
    int latin1 = readSize(in);
    if (latin1 > 0) {
      byte[] bytes = new byte[latin1 - 1];
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    String text = StringValue.readString(in);
    if (text == null) {
      throw new IOException("Corrupt event attributes: a null string");
    }
    return text;
  }

  static void copyText(DataInput in, DataOutput out) throws IOException {
    int latin1 = readSize(in);
    writeSize(latin1, out);
    if (latin1 > 0) {
      byte[] bytes = new byte[latin1 - 1];
      in.readFully(bytes);
      out.write(bytes);
    } else {
      StringValue.copyString(in, out);
    }
  }

  private static void writeBytes(byte[] bytes, DataOutput out) throws IOException {
    writeSize(bytes.length, out);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInput in) throws IOException {
    byte[] bytes = new byte[readSize(in)];
    in.readFully(bytes);
    return bytes;
  }

  private static void copyBytes(DataInput in, DataOutput out) throws IOException {
    byte[] bytes = readBytes(in);
    writeBytes(bytes, out);
  }

  private static void writeSize(int size, DataOutput out) throws IOException {
    writeVarLong(size, out);
  }

  private static int readSize(DataInput in) throws IOException {
    long size = readVarLong(in);
    if (size < 0 || size > Integer.MAX_VALUE) {
      throw new IOException("Corrupt event attributes: size " + size);
    }
    return (int) size;
  }

  private static int copySize(DataInput in, DataOutput out) throws IOException {
    int size = readSize(in);
    writeSize(size, out);
    return size;
  }

  /** Zig-zag, then seven bits a byte: small numbers of either sign take one or two bytes. */
  private static void writeVarLong(long value, DataOutput out) throws IOException {
    long v = (value << 1) ^ (value >> 63);
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  private static long readVarLong(DataInput in) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (v >>> 1) ^ -(v & 1);
      }
    }
    throw new IOException("Corrupt event attributes: a number longer than 64 bits");
  }

  private static IOException unknown(int tag) {
    return new IOException(
        "Corrupt event attributes: unknown tag "
            + tag
            + " (state or records written by a newer engine version?)");
  }
}
