package io.cxengage.connectors.listeners;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a third-party record into an event with a listener's {@code mapping} ({@code {our
 * attribute: their dotted path}}). Pure: no Kafka, no HTTP, so the runner's clients and the admin
 * API's webhook map identically.
 *
 * <p>A path is followed segment by segment through objects; a segment that is a non-negative
 * integer indexes an array ({@code items.0.sku}). A field whose own name is the whole path (a key
 * with dots in it) wins over the walk. Attributes whose path leads nowhere or to {@code null} are
 * left out of the event. The tenant's key attribute is the exception: it must be mapped (else the
 * listener cannot run, see {@link #mappingProblem}) and it must lead to a string or a number (else
 * the record is unmappable and goes to the dead-letter topic).
 *
 * <p>The event also carries {@code listener}: the id of the listener it came through, so patterns
 * can tell sources apart. A mapping that defines {@code listener} itself wins.
 */
public final class RecordMapper {

  /** The attribute that names the listener an event came through. */
  public static final String LISTENER_ATTRIBUTE = "listener";

  /** What became of one record. */
  public sealed interface Outcome {

    /** The record mapped to this event. */
    record Mapped(ObjectNode event) implements Outcome {}

    /** The record could not be mapped, for this reason. */
    record Unmappable(String reason) implements Outcome {}
  }

  private RecordMapper() {}

  /**
   * Why a listener with this mapping cannot run for a tenant whose key attribute is {@code
   * keyAttribute}; empty when it can.
   */
  public static Optional<String> mappingProblem(Map<String, String> mapping, String keyAttribute) {
    if (mapping == null || mapping.isEmpty()) {
      return Optional.of(
          "the listener has no mapping; map at least the tenant's key attribute '"
              + keyAttribute
              + "'");
    }
    String path = mapping.get(keyAttribute);
    if (path == null || path.isBlank()) {
      return Optional.of(
          "the mapping has no entry for the tenant's key attribute '"
              + keyAttribute
              + "': add \""
              + keyAttribute
              + "\": \"<path in the record>\" to the listener's mapping");
    }
    return Optional.empty();
  }

  /**
   * Maps one record.
   *
   * @param record the third party's record (a JSON object)
   * @param listenerId the listener's id, set as {@link #LISTENER_ATTRIBUTE}
   */
  public static Outcome map(
      JsonNode record, Map<String, String> mapping, String keyAttribute, String listenerId) {
    Optional<String> problem = mappingProblem(mapping, keyAttribute);
    if (problem.isPresent()) {
      return new Outcome.Unmappable(problem.get());
    }
    if (record == null || !record.isObject()) {
      return new Outcome.Unmappable(
          "the record is not a JSON object but " + describe(record) + "; nothing to map");
    }
    String keyPath = mapping.get(keyAttribute);
    JsonNode key = resolve(record, keyPath);
    if (key == null || !(key.isTextual() || key.isNumber())) {
      return new Outcome.Unmappable(
          "the key attribute '"
              + keyAttribute
              + "' is mapped to '"
              + keyPath
              + "', which in this record is "
              + describe(key)
              + ", not a string or a number");
    }
    ObjectNode event = Json.mapper().createObjectNode();
    if (listenerId != null) {
      event.put(LISTENER_ATTRIBUTE, listenerId);
    }
    mapping.forEach(
        (attribute, path) -> {
          JsonNode value = resolve(record, path);
          if (value != null && !value.isNull()) {
            event.set(attribute, value.deepCopy());
          }
        });
    return new Outcome.Mapped(event);
  }

  /** The value at a dotted path; null when the path leads nowhere. */
  public static JsonNode resolve(JsonNode record, String path) {
    if (record == null || path == null || path.isEmpty()) {
      return null;
    }
    if (record.isObject() && record.has(path)) {
      return record.get(path);
    }
    JsonNode current = record;
    for (String segment : path.split("\\.", -1)) {
      if (current == null) {
        return null;
      }
      if (current.isObject()) {
        current = current.get(segment);
      } else if (current.isArray() && isIndex(segment)) {
        current = current.get(Integer.parseInt(segment));
      } else {
        return null;
      }
    }
    return current;
  }

  private static boolean isIndex(String segment) {
    return !segment.isEmpty()
        && segment.length() < 10
        && segment.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "missing";
    }
    if (value.isNull()) {
      return "null";
    }
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    return "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }
}
