package io.cxengage.admin.store;

/** The configuration log cannot be read or written (Kafka unreachable, timed out, stopped). */
public class ConfigLogException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConfigLogException(String message) {
    super(message);
  }

  public ConfigLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
