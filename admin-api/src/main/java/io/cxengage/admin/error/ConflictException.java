package io.cxengage.admin.error;

/** 409: the change conflicts with the current state (an existing id, a template in use). */
public class ConflictException extends ApiException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 409;
  }
}
