package io.cxengage.dsl.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** A param value of a send: a literal, a {@code *ref*} into the context, a map or a vector. */
public sealed interface Value extends Serializable {

  /** A JSON literal (string, number, boolean). Held as JSON text so the plan stays serialisable. */
  record Literal(String json) implements Value {
    public static Literal of(JsonNode node) {
      return new Literal(node.toString());
    }
  }

  /** {@code *name*}; {@code path} may be dotted. */
  record Ref(String path) implements Value {}

  record MapValue(Map<String, Value> entries) implements Value {}

  record Vector(List<Value> items) implements Value {}
}
