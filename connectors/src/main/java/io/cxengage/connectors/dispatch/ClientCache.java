package io.cxengage.connectors.dispatch;

import io.cxengage.connectors.config.IntegrationDocument;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One client per tenant, made lazily from the tenant's credentials and kept while they stay the
 * same. Changed credentials (a rotated key) replace the tenant's client and close the old one, so
 * the cache holds at most one client per tenant. The key holds a hash of the credentials, never the
 * credentials themselves.
 *
 * @param <C> the client type
 */
public final class ClientCache<C> implements AutoCloseable {

  private record Entry<C>(String fingerprint, C client) {}

  private final Map<String, Entry<C>> byTenant = new ConcurrentHashMap<>();
  private final Consumer<C> closer;

  /**
   * @param closer releases a client that is no longer used
   */
  public ClientCache(Consumer<C> closer) {
    this.closer = closer;
  }

  /**
   * The tenant's client for these credentials; {@code factory} makes it on first use and when the
   * credentials changed.
   */
  public C get(String tenant, IntegrationDocument credentials, Supplier<C> factory) {
    String fingerprint = fingerprint(credentials);
    AtomicReference<Entry<C>> replaced = new AtomicReference<>();
    Entry<C> entry =
        byTenant.compute(
            tenant,
            (t, current) -> {
              if (current != null && current.fingerprint().equals(fingerprint)) {
                return current;
              }
              replaced.set(current);
              return new Entry<>(fingerprint, factory.get());
            });
    if (replaced.get() != null) {
      closer.accept(replaced.get().client());
    }
    return entry.client();
  }

  /** How many tenants have a client, for tests and metrics. */
  public int size() {
    return byTenant.size();
  }

  @Override
  public void close() {
    byTenant.values().forEach(entry -> closer.accept(entry.client()));
    byTenant.clear();
  }

  /** SHA-256 over the sorted fields: equal credentials, equal fingerprint, in any field order. */
  public static String fingerprint(IntegrationDocument credentials) {
    Map<String, Object> sorted =
        credentials == null ? Map.of() : new TreeMap<>(credentials.fields());
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      sorted.forEach(
          (name, value) -> {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
          });
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }
}
