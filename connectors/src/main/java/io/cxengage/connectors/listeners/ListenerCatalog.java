package io.cxengage.connectors.listeners;

import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.IntegrationDocument;
import io.cxengage.connectors.config.KeyAttributeDocument;
import io.cxengage.connectors.config.ListenerDocument;
import io.cxengage.connectors.json.Json;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the runner knows of {@code cx.config}: every tenant's listeners, integrations, key attribute
 * and the listener statuses last reported, kept up to date record by record in log order. Other
 * kinds are ignored. Not thread-safe: the runner's loop owns it.
 */
public final class ListenerCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(ListenerCatalog.class);

  private final Map<ListenerKey, ListenerDocument> listeners = new HashMap<>();
  private final Map<String, IntegrationDocument> integrations = new HashMap<>();
  private final Map<String, String> keyAttributes = new HashMap<>();
  private final Map<ListenerKey, ListenerStatus> statuses = new HashMap<>();

  /**
   * Applies one record of the log (a null value deletes).
   *
   * @return whether it changed what the runner must run
   */
  public boolean apply(String key, byte[] value) {
    Optional<ConfigKey> parsed = ConfigKey.parse(key);
    if (parsed.isEmpty()) {
      return false;
    }
    ConfigKey k = parsed.get();
    try {
      switch (k.kind()) {
        case LISTENER -> {
          ListenerKey listener = new ListenerKey(k.tenant(), k.id());
          put(listeners, listener, value == null ? null : Json.read(value, ListenerDocument.class));
          return true;
        }
        case INTEGRATION -> {
          put(
              integrations,
              k.tenant() + "/" + k.id(),
              value == null ? null : Json.read(value, IntegrationDocument.class));
          return true;
        }
        case KEY_ATTRIBUTE -> {
          String attribute =
              value == null ? null : Json.read(value, KeyAttributeDocument.class).key();
          put(
              keyAttributes,
              k.tenant(),
              attribute == null || attribute.isBlank() ? null : attribute);
          return true;
        }
        case LISTENER_STATUS -> {
          ListenerKey listener = new ListenerKey(k.tenant(), k.id());
          put(statuses, listener, value == null ? null : Json.read(value, ListenerStatus.class));
          return false;
        }
        default -> {
          return false;
        }
      }
    } catch (RuntimeException malformed) {
      // One bad document must not stop every tenant's listeners.
      LOG.warn("skipped the malformed configuration document {}: {}", key, malformed.getMessage());
      return false;
    }
  }

  private static <K, V> void put(Map<K, V> map, K key, V value) {
    if (value == null) {
      map.remove(key);
    } else {
      map.put(key, value);
    }
  }

  public Set<ListenerKey> listenerKeys() {
    return Set.copyOf(listeners.keySet());
  }

  public Optional<ListenerDocument> listener(ListenerKey key) {
    return Optional.ofNullable(listeners.get(key));
  }

  /** The tenant's key attribute; {@code id} when never set. */
  public String keyAttribute(String tenant) {
    return keyAttributes.getOrDefault(tenant, KeyAttributeDocument.DEFAULT_KEY);
  }

  /** The tenant's integration of this type, as stored (secrets encrypted). */
  public Optional<IntegrationDocument> integration(String tenant, String type) {
    return Optional.ofNullable(integrations.get(tenant + "/" + type));
  }

  public Optional<ListenerStatus> status(ListenerKey key) {
    return Optional.ofNullable(statuses.get(key));
  }

  /** Every listener that has a status document, whether or not the listener still exists. */
  public Set<ListenerKey> statusKeys() {
    return new HashSet<>(statuses.keySet());
  }
}
