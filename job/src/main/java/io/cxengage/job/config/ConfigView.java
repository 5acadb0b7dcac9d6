package io.cxengage.job.config;

import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.config.KeyAttributeDocument;
import io.cxengage.connectors.config.PatternDocument;
import io.cxengage.connectors.config.TemplateDocument;
import io.cxengage.connectors.json.Json;
import io.cxengage.job.model.ConfigUpdate;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's view of the configuration log: per tenant, whether it exists, its key attribute, its
 * patterns and its templates. Every operator that needs configuration keeps one, fed by the
 * broadcast configuration stream; records of other kinds are ignored.
 */
public final class ConfigView {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigView.class);

  private final Map<String, TenantConfig> tenants = new HashMap<>();

  /** One tenant's configuration. */
  public static final class TenantConfig {
    boolean exists;
    String keyAttribute = KeyAttributeDocument.DEFAULT_KEY;
    final Map<String, PatternDocument> patterns = new LinkedHashMap<>();
    final Map<String, String> templates = new HashMap<>();

    public boolean exists() {
      return exists;
    }

    public String keyAttribute() {
      return keyAttribute;
    }

    public Map<String, PatternDocument> patterns() {
      return Collections.unmodifiableMap(patterns);
    }

    public Map<String, String> templates() {
      return Collections.unmodifiableMap(templates);
    }
  }

  /**
   * Applies one record of the log.
   *
   * @return the tenant it concerns and its kind, or empty when the record is not for the job
   */
  public Optional<ConfigKey> apply(ConfigUpdate update) {
    Optional<ConfigKey> parsed = ConfigKey.parse(update.key());
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    ConfigKey key = parsed.get();
    String value = update.value();
    try {
      switch (key.kind()) {
        case TENANT -> tenant(key.tenant()).exists = value != null;
        case KEY_ATTRIBUTE -> {
          String attr = value == null ? null : Json.read(value, KeyAttributeDocument.class).key();
          tenant(key.tenant()).keyAttribute =
              attr == null || attr.isBlank() ? KeyAttributeDocument.DEFAULT_KEY : attr;
        }
        case PATTERN -> {
          if (value == null) {
            tenant(key.tenant()).patterns.remove(key.id());
          } else {
            tenant(key.tenant()).patterns.put(key.id(), Json.read(value, PatternDocument.class));
          }
        }
        case TEMPLATE -> {
          if (value == null) {
            tenant(key.tenant()).templates.remove(key.id());
          } else {
            String text = Json.read(value, TemplateDocument.class).template();
            tenant(key.tenant()).templates.put(key.id(), text == null ? "" : text);
          }
        }
        default -> {
          return Optional.empty();
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("ignoring configuration record {} that cannot be read: {}", key, e.getMessage());
      return Optional.empty();
    }
    return Optional.of(key);
  }

  public TenantConfig tenant(String tenant) {
    return tenants.computeIfAbsent(tenant, t -> new TenantConfig());
  }

  public Optional<TenantConfig> existing(String tenant) {
    TenantConfig t = tenants.get(tenant);
    return t == null || !t.exists ? Optional.empty() : Optional.of(t);
  }

  /** Whether a configuration record is one the job reads. */
  public static boolean concernsJob(ConfigKind kind) {
    return switch (kind) {
      case TENANT, KEY_ATTRIBUTE, PATTERN, TEMPLATE, INTEGRATION -> true;
      default -> false;
    };
  }
}
