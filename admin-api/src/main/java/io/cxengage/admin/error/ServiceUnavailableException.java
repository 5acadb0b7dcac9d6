package io.cxengage.admin.error;

/** 503: Kafka cannot be reached or did not acknowledge in time; the request may be retried. */
public class ServiceUnavailableException extends ApiException {

  private static final long serialVersionUID = 1L;

  public ServiceUnavailableException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 503;
  }
}
