package io.cxengage.admin.error;

/** 403: the caller has no access to the tenant, or the call is for platform admins only. */
public class ForbiddenException extends ApiException {

  private static final long serialVersionUID = 1L;

  public ForbiddenException(String message) {
    super(message);
  }

  @Override
  public int status() {
    return 403;
  }
}
