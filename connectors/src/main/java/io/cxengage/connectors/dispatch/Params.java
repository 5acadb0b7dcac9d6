package io.cxengage.connectors.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a send's params and credentials, failing with an {@link InvalidSendException} that names
 * the missing one. Scalars are read as text, so a phone number rendered as a number still works.
 */
public final class Params {

  private final SendRequest request;

  public Params(SendRequest request) {
    this.request = request;
  }

  /** A mandatory param; blank counts as missing. */
  public String required(String name) {
    return optional(name)
        .orElseThrow(
            () ->
                new InvalidSendException(
                    "missing mandatory param '"
                        + name
                        + "' for "
                        + request.integration()
                        + " "
                        + request.action()));
  }

  /** An optional param as text; objects and arrays are given as their JSON. */
  public Optional<String> optional(String name) {
    JsonNode value = request.params().get(name);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    String text = value.isValueNode() ? value.asText() : value.toString();
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  /** A param that may be one text or an array of texts; empty when absent. */
  public List<String> list(String name) {
    JsonNode value = request.params().get(name);
    List<String> values = new ArrayList<>();
    if (value != null && value.isArray()) {
      value.forEach(
          item -> {
            if (!item.isNull() && !item.asText().isBlank()) {
              values.add(item.asText());
            }
          });
    } else {
      optional(name).ifPresent(values::add);
    }
    return values;
  }

  /** The param, or else the integration's field of the same role, e.g. {@code from}. */
  public String requiredWithDefault(String param, Credentials credentials, String field) {
    return optional(param)
        .or(() -> credentials.optional(field))
        .orElseThrow(
            () ->
                new InvalidSendException(
                    "missing param '%s' for %s %s, and the %s integration has no '%s' to default to"
                        .formatted(
                            param,
                            request.integration(),
                            request.action(),
                            request.integration(),
                            field)));
  }

  /** The params without the named ones, for services that take "everything else" as data. */
  public ObjectNode without(String... names) {
    ObjectNode copy = request.params().deepCopy();
    copy.remove(List.of(names));
    return copy;
  }
}
