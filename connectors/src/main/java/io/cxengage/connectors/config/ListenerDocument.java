package io.cxengage.connectors.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A listener ({@code tenant/listener/LIn}) that maps records of a third-party stream to events.
 * {@code mapping} is {@code {our attribute: their dotted path}}. {@code secretHash} guards the
 * generic webhook and is never returned.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListenerDocument(
    String id,
    String name,
    String type,
    Boolean status,
    Map<String, String> mapping,
    String topic,
    String version,
    String hash,
    @JsonProperty("secret-hash") String secretHash,
    @JsonProperty("doc-version") Long docVersion) {

  public boolean enabled() {
    return Boolean.TRUE.equals(status);
  }
}
