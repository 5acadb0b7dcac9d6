package io.cxengage.connectors.listeners;

import io.cxengage.connectors.config.ConfigKey;
import io.cxengage.connectors.config.ConfigKind;

/** A listener across tenants: {@code tenant/LIn}. */
public record ListenerKey(String tenant, String id) {

  public ConfigKey configKey() {
    return ConfigKey.of(tenant, ConfigKind.LISTENER, id);
  }

  public ConfigKey statusKey() {
    return ConfigKey.of(tenant, ConfigKind.LISTENER_STATUS, id);
  }

  @Override
  public String toString() {
    return tenant + "/" + id;
  }
}
