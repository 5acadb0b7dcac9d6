package io.cxengage.connectors.config;

import java.util.Optional;

/** The kinds of document in the configuration log, as they appear in its keys. */
public enum ConfigKind {
  TENANT("tenant"),
  KEY_ATTRIBUTE("key-attribute"),
  PATTERN("pattern"),
  TEMPLATE("template"),
  LISTENER("listener"),
  INTEGRATION("integration"),
  AUGMENT("augment"),
  USER("user"),
  /** A claim of the next id of a kind, counted in log order (see ConfigKey). */
  ID_CLAIM("id-claim"),
  /** A listener's running state as its runner reports it ({@code t/listener-status/LIn}). */
  LISTENER_STATUS("listener-status"),
  /**
   * Where an augment's uploaded CSV rows lie in {@code cx.augment-rows} (owned by the admin API).
   */
  AUGMENT_FILE("augment-file");

  private final String wireName;

  ConfigKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<ConfigKind> fromWireName(String name) {
    for (ConfigKind kind : values()) {
      if (kind.wireName.equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
