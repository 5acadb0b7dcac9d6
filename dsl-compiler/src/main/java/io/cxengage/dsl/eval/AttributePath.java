package io.cxengage.dsl.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;

/**
 * A dotted attribute name ({@code user.address.city}) split once, so that reading it from an event
 * allocates nothing. Reading walks nested objects; when that finds nothing, a top-level key that
 * contains the dots itself is tried, for producers that flatten their names.
 */
public final class AttributePath implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String name;
  private final String[] segments;

  public AttributePath(String name) {
    this.name = name;
    this.segments = name.split("\\.", -1);
  }

  public String name() {
    return name;
  }

  /** The value at this path, or null when it is missing or JSON null. */
  public JsonNode read(JsonNode root) {
    if (root == null) {
      return null;
    }
    JsonNode node = root;
    for (String segment : segments) {
      node = node.get(segment);
      if (node == null) {
        break;
      }
    }
    if (node == null && segments.length > 1) {
      node = root.get(name);
    }
    return node == null || node.isNull() || node.isMissingNode() ? null : node;
  }

  @Override
  public String toString() {
    return name;
  }
}
