package io.cxengage.connectors.config;

import java.util.Optional;

/**
 * The key of a configuration-log record: {@code tenant/kind/id}. Platform-wide documents (users)
 * use the tenant {@link #PLATFORM}. The id may itself contain {@code /}; tenant ids may not.
 *
 * <p>Well-known ids: the key attribute is {@code tenant/key-attribute/key}; a tenant's own document
 * is {@code tenant/tenant/tenant}; an integration's id is its type ({@code t/integration/twilio}).
 */
public record ConfigKey(String tenant, ConfigKind kind, String id) {

  /** The pseudo-tenant of platform-wide documents such as users. */
  public static final String PLATFORM = "_platform";

  public static final String KEY_ATTRIBUTE_ID = "key";

  public ConfigKey {
    if (tenant == null || tenant.isEmpty() || tenant.contains("/")) {
      throw new IllegalArgumentException("tenant id must be non-empty and contain no '/'");
    }
    if (kind == null || id == null || id.isEmpty()) {
      throw new IllegalArgumentException("config key needs a kind and an id");
    }
  }

  public static ConfigKey tenant(String tenant) {
    return new ConfigKey(tenant, ConfigKind.TENANT, tenant);
  }

  public static ConfigKey keyAttribute(String tenant) {
    return new ConfigKey(tenant, ConfigKind.KEY_ATTRIBUTE, KEY_ATTRIBUTE_ID);
  }

  public static ConfigKey of(String tenant, ConfigKind kind, String id) {
    return new ConfigKey(tenant, kind, id);
  }

  /** Parses {@code tenant/kind/id}; empty when the text is not such a key. */
  public static Optional<ConfigKey> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int first = text.indexOf('/');
    int second = first < 0 ? -1 : text.indexOf('/', first + 1);
    if (first <= 0 || second < 0 || second == text.length() - 1) {
      return Optional.empty();
    }
    Optional<ConfigKind> kind = ConfigKind.fromWireName(text.substring(first + 1, second));
    return kind.map(k -> new ConfigKey(text.substring(0, first), k, text.substring(second + 1)));
  }

  @Override
  public String toString() {
    return tenant + "/" + kind.wireName() + "/" + id;
  }
}
