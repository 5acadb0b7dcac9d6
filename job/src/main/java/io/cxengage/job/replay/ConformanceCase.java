package io.cxengage.job.replay;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxengage.connectors.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A conformance case (conformance/README.md): a tenant's key attribute, templates and patterns, the
 * events in arrival order, and the reactions (or the errors) to expect.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConformanceCase(
    String name,
    String description,
    String keyAttribute,
    Map<String, String> templates,
    List<CasePattern> patterns,
    List<CaseEvent> events,
    List<ObjectNode> expect,
    List<ExpectedError> expectErrors) {

  /** The tenant every case runs in. */
  public static final String TENANT = "conformance";

  /** A pattern of the case, saved in order. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CasePattern(String id, String name, String when, String then, Boolean status) {}

  /** An event and its event time ({@code at} replaces any timestamp attribute). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record CaseEvent(String at, JsonNode event) {}

  /** An error saving the patterns must give. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ExpectedError(String field, Integer line, Integer column) {}

  public static ConformanceCase read(Path file) throws IOException {
    return Json.mapper().readValue(Files.readAllBytes(file), ConformanceCase.class);
  }

  public Map<String, String> templatesOrEmpty() {
    return templates == null ? Map.of() : templates;
  }

  public boolean expectsErrors() {
    return expectErrors != null;
  }
}
