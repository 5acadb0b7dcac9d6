package io.cxengage.connectors.settings;

/**
 * An option of one of the engine's services (the admin API, the listener runner): a flag ({@code
 * --kafka-bootstrap=host:9092}), an environment variable named after the enum constant ({@code
 * CX_KAFKA_BOOTSTRAP}), a default and a description. Implemented by each service's option enum, so
 * that {@link OptionValues} reads and checks them all alike.
 */
public interface ServiceOption {

  /** The enum constant's name, which the environment variable is made of. */
  String name();

  String flag();

  /** The default, or null when the option has none. */
  String defaultValue();

  String description();

  default String env() {
    return "CX_" + name();
  }

  /** How messages name the option: {@code port (CX_PORT)}. */
  default String display() {
    return flag() + " (" + env() + ")";
  }
}
