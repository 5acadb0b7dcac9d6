package io.cxengage.admin.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An account ({@code _platform/user/<client-id>}): who it is, which tenants it may use, whether it
 * is a platform admin, and the hash of its client secret. The secret itself is never stored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record User(
    @JsonProperty("client-id") String clientId,
    String email,
    String name,
    List<String> tenants,
    boolean admin,
    @JsonProperty("secret-hash") String secretHash,
    Long version) {

  public User {
    tenants = tenants == null ? List.of() : List.copyOf(tenants);
  }

  /** Whether this account may use the tenant: a platform admin may use every tenant. */
  public boolean mayUse(String tenant) {
    return admin || tenants.contains(tenant);
  }

  public User withTenants(List<String> newTenants) {
    return new User(clientId, email, name, newTenants, admin, secretHash, next());
  }

  public User withName(String newName) {
    return new User(clientId, email, newName, tenants, admin, secretHash, next());
  }

  public User withAdmin(boolean newAdmin) {
    return new User(clientId, email, name, tenants, newAdmin, secretHash, next());
  }

  public User withSecretHash(String newHash) {
    return new User(clientId, email, name, tenants, admin, newHash, next());
  }

  private Long next() {
    return version == null ? 1L : version + 1;
  }
}
