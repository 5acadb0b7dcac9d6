package io.cxengage.admin.error;

/** 404: the tenant, the item or the route does not exist. */
public class NotFoundException extends ApiException {

  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 404;
  }
}
