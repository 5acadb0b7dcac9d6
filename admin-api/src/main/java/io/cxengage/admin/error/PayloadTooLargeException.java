package io.cxengage.admin.error;

/** 413: the request body (or one event of a batch) is over its limit. */
public class PayloadTooLargeException extends ApiException {

  private static final long serialVersionUID = 1L;

  public PayloadTooLargeException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 413;
  }
}
