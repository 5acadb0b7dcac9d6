package io.cxengage.admin.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one exception hierarchy of the admin API: each subclass is one HTTP status. {@link
 * ErrorMapping} turns it into {@code {"error": message, ...details}}; nothing else reaches the
 * client.
 */
public abstract class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final transient Map<String, Object> details = new LinkedHashMap<>();

  protected ApiException(String message) {
    super(message, null, false, false);
  }

  /** The HTTP status this error is answered with. */
  public abstract int status();

  /** Extra fields of the error body, such as {@code field} or {@code errors}. */
  public Map<String, Object> details() {
    return details;
  }

  /** Headers to send with the error, such as {@code Retry-After}. */
  public Map<String, String> headers() {
    return Map.of();
  }

  /** Adds a field to the error body. */
  @SuppressWarnings("unchecked")
  public <T extends ApiException> T with(String name, Object value) {
    details.put(name, value);
    return (T) this;
  }
}
