package io.cxengage.connectors.config;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's credentials for one external service ({@code tenant/integration/<type>}). The fields
 * differ per type (api.md); those in {@link #SECRET_FIELDS} are stored encrypted by {@code
 * SecretCipher} and must be decrypted before use and masked in every response.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class IntegrationDocument {

  /** Field names whose values are secrets, for every integration type. */
  public static final Set<String> SECRET_FIELDS =
      Set.of("password", "consumer-secret", "secret-token", "api-key", "secret", "auth-token");

  private final Map<String, Object> fields = new LinkedHashMap<>();

  public IntegrationDocument() {}

  public IntegrationDocument(Map<String, ?> fields) {
    this.fields.putAll(fields);
  }

  @JsonAnySetter
  public void set(String name, Object value) {
    fields.put(name, value);
  }

  @JsonAnyGetter
  public Map<String, Object> fields() {
    return Collections.unmodifiableMap(fields);
  }

  /** The integration type: {@code type} when present, else {@code id}. */
  @JsonIgnore
  public String type() {
    Object type = fields.getOrDefault("type", fields.get("id"));
    return type == null ? null : type.toString();
  }

  @JsonIgnore
  public Optional<String> text(String name) {
    Object value = fields.get(name);
    return value == null ? Optional.empty() : Optional.of(value.toString());
  }

  public static boolean isSecret(String field) {
    return SECRET_FIELDS.contains(field);
  }
}
