package io.cxengage.admin.error;

/** 400: a required field is missing or a value is invalid; the message names the field. */
public class BadRequestException extends ApiException {

  private static final long serialVersionUID = 1L;

  public BadRequestException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 400;
  }
}
