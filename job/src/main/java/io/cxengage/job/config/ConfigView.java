package io.cxengage.job.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxengage.connectors.config.AugmentDocument;
import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;
import io.cxengage.connectors.config.KeyAttributeDocument;
import io.cxengage.connectors.config.PatternDocument;
import io.cxengage.connectors.config.TemplateDocument;
import io.cxengage.connectors.json.Json;
import io.cxengage.job.augment.Augment;
import io.cxengage.job.model.ConfigUpdate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's view of the configuration log: per tenant, whether it exists, its key attribute, its
 * patterns, its templates and its augments (with the join column of each uploaded file). Every
 * operator that needs configuration keeps one, fed by the broadcast configuration stream; records
 * of other kinds are ignored.
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
    final Map<String, AugmentDocument> augmentDocuments = new HashMap<>();
    final Map<String, String> joinColumns = new HashMap<>();
    private Map<Augment.Service, List<Augment>> augments;

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

    /**
     * The usable augments of one service (a file with an upload, an API with a URL), in the order
     * they apply ({@link Augment#ID_ORDER}). Built once per change, as every event asks.
     */
    public List<Augment> augments(Augment.Service service) {
      if (augments == null) {
        augments = new EnumMap<>(Augment.Service.class);
        for (Augment.Service s : Augment.Service.values()) {
          augments.put(s, new ArrayList<>());
        }
        for (Map.Entry<String, AugmentDocument> doc : augmentDocuments.entrySet()) {
          Augment.of(doc.getKey(), doc.getValue(), joinColumns.get(doc.getKey()))
              .filter(Augment::usable)
              .ifPresent(a -> augments.get(a.service()).add(a));
        }
        for (List<Augment> list : augments.values()) {
          list.sort((a, b) -> Augment.ID_ORDER.compare(a.id(), b.id()));
        }
      }
      return augments.get(service);
    }

    /** The service of an augment, if the tenant has it. */
    public Optional<Augment.Service> augmentService(String id) {
      AugmentDocument doc = augmentDocuments.get(id);
      return doc == null ? Optional.empty() : Augment.of(id, doc, null).map(Augment::service);
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
        case AUGMENT -> {
          TenantConfig t = tenant(key.tenant());
          if (value == null) {
            t.augmentDocuments.remove(key.id());
          } else {
            t.augmentDocuments.put(key.id(), Json.read(value, AugmentDocument.class));
          }
          t.augments = null;
        }
        case AUGMENT_FILE -> {
          // the upload's manifest (owned by the admin API): its first column is the join key
          TenantConfig t = tenant(key.tenant());
          JsonNode first = value == null ? null : Json.tree(value).path("columns").path(0);
          if (first == null || !first.isTextual()) {
            t.joinColumns.remove(key.id());
          } else {
            t.joinColumns.put(key.id(), first.asText());
          }
          t.augments = null;
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
      case TENANT, KEY_ATTRIBUTE, PATTERN, TEMPLATE, INTEGRATION, AUGMENT, AUGMENT_FILE -> true;
      default -> false;
    };
  }
}
