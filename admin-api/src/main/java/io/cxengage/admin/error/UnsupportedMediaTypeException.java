package io.cxengage.admin.error;

/** 415: the body's content type is not one this route reads. */
public class UnsupportedMediaTypeException extends ApiException {

  private static final long serialVersionUID = 1L;

  public UnsupportedMediaTypeException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 415;
  }
}
