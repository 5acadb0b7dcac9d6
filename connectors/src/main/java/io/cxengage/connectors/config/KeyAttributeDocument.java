package io.cxengage.connectors.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The tenant's key attribute ({@code tenant/key-attribute/key}); {@code id} when never set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeyAttributeDocument(String key, Long version) {

  public static final String DEFAULT_KEY = "id";
}
