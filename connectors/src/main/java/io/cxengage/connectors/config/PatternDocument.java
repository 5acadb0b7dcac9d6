package io.cxengage.connectors.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A pattern as stored in the configuration log ({@code tenant/pattern/PTn}). {@code version} counts
 * every change of the document; the job derives the version of a pattern's matching state from the
 * text of {@code when}, so changes to other fields keep partial matches.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PatternDocument(
    String id,
    String name,
    String description,
    Boolean status,
    String when,
    String then,
    Long version) {

  /** Whether the pattern is enabled; a missing status means disabled (api.md). */
  public boolean enabled() {
    return Boolean.TRUE.equals(status);
  }
}
