package io.cxengage.connectors.listeners;

import io.cxengage.connectors.config.IntegrationDocument;
import io.cxengage.connectors.config.ListenerDocument;
import java.util.Objects;

/**
 * Everything one client needs to run a listener: the listener document, the tenant's key attribute
 * and the tenant's decrypted credentials for the listener's type (null when it has none). Two specs
 * are equal when a running client could go on unchanged; any difference restarts the client.
 */
public final class ListenerSpec {

  private final ListenerKey key;
  private final ListenerDocument listener;
  private final String keyAttribute;
  private final IntegrationDocument credentials;

  public ListenerSpec(
      ListenerKey key,
      ListenerDocument listener,
      String keyAttribute,
      IntegrationDocument credentials) {
    this.key = key;
    this.listener = listener;
    this.keyAttribute = keyAttribute;
    this.credentials = credentials;
  }

  public ListenerKey key() {
    return key;
  }

  public ListenerDocument listener() {
    return listener;
  }

  public String type() {
    return listener.type();
  }

  public String keyAttribute() {
    return keyAttribute;
  }

  /** The decrypted credentials of the tenant's integration of this type; null when none. */
  public IntegrationDocument credentials() {
    return credentials;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ListenerSpec other
        && key.equals(other.key)
        && listener.equals(other.listener)
        && keyAttribute.equals(other.keyAttribute)
        && Objects.equals(fields(credentials), fields(other.credentials));
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, listener, keyAttribute);
  }

  private static Object fields(IntegrationDocument document) {
    return document == null ? null : document.fields();
  }

  /** Never the credentials. */
  @Override
  public String toString() {
    return "ListenerSpec[" + key + ", type=" + listener.type() + "]";
  }
}
