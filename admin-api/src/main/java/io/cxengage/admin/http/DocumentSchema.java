package io.cxengage.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.admin.error.BadRequestException;
import io.cxengage.connectors.json.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields a resource accepts in a request body: their types, which are required on creation, and
 * which are accepted but not stored (such as an {@code id} in a create body, as the original
 * examples send). Anything else is refused with 400 naming the field.
 */
public final class DocumentSchema {

  /** The JSON type of a field. */
  public enum Type {
    STRING("a string"),
    BOOLEAN("true or false"),
    INTEGER("a whole number"),
    STRING_MAP("an object whose values are strings"),
    STRING_LIST("an array of strings"),
    OBJECT("an object");

    private final String description;

    Type(String description) {
      this.description = description;
    }
  }

  private record Field(Type type, boolean required) {}

  private final String resource;
  private final Map<String, Field> fields = new LinkedHashMap<>();
  private final Map<String, DocumentSchema> nested = new LinkedHashMap<>();
  private final List<String> ignored = new ArrayList<>();

  public DocumentSchema(String resource) {
    this.resource = resource;
  }

  public DocumentSchema required(String name, Type type) {
    fields.put(name, new Field(type, true));
    return this;
  }

  public DocumentSchema optional(String name, Type type) {
    fields.put(name, new Field(type, false));
    return this;
  }

  /** An optional object field whose own fields are checked by {@code schema}. */
  public DocumentSchema object(String name, DocumentSchema schema) {
    fields.put(name, new Field(Type.OBJECT, false));
    nested.put(name, schema);
    return this;
  }

  /** Fields that are accepted and dropped. */
  public DocumentSchema ignoring(String... names) {
    ignored.addAll(List.of(names));
    return this;
  }

  public Set<String> fieldNames() {
    return fields.keySet();
  }

  /**
   * Checks a body and returns its known fields (ignored ones removed). On creation required fields
   * must be present and not null; on update, a null clears an optional field and is refused for a
   * required one.
   */
  public ObjectNode check(ObjectNode body, boolean create) {
    return check(body, create, "");
  }

  private ObjectNode check(ObjectNode body, boolean create, String path) {
    ObjectNode clean = Json.mapper().createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      String qualified = path + name;
      if (ignored.contains(name)) {
        continue;
      }
      Field field = fields.get(name);
      if (field == null) {
        throw new BadRequestException(
                "unknown field '"
                    + qualified
                    + "' in "
                    + resource
                    + "; its fields are: "
                    + String.join(", ", fields.keySet()))
            .with("field", qualified);
      }
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        if (field.required()) {
          throw new BadRequestException("field '" + qualified + "' is required and cannot be null")
              .with("field", qualified);
        }
        if (!create) {
          clean.set(name, value);
        }
        continue;
      }
      if (!fits(value, field.type())) {
        throw new BadRequestException(
                "field '" + qualified + "' must be " + field.type().description)
            .with("field", qualified);
      }
      if (field.type() == Type.STRING && field.required() && value.asText().isBlank()) {
        throw new BadRequestException("field '" + qualified + "' must not be empty")
            .with("field", qualified);
      }
      DocumentSchema inner = nested.get(name);
      clean.set(
          name, inner == null ? value : inner.check((ObjectNode) value, true, qualified + "."));
    }
    if (create) {
      for (Map.Entry<String, Field> entry : fields.entrySet()) {
        if (entry.getValue().required() && !clean.hasNonNull(entry.getKey())) {
          throw new BadRequestException(
                  "field '" + path + entry.getKey() + "' is required in " + resource)
              .with("field", path + entry.getKey());
        }
      }
    }
    return clean;
  }

  private static boolean fits(JsonNode value, Type type) {
    return switch (type) {
      case STRING -> value.isTextual();
      case BOOLEAN -> value.isBoolean();
      case INTEGER -> value.canConvertToLong() && value.isIntegralNumber();
      case OBJECT -> value.isObject();
      case STRING_MAP -> value.isObject() && all(value, JsonNode::isTextual);
      case STRING_LIST -> value.isArray() && all(value, JsonNode::isTextual);
    };
  }

  private static boolean all(JsonNode container, java.util.function.Predicate<JsonNode> test) {
    for (JsonNode element : container) {
      if (!test.test(element)) {
        return false;
      }
    }
    return true;
  }
}
