package io.cxengage.admin.error;

import java.util.Map;

/** 429: the tenant is over its event rate limit; {@code Retry-After} says when to try again. */
public class TooManyRequestsException extends ApiException {

  private static final long serialVersionUID = 1L;
  private final long retryAfterSeconds;

  public TooManyRequestsException(String message, long retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
    with("retry-after", retryAfterSeconds);
  }

  @Override
  public int status() {
    return 429;
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Retry-After", Long.toString(retryAfterSeconds));
  }
}
