package io.cxengage.connectors.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An augment ({@code tenant/augment/AUn}): {@code type} is {@code file} or {@code api}, {@code
 * service} is {@code engine} (before matching) or {@code notification} (before sending).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AugmentDocument(
    String id,
    String name,
    String type,
    String service,
    String description,
    @JsonProperty("augment-service") String augmentService,
    Options options,
    Long version) {

  /** The augment's options: the API's URL and the attributes to merge (all when absent). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Options(String url, List<String> attributes) {}
}
